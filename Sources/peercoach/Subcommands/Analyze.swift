import ArgumentParser
import PeerCoachKit

/// `peercoach analyze`: tags replies read from standard input, one per line.
struct Analyze: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Show which concepts each reply shows, and the words that show them.",
        discussion: """
            Reads one reply per line on standard input and writes one result per line, in order. \
            With --json each result is an object:
              {"text": "...", "concepts": [{"id": "empathy", "evidence": "that sounds hard", "start": 0, "end": 16}], "flags": []}
            With --scenario (and --state, default the scenario's first state) each result also says \
            how the reply scores against that state's rubric.

            EXAMPLES:
              echo "That sounds exhausting. What would help this week?" | peercoach analyze
              peercoach analyze --json < replies.txt
            """,
    )

    @Flag(help: "Write JSON Lines.")
    var json = false

    @Option(help: ArgumentHelp("Score against this scenario's rubric.", valueName: "id"))
    var scenario: String?

    @Option(help: ArgumentHelp("The state whose rubric scores the reply (with --scenario).", valueName: "id"))
    var state: String?

    @OptionGroup var options: DialogsOptions

    func validate() throws {
        if state != nil && scenario == nil { throw ValidationError("--state needs --scenario") }
    }

    func run() throws {
        var rubricState: ScenarioState? = nil
        var session: Session? = nil
        let library: ConceptLibrary
        if let scenarioID = scenario {
            let dialogs = try options.load()
            guard let s = dialogs.scenario(scenarioID) else {
                throw CLIError.usage("unknown scenario '\(scenarioID)' (see 'peercoach list')")
            }
            let stateID = state ?? s.start
            guard let st = s.state(stateID) else {
                throw CLIError.usage("scenario '\(scenarioID)' has no state '\(stateID)'")
            }
            rubricState = st
            library = dialogs.library
            session = Session(scenario: s, library: library)
        } else {
            library = try options.loadLibrary()
        }
        let out = StandardOutput.shared
        var reader = LineReader()
        var lineNumber = 0
        while let line = reader.next() {
            lineNumber += 1
            let text: String
            var problem: String? = nil
            switch line {
            case .text(let t): text = t
            case .tooLong(let head):
                text = ""
                problem = "line \(lineNumber) is longer than \(LineReader.maxLineBytes) bytes; not analysed"
                _ = head
            }
            let concepts = library.tag(text)
            let turn = rubricState.map { session!.score(text, in: $0, turn: lineNumber) }
            if json {
                var o = JSONObject()
                o.add("text", text)
                o.add("concepts", objects: concepts.map { c in
                    var j = JSONObject(); j.add("id", c.id); j.add("evidence", c.evidence); j.add("start", c.start); j.add("end", c.end); return j
                })
                o.add("flags", strings: concepts.filter { library.concept($0.id)?.isRedFlag == true }.map(\.id))
                if let turn {
                    o.add("points", turn.points)
                    o.add("max", turn.max)
                    o.add("feedback", strings: turn.feedback.map(\.text))
                }
                if let problem { o.add("error", problem) }
                out.line(o.text)
            } else {
                if let problem { printWarning(problem) }
                let tags = concepts.map { "\($0.id) \"\(Sanitizer.clean($0.evidence))\"" }
                var line = tags.isEmpty ? "(none)" : tags.joined(separator: "  ")
                if let turn { line = "\(turn.points)/\(turn.max)  " + line }
                out.line(line)
            }
        }
    }
}
