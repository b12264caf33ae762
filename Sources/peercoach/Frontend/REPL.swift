import CReadline
import Foundation
import PeerCoachKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// The interactive front end (stdin is a terminal): GNU readline with history, line editing and
/// tab completion of slash commands and scenario ids.
struct REPL {
    let runner: PracticeRunner
    let dialogs: Dialogs
    let style: TextStyle
    /// Starts another scenario (for `/restart ID`); returns nil if it cannot.
    let switchScenario: (String) -> PracticeRunner?

    static let commands = ["/help", "/hint", "/score", "/model", "/restart", "/scenarios", "/quit"]

    /// Completion candidates, read by the C callback (which cannot capture context).
    nonisolated(unsafe) static var candidates: [String] = []
    nonisolated(unsafe) static var matchIndex = 0
    nonisolated(unsafe) static var currentMatches: [String] = []

    func run() {
        REPL.candidates = REPL.commands + dialogs.scenarios.map(\.id)
        setUpReadline()
        let history = HistoryFile()
        history.load()
        var current = runner
        current.begin()
        while true {
            if current.isOver {
                current.say(style.dim("Type /restart to try again, /restart ID for another scenario, or /quit.") + "\n")
            }
            guard let line = readLine(prompt: current.isOver ? "> " : "you> ") else {
                // Ctrl-D: end with the summary.
                current.say("\n")
                current.finish()
                break
            }
            let text = line.trimmingWhitespace()
            if text.isEmpty { continue }
            history.add(text)
            if text.hasPrefix("/") {
                let parts = text.split(separator: " ", maxSplits: 1).map(String.init)
                let name = parts[0].lowercased()
                let argument = parts.count > 1 ? parts[1].trimmingWhitespace() : ""
                switch name {
                case "/help": current.say(Self.helpText(style: style))
                case "/quit", "/exit", "/q": current.finish(); history.save(); return
                case "/scenarios":
                    var list = ""
                    for s in dialogs.scenarios { list += "  " + style.bold(s.id) + "  " + Sanitizer.clean(s.title) + "\n" }
                    current.say(list + style.dim("Start one with /restart ID.") + "\n")
                case "/restart" where !argument.isEmpty:
                    if let next = switchScenario(argument) {
                        current.finish()
                        current = next
                        current.begin()
                    }
                case "/hint", "/score", "/model", "/restart":
                    current.command(SessionCommand(rawValue: String(name.dropFirst()))!)
                default:
                    current.say(style.yellow("Unknown command \(Sanitizer.clean(name)).") + " Type /help for the list.\n")
                }
                continue
            }
            if current.isOver {
                current.say("This session has ended. /restart to go again.\n")
                continue
            }
            current.reply(text)
        }
        history.save()
    }

    static func helpText(style: TextStyle) -> String {
        """
        \(style.bold("Reply as you would to the peer; each reply is scored against the scenario's rubric."))
          /hint           a nudge for this moment of the conversation
          /model          one way a skilled peer specialist might say it (after your own try)
          /score          your score so far
          /restart [ID]   start this scenario again, or another one
          /scenarios      list the scenarios
          /quit           end the session and show the summary (Ctrl-D does the same)
        Ctrl-C clears the line you are typing. Up and Down recall earlier replies; Tab completes commands.

        """
    }

    private func readLine(prompt: String) -> String? {
        StandardOutput.shared.flush()
        guard let raw = readline(prompt) else { return nil }
        defer { free(raw) }
        return String(cString: raw)
    }

    private func setUpReadline() {
        pc_set_completion { text, start, _ in
            pc_set_attempted_completion_over(1)
            guard let text else { return nil }
            let prefix = String(cString: text)
            let line = String(cString: pc_line_buffer())
            // Complete commands at the start of the line, scenario ids after "/restart ".
            if start == 0 {
                REPL.currentMatches = REPL.commands.filter { $0.hasPrefix(prefix) }
            } else if line.hasPrefix("/restart ") {
                REPL.currentMatches = REPL.candidates.filter { !$0.hasPrefix("/") && $0.hasPrefix(prefix) }
            } else {
                return nil
            }
            REPL.matchIndex = 0
            return rl_completion_matches(text) { _, state in
                if state == 0 { REPL.matchIndex = 0 }
                guard REPL.matchIndex < REPL.currentMatches.count else { return nil }
                defer { REPL.matchIndex += 1 }
                return strdup(REPL.currentMatches[REPL.matchIndex])
            }
        }
        // Ctrl-C drops the line being typed and shows a fresh prompt; the session goes on.
        signal(SIGINT) { _ in pc_reset_line() }
    }
}

/// Readline history kept under the XDG state directory, written atomically (temp file + rename).
final class HistoryFile {
    let path: String
    static let limit: Int32 = 1000

    init(environment: [String: String] = ProcessInfo.processInfo.environment) {
        let base: String
        if let state = environment["XDG_STATE_HOME"], state.hasPrefix("/") {
            base = state
        } else {
            base = (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        }
        path = base + "/peercoach/history"
    }

    func load() {
        using_history()
        stifle_history(Self.limit)
        _ = read_history(path)
    }

    func add(_ line: String) { add_history(line) }

    func save() {
        let dir = (path as NSString).deletingLastPathComponent
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let temp = path + ".tmp-\(getpid())"
        if write_history(temp) == 0 {
            if rename(temp, path) != 0 { unlink(temp) }
        } else {
            unlink(temp)
        }
    }
}
