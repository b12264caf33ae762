import ArgumentParser
import PeerCoachKit

/// `peercoach list`: the scenarios available.
struct ListScenarios: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the scenarios: id, title, skills practised and states.",
        discussion: """
            EXAMPLES:
              peercoach list
              peercoach list --json | jq -r .id
            """
    )

    @Flag(help: "Write one JSON object per scenario.")
    var json = false

    @OptionGroup var options: DialogsOptions

    func run() throws {
        // Listing tags nothing, so the library's patterns are not compiled (most of start-up),
        // and it asks no quiz questions.
        let dialogs = try options.load(compileLibrary: false, quiz: false)
        let out = StandardOutput.shared
        if dialogs.scenarios.isEmpty {
            printWarning("no scenarios in '\(dialogs.directory)/scenarios'")
        }
        for s in dialogs.scenarios {
            if json {
                var o = JSONObject()
                o.add("id", s.id)
                o.add("title", s.title)
                o.add("summary", s.summary.trimmingWhitespace())
                o.add("skills", strings: s.skills)
                o.add("states", strings: s.states.map(\.id))
                o.add("default", s.id == Dialogs.defaultScenarioID)
                out.line(o.text)
            } else {
                let mark = s.id == Dialogs.defaultScenarioID ? " (default)" : ""
                out.line(Sanitizer.clean("\(s.id)\(mark)  \(s.title)"))
                out.line(Sanitizer.clean("    skills: \(s.skills.joined(separator: ", "))  ·  \(s.states.count) states"))
            }
        }
    }
}
