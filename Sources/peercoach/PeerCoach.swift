import ArgumentParser
import PeerCoachKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The root command: `peercoach` alone practises the default scenario.
struct PeerCoach: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "peercoach",
        abstract: "Rehearse peer-support conversations and get scored feedback.",
        discussion: """
            You play a Certified Peer Specialist; peercoach plays a peer who is struggling, walks a \
            scripted scenario, and scores each reply against a rubric, quoting the words that earned \
            or cost points. Run it with no arguments to start the default scenario.

            Scenarios and the concept library live in ./Dialogs (or --dialogs DIR, or $PEERCOACH_DIALOGS).
            Exit codes: 0 success; 1 the work found a problem; 2 bad usage or unreadable input.
            """,
        version: PeerCoachKitVersion.string,
        subcommands: [Practice.self, ListScenarios.self, Check.self, Analyze.self, Grade.self, Quiz.self, Progress.self],
        defaultSubcommand: Practice.self
    )
}

@main
enum Main {
    static func main() {
        signal(SIGPIPE, SIG_IGN)
        do {
            var command = try PeerCoach.parseAsRoot()
            try command.run()
            StandardOutput.shared.flush()
        } catch let error as CLIError {
            StandardOutput.shared.flush()
            printError(error.message)
            exit(error.code)
        } catch let error as ExitCode {
            StandardOutput.shared.flush()
            exit(error.rawValue)
        } catch {
            StandardOutput.shared.flush()
            let code = PeerCoach.exitCode(for: error)
            if code == .success {
                print(PeerCoach.fullMessage(for: error))
                exit(0)
            }
            let message = PeerCoach.message(for: error).split(separator: "\n").first.map(String.init) ?? "bad usage"
            printError("\(message) (see 'peercoach --help')")
            exit(2)
        }
    }
}
