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
            let s = try DialogsOptions.playableScenario(scenarioID, in: dialogs)
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
        var tagger = Tagger(library: library)
        let writer = AnalyzeJSON(library: library)
        var reader = LineReader()
        var lineNumber = 0
        while let raw = reader.nextRaw() {
            lineNumber += 1
            var problem: String? = nil
            var line: ArraySlice<UInt8> = []
            switch raw {
            case .bytes(let bytes):
                line = bytes
                if line.last == 0x0D { line = line.dropLast() }
            case .tooLong:
                problem = "line \(lineNumber) is longer than \(LineReader.maxLineBytes) bytes; not analysed"
            }
            // Plain ASCII is its own UTF-8; anything else is decoded as `LineReader.decode` does.
            if line.contains(where: { $0 == 0 || $0 >= 0x80 }) {
                var text = LineReader.decode(line)
                text.withUTF8 { analyse($0, json: json, tagger: &tagger, writer: writer, problem: problem, turn: lineNumber, state: rubricState, session: session) }
            } else {
                line.withUnsafeBufferPointer { analyse($0, json: json, tagger: &tagger, writer: writer, problem: problem, turn: lineNumber, state: rubricState, session: session) }
            }
            _ = out
        }
    }

    /// Tags one reply and writes its result line.
    private func analyse(_ text: UnsafeBufferPointer<UInt8>, json: Bool, tagger: inout Tagger, writer: AnalyzeJSON,
                         problem: String?, turn: Int, state: ScenarioState?, session: Session?) {
        let out = StandardOutput.shared
        tagger.tag(text)
        let score = state.map { session!.score(String(decoding: text, as: UTF8.self), in: $0, turn: turn) }
        if json {
            out.append { writer.write(text: text, hits: tagger.hits, score: score, problem: problem, to: &$0) }
        } else {
            let library = tagger.library
            if let problem { printWarning(problem) }
            let tags = tagger.hits.map { h in
                let evidence = String(decoding: UnsafeBufferPointer(rebasing: text[h.start..<h.end]), as: UTF8.self)
                return "\(library.concepts[h.concept].id) \"\(Sanitizer.clean(evidence))\""
            }
            var line = tags.isEmpty ? "(none)" : tags.joined(separator: "  ")
            if let score { line = "\(score.points)/\(score.max)  " + line }
            out.line(line)
        }
    }
}

/// Writes `analyze --json` lines straight into the output buffer, byte for byte what `JSONObject`
/// would build: {"text":…,"concepts":[{"id":…,"evidence":…,"start":…,"end":…}],"flags":[…]}
/// then, when asked, "points", "max", "feedback" and "error".
struct AnalyzeJSON {
    /// Per concept: `{"id":"<id>","evidence":` and `"<id>"`, already encoded.
    private let conceptHead: [[UInt8]]
    private let flagName: [[UInt8]]
    private let isFlag: [Bool]

    init(library: ConceptLibrary) {
        conceptHead = library.concepts.map { c in
            var s = "{"; JSONObject.appendString("id", to: &s); s += ":"; JSONObject.appendString(c.id, to: &s)
            s += ","; JSONObject.appendString("evidence", to: &s); s += ":"
            return Array(s.utf8)
        }
        flagName = library.concepts.map { c in var s = ""; JSONObject.appendString(c.id, to: &s); return Array(s.utf8) }
        isFlag = library.concepts.map { library.concept($0.id)?.isRedFlag == true }
    }

    func write(text: UnsafeBufferPointer<UInt8>, hits: [Tagger.Hit], score: TurnScore?, problem: String?, to out: inout [UInt8]) {
        out.append(contentsOf: #"{"text":"#.utf8)
        Self.string(text, to: &out)
        out.append(contentsOf: #","concepts":["#.utf8)
        for (k, h) in hits.enumerated() {
            if k > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: conceptHead[h.concept])
            Self.string(UnsafeBufferPointer(rebasing: text[h.start..<h.end]), to: &out)
            out.append(contentsOf: #","start":"#.utf8)
            Self.int(h.start, to: &out)
            out.append(contentsOf: #","end":"#.utf8)
            Self.int(h.end, to: &out)
            out.append(UInt8(ascii: "}"))
        }
        out.append(contentsOf: #"],"flags":["#.utf8)
        var first = true
        for h in hits where isFlag[h.concept] {
            if !first { out.append(UInt8(ascii: ",")) }
            first = false
            out.append(contentsOf: flagName[h.concept])
        }
        out.append(UInt8(ascii: "]"))
        if let score {
            out.append(contentsOf: #","points":"#.utf8); Self.int(score.points, to: &out)
            out.append(contentsOf: #","max":"#.utf8); Self.int(score.max, to: &out)
            out.append(contentsOf: #","feedback":["#.utf8)
            for (k, f) in score.feedback.enumerated() {
                if k > 0 { out.append(UInt8(ascii: ",")) }
                var s = ""; JSONObject.appendString(f.text, to: &s); out.append(contentsOf: s.utf8)
            }
            out.append(UInt8(ascii: "]"))
        }
        if let problem {
            var s = ","; JSONObject.appendString("error", to: &s); s += ":"; JSONObject.appendString(problem, to: &s)
            out.append(contentsOf: s.utf8)
        }
        out.append(contentsOf: "}\n".utf8)
    }

    /// A JSON string literal of (valid UTF-8) bytes, escaped as `JSONObject.appendString` does.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = 0
        for (i, b) in bytes.enumerated() where b == 0x22 || b == 0x5C || b < 0x20 {
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain..<i]))
            switch b {
            case 0x22: out.append(contentsOf: #"\""#.utf8)
            case 0x5C: out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            default:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            }
            plain = i + 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        out.append(UInt8(ascii: "\""))
    }

    static func int(_ value: Int, to out: inout [UInt8]) {
        if value < 0 { out.append(contentsOf: String(value).utf8); return }
        var digits: (UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8, UInt8) =
            (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var v = value, n = 0
        withUnsafeMutableBytes(of: &digits) { d in
            repeat { d[n] = UInt8(48 + v % 10); v /= 10; n += 1 } while v > 0
            while n > 0 { n -= 1; out.append(d[n]) }
        }
    }
}
