import ArgumentParser
import PeerCoachKit

/// `peercoach progress`: a learner's skills over their sessions, as sparklines in the terminal.
struct Progress: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show each learner's skills over their sessions, oldest first, as sparklines.",
        discussion: """
            Transcripts are graded as 'peercoach grade' grades them and grouped by the learner \
            recorded with 'practice --learner'. For each learner, one row per skill shows a \
            sparkline across their sessions ordered by date (· means the session did not show the \
            skill; taller means more replies showed it), then the overall percentage of each \
            session and the red flags. Without --learner, every learner gets a block.

            Exit status: 0 shown; 2 bad usage, an unreadable transcript, or no transcripts for the \
            learner named.

            EXAMPLES:
              peercoach progress
              peercoach progress --learner "Sam Ortiz"
              peercoach progress --learner "Sam Ortiz" cohort/spring/
            """
    )

    @Option(help: ArgumentHelp("Only this learner (as given to 'practice --learner'; case is ignored).", valueName: "name"))
    var learner: String?

    @Argument(help: ArgumentHelp("Transcript files or folders (default: Transcripts/).", valueName: "path"))
    var paths: [String] = []

    @OptionGroup var options: DialogsOptions

    func run() throws {
        let dialogs = try options.load()
        let grader = Grader(dialogs: dialogs)
        var failures = 0
        var results: [GradeResult] = []
        for (source, text) in try TranscriptSources.read(paths.isEmpty ? ["Transcripts"] : paths, failures: &failures) {
            do {
                var r = try grader.grade(text, source: source)
                r.learner = r.learner.map(Sanitizer.clean)
                r.scenario = r.scenario.map(Sanitizer.clean)
                r.date = r.date.map(Sanitizer.clean)
                results.append(r)
            } catch {
                printError(error.message)
                failures += 1
            }
        }
        var learners = Cohort(results, library: dialogs.library).learners
        if let wanted = learner?.trimmingWhitespace() {
            learners = learners.filter { $0.name.lowercased() == wanted.lowercased() }
            if learners.isEmpty {
                let known = Cohort(results, library: dialogs.library).learners.map(\.name)
                let hint = known.isEmpty ? "no transcripts were found" : "learners found: " + known.joined(separator: ", ")
                throw CLIError.usage("no transcripts for learner '\(wanted)' (\(hint))")
            }
        } else if learners.isEmpty && failures == 0 {
            printWarning("no transcripts to show; record some with 'peercoach practice --learner NAME'")
        }
        StandardOutput.shared.write(ProgressText.render(learners, library: dialogs.library, colour: useColour()))
        if failures > 0 { throw ExitCode(2) }
    }
}
