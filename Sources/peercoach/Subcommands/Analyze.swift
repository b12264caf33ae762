import ArgumentParser
import Dispatch
import PeerCoachKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

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
        let settings = AnalyzeSettings(json: json, writer: AnalyzeJSON(library: library), state: rubricState, session: session)
        AnalyzePipeline(library: library, settings: settings).run()
    }
}

/// What every line is analysed with.
struct AnalyzeSettings: Sendable {
    var json: Bool
    var writer: AnalyzeJSON
    var state: ScenarioState?
    var session: Session?
}

/// Runs `analyze` over standard input on two threads, output in input order, memory bounded.
///
/// The main thread reads whole lines in blocks (`LineReader.nextBlock`, so lines split exactly as
/// line by line), fills a `Chunk` with about `chunkBytes` of them, and hands it to the next worker
/// in turn; each worker has its own `Tagger` (the library is immutable and shared) and writes the
/// chunk's result lines into the chunk. The main thread writes finished chunks in the order it
/// read them. At most `chunkCount` chunks exist, so memory stays flat whatever the input's size.
struct AnalyzePipeline {
    static let workerCount = 2
    static let chunkCount = 4
    static let chunkBytes = 1 << 20

    let library: ConceptLibrary
    let settings: AnalyzeSettings

    func run() {
        let workers = (0..<Self.workerCount).map { i in
            AnalyzeWorker(queue: DispatchQueue(label: "peercoach.analyze.\(i)"), library: library, settings: settings)
        }
        var free = (0..<Self.chunkCount).map { _ in Chunk() }
        var inFlight: [Chunk] = []
        var reader = LineReader()
        var lineNumber = 0
        var turn = 0
        var more = true
        while more {
            if free.isEmpty {
                let c = inFlight.removeFirst()
                c.finished.wait()
                c.emit()
                free.append(c)
            }
            let chunk = free.removeLast()
            more = chunk.fill(from: &reader, lineNumber: &lineNumber)
            guard chunk.lineCount > 0 else { free.append(chunk); continue }
            let worker = workers[turn % workers.count]
            turn += 1
            inFlight.append(chunk)
            worker.queue.async { worker.analyse(chunk); chunk.finished.signal() }
        }
        for c in inFlight {
            c.finished.wait()
            c.emit()
        }
        StandardOutput.shared.flush()
    }
}

/// A block of input lines and, once a worker is done with it, their result lines. Owned by the main
/// thread, except between `queue.async` and `finished.signal()`, when only its worker touches it:
/// that hand-over (through the queue and the semaphore) is why the unchecked `Sendable` is sound.
final class Chunk: @unchecked Sendable {
    /// The lines, each ending with LF (a too-long line is an empty line here, with a `problem`).
    var input: [UInt8] = []
    var lineCount = 0
    /// The number of the chunk's first line in the whole input (1-based).
    var firstLine = 1
    /// Too-long lines: index in the chunk, and the message.
    var problems: [(line: Int, message: String)] = []
    var output: [UInt8] = []
    /// Warnings for standard error (plain-text mode), written with the output.
    var warnings: [String] = []
    let finished = DispatchSemaphore(value: 0)

    init() {
        input.reserveCapacity(AnalyzePipeline.chunkBytes + (1 << 17))
        output.reserveCapacity(4 * AnalyzePipeline.chunkBytes)
    }

    /// Fills the chunk with the next lines; false at the end of input.
    func fill(from reader: inout LineReader, lineNumber: inout Int) -> Bool {
        input.removeAll(keepingCapacity: true)
        problems.removeAll(keepingCapacity: true)
        lineCount = 0
        firstLine = lineNumber + 1
        defer { lineNumber += lineCount }
        while input.count < AnalyzePipeline.chunkBytes {
            guard let block = reader.nextBlock() else { return false }
            switch block {
            case .lines(let lines):
                input.append(contentsOf: lines)
                lineCount += lines.withUnsafeBytes { Self.newlines(in: $0) }
            case .line(let line):
                input.append(contentsOf: line); input.append(0x0A)
                lineCount += 1
            case .tooLong:
                problems.append((lineCount, "line \(lineNumber + lineCount + 1) is longer than \(LineReader.maxLineBytes) bytes; not analysed"))
                input.append(0x0A)
                lineCount += 1
            }
        }
        return true
    }

    private static func newlines(in bytes: UnsafeRawBufferPointer) -> Int {
        var n = 0, p = bytes.baseAddress!
        let end = p + bytes.count
        while let hit = memchr(p, 0x0A, end - p) {
            n += 1
            p = UnsafeRawPointer(hit) + 1
        }
        return n
    }

    /// Writes the result lines (and any warnings) out; called on the main thread, in input order.
    func emit() {
        for w in warnings { printWarning(w) }
        output.withUnsafeBytes { StandardOutput.shared.write(bytes: $0) }
    }
}

/// A thread's share of `analyze`: its own `Tagger`, used only on its queue.
final class AnalyzeWorker: @unchecked Sendable {
    let queue: DispatchQueue
    private var tagger: Tagger
    private let settings: AnalyzeSettings

    init(queue: DispatchQueue, library: ConceptLibrary, settings: AnalyzeSettings) {
        self.queue = queue
        tagger = Tagger(library: library)
        self.settings = settings
    }

    /// Tags every line of `chunk` and writes its results into `chunk.output`.
    func analyse(_ chunk: Chunk) {
        chunk.output.removeAll(keepingCapacity: true)
        chunk.warnings.removeAll()
        var nextProblem = 0
        chunk.input.withUnsafeBufferPointer { input in
            var lineStart = 0
            for index in 0..<chunk.lineCount {
                let raw = input.baseAddress! + lineStart
                let newline = UnsafePointer<UInt8>(memchr(raw, 0x0A, input.count - lineStart)!.assumingMemoryBound(to: UInt8.self))
                var line = UnsafeBufferPointer(start: raw, count: newline - raw)
                lineStart += line.count + 1
                var problem: String? = nil
                if nextProblem < chunk.problems.count, chunk.problems[nextProblem].line == index {
                    problem = chunk.problems[nextProblem].message
                    nextProblem += 1
                }
                if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                let turn = chunk.firstLine + index
                // Plain ASCII is its own UTF-8; anything else is decoded as `LineReader.decode` does.
                if line.contains(where: { $0 == 0 || $0 >= 0x80 }) {
                    var text = LineReader.decode(ArraySlice(line))
                    text.withUTF8 { analyse($0, problem: problem, turn: turn, into: chunk) }
                } else {
                    analyse(line, problem: problem, turn: turn, into: chunk)
                }
            }
        }
    }

    /// Tags one reply and writes its result line.
    private func analyse(_ text: UnsafeBufferPointer<UInt8>, problem: String?, turn: Int, into chunk: Chunk) {
        tagger.tag(text)
        let score = settings.state.map { settings.session!.score(String(decoding: text, as: UTF8.self), in: $0, turn: turn) }
        if settings.json {
            settings.writer.write(text: text, hits: tagger.hits, score: score, problem: problem, to: &chunk.output)
        } else {
            let library = tagger.library
            if let problem { chunk.warnings.append(problem) }
            let tags = tagger.hits.map { h in
                let evidence = String(decoding: UnsafeBufferPointer(rebasing: text[h.start..<h.end]), as: UTF8.self)
                return "\(library.concepts[h.concept].id) \"\(Sanitizer.clean(evidence))\""
            }
            var line = tags.isEmpty ? "(none)" : tags.joined(separator: "  ")
            if let score { line = "\(score.points)/\(score.max)  " + line }
            chunk.output.append(contentsOf: line.utf8)
            chunk.output.append(0x0A)
        }
    }
}

/// Writes `analyze --json` lines straight into the output buffer, byte for byte what `JSONObject`
/// would build: {"text":…,"concepts":[{"id":…,"evidence":…,"start":…,"end":…}],"flags":[…]}
/// then, when asked, "points", "max", "feedback" and "error".
struct AnalyzeJSON: Sendable {
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
    /// Runs of bytes that need no escape are found eight at a time and copied whole.
    static func string(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        var plain = 0, i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n, !needsEscape(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self)) {
                i += 8
                continue
            }
            let b = bytes[i]
            if b == 0x22 || b == 0x5C || b < 0x20 {
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
            i += 1
        }
        out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[plain...]))
        out.append(UInt8(ascii: "\""))
    }

    /// Whether any of the eight bytes in `w` is `"`, `\` or a control byte (below 0x20).
    @inline(__always)
    private static func needsEscape(_ w: UInt64) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZeroByte(_ x: UInt64) -> Bool { (x &- ones) & ~x & highs != 0 }
        let below20 = (w &- 0x2020_2020_2020_2020) & ~w & highs != 0
        return below20 || hasZeroByte(w ^ 0x2222_2222_2222_2222) || hasZeroByte(w ^ 0x5C5C_5C5C_5C5C_5C5C)
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
