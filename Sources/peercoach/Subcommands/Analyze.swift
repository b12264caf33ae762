import ArgumentParser
import Dispatch
import Foundation
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

    @Option(name: [.short, .long],
            help: ArgumentHelp("Tag on this many threads (default: one per processor core, at most \(AnalyzePipeline.defaultJobsLimit)).", valueName: "n"))
    var jobs: Int?

    @OptionGroup var options: DialogsOptions

    func validate() throws {
        if state != nil && scenario == nil { throw ValidationError("--state needs --scenario") }
        if let jobs, !(1...AnalyzePipeline.maxJobs).contains(jobs) {
            throw ValidationError("--jobs must be from 1 to \(AnalyzePipeline.maxJobs), not \(jobs)")
        }
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
        AnalyzePipeline(library: library, settings: settings, workerCount: jobs ?? AnalyzePipeline.defaultJobs).run()
    }
}

/// What every line is analysed with.
struct AnalyzeSettings: Sendable {
    var json: Bool
    var writer: AnalyzeJSON
    var state: ScenarioState?
    var session: Session?
}

/// Runs `analyze` over standard input on `workerCount` threads (`--jobs`), output in input order,
/// memory bounded.
///
/// The main thread reads whole lines in blocks (`LineReader.nextBlock`, so lines split exactly as
/// line by line), fills a `Chunk` with about `chunkBytes` of them, and hands it to the next worker
/// in turn; each worker has its own `Tagger` (the library is immutable and shared) and writes the
/// chunk's result lines into the chunk. The main thread writes finished chunks in the order it
/// read them. At most two chunks per worker exist, so memory stays flat whatever the input's size
/// (about 5 MB per worker). The output does not depend on the number of workers.
struct AnalyzePipeline {
    static let chunkBytes = 1 << 20
    /// The most `--jobs` accepts, and the most the default picks.
    static let maxJobs = 256
    static let defaultJobsLimit = 16
    /// One worker per processor core this process may use (affinity and cgroup quota), at most
    /// `defaultJobsLimit`.
    static var defaultJobs: Int { min(max(ProcessInfo.processInfo.activeProcessorCount, 1), defaultJobsLimit) }

    let library: ConceptLibrary
    let settings: AnalyzeSettings
    let workerCount: Int

    func run() {
        let workers = (0..<workerCount).map { i in
            AnalyzeWorker(queue: DispatchQueue(label: "peercoach.analyze.\(i)"), library: library, settings: settings)
        }
        var free = (0..<2 * workerCount).map { _ in Chunk() }
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
    let output = ByteBuffer(capacity: 4 * AnalyzePipeline.chunkBytes)
    /// Warnings for standard error (plain-text mode), written with the output.
    var warnings: [String] = []
    let finished = DispatchSemaphore(value: 0)

    init() {
        input.reserveCapacity(AnalyzePipeline.chunkBytes + (1 << 17))
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
        StandardOutput.shared.write(bytes: output.bytes)
    }
}

/// A thread's share of `analyze`: its own `Tagger`, used only on its queue.
final class AnalyzeWorker: @unchecked Sendable {
    let queue: DispatchQueue
    /// Moved out for the length of a chunk (`analyse(_:)`), so tagging a reply needs no exclusivity
    /// check on this class's property.
    private var tagger: Tagger?
    private let settings: AnalyzeSettings
    /// Whether replies are scored (`settings.state` is set, with --scenario): a `Bool`, so the
    /// check for each reply copies no `ScenarioState`.
    private let scoring: Bool

    init(queue: DispatchQueue, library: ConceptLibrary, settings: AnalyzeSettings) {
        self.queue = queue
        tagger = Tagger(library: library)
        self.settings = settings
        scoring = settings.state != nil
    }

    /// Tags every line of `chunk` and writes its results into `chunk.output`.
    func analyse(_ chunk: Chunk) {
        chunk.output.removeAll()
        chunk.warnings.removeAll()
        var tagger = self.tagger.take()!
        defer { self.tagger = tagger }
        let problems = chunk.problems
        var nextProblem = 0
        chunk.input.withUnsafeBufferPointer { input in
            var lineStart = 0
            for index in 0..<chunk.lineCount {
                let raw = input.baseAddress! + lineStart
                let newline = UnsafePointer<UInt8>(memchr(raw, 0x0A, input.count - lineStart)!.assumingMemoryBound(to: UInt8.self))
                var line = UnsafeBufferPointer(start: raw, count: newline - raw)
                lineStart += line.count + 1
                var problem: String? = nil
                if nextProblem < problems.count, problems[nextProblem].line == index {
                    problem = problems[nextProblem].message
                    nextProblem += 1
                }
                if line.last == 0x0D { line = UnsafeBufferPointer(rebasing: line.dropLast()) }
                let turn = chunk.firstLine + index
                // ASCII with no NUL is its own UTF-8; anything else is decoded as `LineReader.decode`
                // does. Most lines need no JSON escape either (`AnalyzeJSON.isPlain`).
                if AnalyzeJSON.isPlain(line) {
                    analyse(line, plain: true, problem: problem, turn: turn, tagger: &tagger, into: chunk)
                } else if Self.isASCIIWithoutNUL(line) {
                    analyse(line, plain: false, problem: problem, turn: turn, tagger: &tagger, into: chunk)
                } else {
                    var text = LineReader.decode(ArraySlice(line))
                    text.withUTF8 { analyse($0, plain: false, problem: problem, turn: turn, tagger: &tagger, into: chunk) }
                }
            }
        }
    }

    /// Tags one reply and writes its result line (`plain`: see `AnalyzeJSON.write`).
    private func analyse(_ text: UnsafeBufferPointer<UInt8>, plain: Bool, problem: String?, turn: Int, tagger: inout Tagger, into chunk: Chunk) {
        tagger.tag(text)
        if settings.json {
            // "points", "max", "feedback" (--scenario) and "error" (a too-long line) are rare.
            var extra = ""
            if scoring { extra = AnalyzeJSON.scoreFields(score(text, turn: turn)) }
            if let problem { extra += AnalyzeJSON.errorField(problem) }
            settings.writer.write(text: text, plain: plain, hits: tagger.hits, extra: extra, to: chunk.output)
        } else {
            let library = tagger.library
            if let problem { chunk.warnings.append(problem) }
            let tags = tagger.hits.map { h in
                let evidence = String(decoding: UnsafeBufferPointer(rebasing: text[h.start..<h.end]), as: UTF8.self)
                return "\(library.concepts[h.concept].id) \"\(Sanitizer.clean(evidence))\""
            }
            var line = tags.isEmpty ? "(none)" : tags.joined(separator: "  ")
            if scoring {
                let score = score(text, turn: turn)
                line = "\(score.points)/\(score.max)  " + line
            }
            line += "\n"
            line.withUTF8 { chunk.output.append(UnsafeRawBufferPointer($0)) }
        }
    }

    /// How the reply scores against the rubric of `settings.state` (--scenario).
    private func score(_ text: UnsafeBufferPointer<UInt8>, turn: Int) -> TurnScore {
        settings.session!.score(String(decoding: text, as: UTF8.self), in: settings.state!, turn: turn)
    }

    /// Whether `line` is ASCII with no NUL byte, so it is its own UTF-8 text.
    private static func isASCIIWithoutNUL(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        return ByteScan.all(line, word: { w in w & highs == 0 && (w &- ones) & ~w & highs == 0 },
                            byte: { b in b != 0 && b < 0x80 })
    }
}
