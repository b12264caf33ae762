import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// Bad input, faults and hostile files, against the built binary: whatever comes in, peercoach
/// answers with its product or a one-line `peercoach:` message and a documented exit code, in
/// bounded time, and never loses a completed turn.
final class HardeningTests: XCTestCase {

    // MARK: - Bytes on standard input

    /// Every command that reads standard input, with how it may end on input that has no replies.
    static let stdinModes: [(args: [String], allowed: Set<Int32>)] = [
        (["analyze"], [0]),
        (["analyze", "--json"], [0]),
        (["practice", "--no-transcript"], [0]),
        (["practice", "--json", "--no-transcript"], [0]),
        (["grade", "-"], [0, 2]),  // 2: "no replies found" is unreadable input
    ]

    static func hostileInputs() -> [(name: String, bytes: Data)] {
        var generator = SeededGenerator(seed: 0x5EED)
        let random = Data((0..<200_000).map { _ in UInt8.random(in: 0...255, using: &generator) })
        return [
            ("invalid UTF-8", Data("That sounds \u{FF}hard\n".utf8.map { $0 }) + Data([0xC3, 0x28, 0xA0, 0xA1, 0xF0, 0x28, 0x8C, 0xBC, 0x0A]) + Data("You: \u{FE}ok\n".utf8)),
            ("NUL bytes", Data("That\0 sounds hard.\nYou: what\0 would help?\n".utf8)),
            ("CRLF", Data("That sounds hard.\r\nYou: What would help?\r\n\r\n".utf8)),
            ("empty", Data()),
            ("random", random),
        ]
    }

    func testEveryStdinModeSurvivesHostileBytes() throws {
        for (name, bytes) in Self.hostileInputs() {
            for (args, allowed) in Self.stdinModes {
                let r = try Harness.run(args, stdin: bytes, timeout: 30)
                let what = "\(args.joined(separator: " ")) with \(name) input"
                XCTAssertTrue(allowed.contains(r.status), "\(what): exit \(r.status)\n\(r.stderr.prefix(500))")
                assertNoCrash(r, what)
                if args.first == "analyze" {
                    // One result per input line, in order, even for bytes that are not text.
                    let lines = Self.inputLineCount(bytes)
                    XCTAssertEqual(r.stdoutLines.count, lines, what)
                    if args.contains("--json") {
                        let rows = try Harness.jsonLines(r.stdout)
                        XCTAssertEqual(rows.count, lines, what)
                        XCTAssertTrue(rows.allSatisfy { $0["text"] is String && $0["concepts"] is [Any] }, what)
                    }
                }
            }
        }
    }

    func testMultiMegabyteLineIsRefusedWithoutCrashOrHang() throws {
        let huge = String(repeating: "that sounds hard ", count: 200_000)  // 3.4 MB on one line
        let input = Data((huge + "\nWhat would help this week?\n").utf8)
        for (args, allowed) in Self.stdinModes {
            let started = Date()
            let r = try Harness.run(args, stdin: input, timeout: 30)
            let what = "\(args.joined(separator: " ")) with a 3.4 MB line"
            XCTAssertTrue(allowed.contains(r.status), "\(what): exit \(r.status)\n\(r.stderr.prefix(500))")
            assertNoCrash(r, what)
            XCTAssertLessThan(Date().timeIntervalSince(started), 20, what)
        }
        let json = try Harness.run(["analyze", "--json"], stdin: input)
        let rows = try Harness.jsonLines(json.stdout)
        XCTAssertEqual(rows.count, 2, "one object per input line")
        XCTAssertTrue((rows[0]["error"] as? String ?? "").contains("longer than"), "\(rows[0])")
        XCTAssertEqual((rows[1]["concepts"] as? [[String: Any]])?.first?["id"] as? String, "open-question")
        let practice = try Harness.run(["practice", "--json", "--no-transcript"], stdin: input)
        let types = try Harness.jsonLines(practice.stdout).compactMap { $0["type"] as? String }
        XCTAssertTrue(types.contains("error"), "\(types)")
        XCTAssertTrue(types.contains("score"), "the next line is still a reply: \(types)")
    }

    func testGradeRefusesOversizedStandardInput() throws {
        let line = "You: " + String(repeating: "x", count: 1023) + "\n"
        let input = Data(String(repeating: line, count: 17 * 1024).utf8)  // 17 MiB
        let r = try Harness.run(["grade", "-"], stdin: input, timeout: 30)
        XCTAssertEqual(r.status, 2)
        assertNoCrash(r, "grade - with 17 MiB")
        XCTAssertTrue(r.stderr.contains("larger than 16 MiB"), r.stderr)
    }

    // MARK: - Files

    func testHostileFilesGetLocatedDiagnosticsInBoundedTime() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        func file(_ name: String, _ data: Data) throws -> String {
            let url = dir.appendingPathComponent(name)
            try data.write(to: url)
            return url.path
        }
        var generator = SeededGenerator(seed: 42)
        let bomb = (1...9).map { i in "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]" }
        let cases: [(path: String, code: String)] = [
            (dir.appendingPathComponent("missing.yaml").path, "PC0001"),
            (try { let d = dir.appendingPathComponent("folder.yaml"); try FileManager.default.createDirectory(at: d, withIntermediateDirectories: true); return d.path }(), "PC0001"),
            (try file("junk.yaml", Data((0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })), "PC0001"),
            (try file("latin1.yaml", Data("id: caf".utf8) + Data([0xE9, 0x0A])), "PC0001"),
            (try file("empty.yaml", Data()), "PC0003"),
            (try file("huge.yaml", Data(String(repeating: "# padding padding padding padding padding padding\n", count: 110_000).utf8)), "PC0004"),
            (try file("flow-deep.yaml", Data((String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n").utf8)), "PC0004"),
            (try file("block-deep.yaml", Data((String(repeating: "- ", count: 10_000) + "x\n").utf8)), "PC0004"),
            (try file("indent-deep.yaml", Data((0..<1_000).map { String(repeating: " ", count: $0) + "- \n" }.joined().utf8)), "PC0004"),
            (try file("quote-deep.yaml", Data(("id: it's\ntitle: " + String(repeating: "{a: ", count: 5_000) + String(repeating: "}", count: 5_000) + "\n").utf8)), "PC0004"),
            (try file("laughs.yaml", Data((["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + bomb + ["id: x", "title: *l9"]).joined(separator: "\n").utf8)), "PC0004"),
            (try file("laughs-as-keys.yaml", Data((["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + bomb + ["? *l9", ": one", "? *l8", ": two"]).joined(separator: "\n").utf8)), "PC0004"),
        ]
        for (path, code) in cases {
            let started = Date()
            let r = try Harness.run(["check", "--dialogs", Harness.dialogs, path], stdin: Data(), timeout: 30)
            let elapsed = Date().timeIntervalSince(started)
            XCTAssertEqual(r.status, 1, "\(path): \(r.stderr.prefix(400))")
            assertNoCrash(r, "check \(path)")
            XCTAssertNotNil(r.stderr.range(of: "\(path):[0-9]+:[0-9]+: error: \\[\(code)\\]", options: .regularExpression),
                            "\(path): expected \(code)\n\(r.stderr.prefix(400))")
            XCTAssertLessThan(elapsed, 30, "check \(path) took \(elapsed)s (a hang guard, not a speed target)")
        }
    }

    func testUnreadableFileIsADiagnostic() throws {
        try XCTSkipIf(getuid() == 0, "root reads a chmod 000 file anyway")
        let dir = Harness.tempDir()
        let path = dir.appendingPathComponent("locked.yaml").path
        try "id: x\n".write(toFile: path, atomically: true, encoding: .utf8)
        chmod(path, 0)
        defer { chmod(path, 0o644) }
        let r = try Harness.run(["check", "--dialogs", Harness.dialogs, path], input: "")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(path):1:1: error: [PC0001]"), r.stderr)
    }

    /// A broken concept library stops every other command with exit 2 and one clear line.
    func testHostileConceptLibraryStopsOtherCommandsWithExitTwo() throws {
        let bomb = (1...9).map { i in "  l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 9).joined(separator: ", ") + "]" }
        let libraries = [
            "deep": String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000) + "\n",
            "laughs": (["version: 1", "sets:", "  l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"] + bomb + ["concepts: *l9"]).joined(separator: "\n"),
            "binary": "\u{0}\u{1}\u{2}ELF",
        ]
        for (name, text) in libraries {
            let dir = Harness.tempDir()
            try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
            try text.write(to: dir.appendingPathComponent("concepts.yaml"), atomically: true, encoding: .utf8)
            for args in [["practice", "--no-transcript"], ["analyze"], ["list"], ["grade", "-"]] {
                let r = try Harness.run(args + ["--dialogs", dir.path], stdin: Data("You: hello\n".utf8), timeout: 20)
                XCTAssertEqual(r.status, 2, "\(name) \(args): \(r.stderr)")
                XCTAssertEqual(r.stdout, "", "\(name) \(args)")
                XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, "\(name) \(args): \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("peercoach: error:") && r.stderr.contains("concepts.yaml"), "\(name) \(args): \(r.stderr)")
            }
            let check = try Harness.run(["check", dir.path], stdin: Data(), timeout: 20)
            XCTAssertEqual(check.status, 1, check.stderr)
            assertNoCrash(check, "check \(name)")
        }
    }

    // MARK: - Names

    func testUnknownScenarioStateAndConceptExitTwoNamingThem() throws {
        let unknownState = try Harness.run(["analyze", "--scenario", "first-meeting", "--state", "nope"], input: "hi\n")
        XCTAssertEqual(unknownState.status, 2)
        XCTAssertEqual(unknownState.stderr, "peercoach: error: scenario 'first-meeting' has no state 'nope'\n")
        let unknownScenario = try Harness.run(["analyze", "--scenario", "no-such-thing"], input: "hi\n")
        XCTAssertEqual(unknownScenario.status, 2)
        XCTAssertTrue(unknownScenario.stderr.hasPrefix("peercoach: error: unknown scenario 'no-such-thing'"), unknownScenario.stderr)

        // A scenario whose rubric names a concept the library does not define.
        let dir = try Self.dialogsCopy()
        let path = dir.appendingPathComponent("scenarios/first-meeting.yaml")
        let yaml = try String(contentsOf: path, encoding: .utf8)
        XCTAssertTrue(yaml.contains("empathy: 2"))
        try yaml.replacingOccurrences(of: "empathy: 2", with: "empathyy: 2").write(to: path, atomically: true, encoding: .utf8)
        let transcript = "# peercoach transcript v1\n# scenario: first-meeting\n\nYou: That sounds hard.\n"
        for args in [["practice", "first-meeting", "--no-transcript"], ["analyze", "--scenario", "first-meeting"], ["grade", "-"]] {
            let r = try Harness.run(args + ["--dialogs", dir.path], input: args[0] == "grade" ? transcript : "That sounds hard.\n")
            XCTAssertEqual(r.status, 2, "\(args): \(r.stderr)")
            XCTAssertTrue(r.stderr.hasPrefix("peercoach: error:") && r.stderr.contains("unknown concept 'empathyy'"), "\(args): \(r.stderr)")
            XCTAssertFalse(r.stdout.contains("score"), "\(args): nothing is scored against a broken rubric")
        }
        let check = try Harness.run(["check", dir.path], input: "")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stderr.contains("\(path.path):"), check.stderr)
        XCTAssertTrue(check.stderr.contains("error: [PC0201] the rubric names unknown concept 'empathyy'; did you mean 'empathy'?"), check.stderr)
    }

    // MARK: - Pipes and signals

    func testReaderClosingThePipeEarlyIsQuiet() throws {
        let dir = Harness.tempDir()
        defer { try? FileManager.default.removeItem(at: dir) }
        let big = dir.appendingPathComponent("big.txt")
        try String(repeating: "That sounds exhausting. What would help this week?\n", count: 100_000).write(to: big, atomically: true, encoding: .utf8)
        for args in ["analyze --json", "analyze", "practice --no-transcript"] {
            let script = "\"$PEERCOACH\" \(args) < \"$BIG\" 2>\"$ERR\" | head -1 >/dev/null; echo \"${PIPESTATUS[0]}\""
            let err = dir.appendingPathComponent("err").path
            let r = try Harness.runShell(script, env: ["PEERCOACH": Harness.binary.path, "BIG": big.path, "ERR": err])
            XCTAssertEqual(r.stdout.trimmingCharacters(in: .whitespacesAndNewlines), "0", "\(args): exit status")
            XCTAssertEqual(try String(contentsOfFile: err, encoding: .utf8), "", "\(args): no noise on stderr")
        }
    }

    func testSIGINTAndSIGTERMEndLineModeSessionWithEndLine() throws {
        for signal in [SIGINT, SIGTERM] {
            let dir = Harness.tempDir()
            let transcript = dir.appendingPathComponent("t.txt").path
            let live = try LiveProcess(["practice", "first-meeting", "--transcript", transcript], cwd: dir)
            live.write("That sounds exhausting.\nWhat would help this week?\n")
            try Self.waitFor(timeout: 20) { Self.count("You:", in: transcript) == 2 && Self.count("Score", in: transcript) == 2 }
            live.signal(signal)
            let r = try live.finish(timeout: 20)
            XCTAssertEqual(r.status, 0, "signal \(signal): \(r.stderr)")
            assertNoCrash(r, "signal \(signal)")
            let text = try String(contentsOfFile: transcript, encoding: .utf8)
            let last = text.split(separator: "\n").last.map(String.init) ?? ""
            XCTAssertTrue(last.hasPrefix("End: "), "signal \(signal): transcript ends with \(last)")
            XCTAssertTrue(r.stdout.contains("Session over"), "signal \(signal): summary printed")
        }
    }

    func testKillNineKeepsEveryCompletedTurnAndGradeReadsIt() throws {
        let dir = Harness.tempDir()
        let transcript = dir.appendingPathComponent("t.txt").path
        let live = try LiveProcess(["practice", "med-doubts", "--json", "--transcript", transcript], cwd: dir)
        live.write("That sounds miserable. Could we talk about bringing this to your prescriber?\nWhat would you want to ask them?\n")
        try Self.waitFor(timeout: 20) { Self.count("Score", in: transcript) == 2 }
        live.signal(SIGKILL)
        _ = try live.finish(timeout: 20)
        let text = try String(contentsOfFile: transcript, encoding: .utf8)
        XCTAssertEqual(Self.count("You:", in: transcript), 2, text)
        XCTAssertFalse(text.contains("End:"), text)
        let graded = try Harness.run(["grade", "--format", "json", transcript], input: "")
        XCTAssertEqual(graded.status, 0, graded.stderr)
        let result = try XCTUnwrap(try Harness.jsonLines(graded.stdout).first)
        XCTAssertEqual((result["turns"] as? [Any])?.count ?? (result["replies"] as? Int), 2, "\(result)")
        XCTAssertEqual(result["complete"] as? Bool, false, "\(result)")
    }

    // MARK: - Terminal safety

    /// ESC sequences (colour, OSC title), BEL, CR, backspace and U+202E from a Dialogs file or a
    /// reply never reach a terminal raw: not in plain output, transcripts, grade text or check.
    func testControlCharactersNeverReachOutputRaw() throws {
        let nasty = "\u{1B}[31mRED\u{1B}]0;pwned\u{07} \r\u{08}\u{202E}desrever"
        let yamlNasty = "\\e[31mRED\\e]0;pwned\\a \\r\\b\\u202Edesrever"
        let dir = try Self.dialogsCopy()
        let path = dir.appendingPathComponent("scenarios/first-meeting.yaml")
        var yaml = try String(contentsOf: path, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "\ntitle: ", with: "\ntitle: \"\(yamlNasty)\"\nx-title: ")
        // The first state's first peer line becomes the nasty text.
        let peer = try XCTUnwrap(yaml.range(of: "    peer:\n      - \""))
        let lineEnd = try XCTUnwrap(yaml.range(of: "\n", range: peer.upperBound..<yaml.endIndex))
        yaml.replaceSubrange(peer.upperBound..<lineEnd.lowerBound, with: "\(yamlNasty)\"")
        yaml = yaml.replacingOccurrences(of: "\nx-title: ", with: "\n\"\(yamlNasty)\": ")  // an unknown key, for check
        try yaml.write(to: path, atomically: true, encoding: .utf8)

        let transcript = dir.appendingPathComponent("t.txt").path
        let reply = "You should stop \(nasty) your meds. That sounds \(nasty) hard.\n"
        let plain = try Harness.run(["practice", "first-meeting", "--dialogs", dir.path, "--transcript", transcript], input: reply + reply)
        XCTAssertEqual(plain.status, 0, plain.stderr)
        XCTAssertTrue(plain.stdout.contains("\\e[31mRED"), "escaped, still readable: \(plain.stdout.prefix(600))")
        assertNoRawControls(plain.stdout, "plain practice output")
        assertNoRawControls(plain.stderr, "plain practice stderr")
        assertNoRawControls(try String(contentsOfFile: transcript, encoding: .utf8), "transcript")

        let graded = try Harness.run(["grade", "--dialogs", dir.path, transcript], input: "")
        XCTAssertEqual(graded.status, 0, graded.stderr)
        assertNoRawControls(graded.stdout, "grade text")
        let typed = try Harness.run(["grade", "-"], input: "Peer: \(nasty)\nYou: \(reply)")
        assertNoRawControls(typed.stdout, "grade text of a typed transcript")

        let check = try Harness.run(["check", dir.path], input: "")
        XCTAssertTrue(check.stderr.contains("unknown key"), check.stderr)
        assertNoRawControls(check.stderr, "check diagnostics")

        let analyze = try Harness.run(["analyze"], input: reply)
        assertNoRawControls(analyze.stdout, "analyze text")
        let list = try Harness.run(["list", "--dialogs", dir.path], input: "")
        assertNoRawControls(list.stdout, "list")

        // JSON carries the text, escaped.
        let json = try Harness.run(["practice", "first-meeting", "--json", "--no-transcript", "--dialogs", dir.path], input: reply)
        XCTAssertFalse(json.stdout.utf8.contains(0x1B), "raw ESC in JSON")
        XCTAssertTrue(json.stdout.contains("\\u001b[31mRED"), json.stdout.prefix(400).description)
        let peerText = try Harness.jsonLines(json.stdout).first { $0["type"] as? String == "peer" }?["text"] as? String
        XCTAssertEqual(peerText, nasty, "JSON round-trips the exact text")
    }

    // MARK: - Files on disk

    func testParallelSessionsStartedTogetherNeverShareATranscript() throws {
        let dir = Harness.tempDir()
        let sessions = try (0..<3).map { _ in try LiveProcess(["practice", "first-meeting"], cwd: dir) }
        for (i, s) in sessions.enumerated() { s.write("That sounds hard, session \(i).\n"); s.closeInput() }
        for s in sessions { XCTAssertEqual(try s.finish(timeout: 30).status, 0) }
        let files = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("Transcripts").path)
        XCTAssertEqual(files.count, 3, "\(files)")
        var replies: Set<String> = []
        for f in files {
            let text = try String(contentsOfFile: dir.appendingPathComponent("Transcripts/\(f)").path, encoding: .utf8)
            XCTAssertEqual(text.components(separatedBy: "# peercoach transcript v1").count, 2, "one session per file: \(f)")
            replies.formUnion(text.split(separator: "\n").filter { $0.hasPrefix("You:") }.map(String.init))
        }
        XCTAssertEqual(replies.count, 3, "\(replies)")
    }

    func testUnwritableTranscriptsFolderWarnsOnceAndSessionRuns() throws {
        var setups: [(String, (URL) throws -> Void)] = [
            ("a file named Transcripts", { try Data("not a folder".utf8).write(to: $0.appendingPathComponent("Transcripts")) }),
        ]
        if getuid() != 0 {
            setups.append(("a read-only Transcripts folder", { dir in
                let t = dir.appendingPathComponent("Transcripts")
                try FileManager.default.createDirectory(at: t, withIntermediateDirectories: true)
                chmod(t.path, 0o555)
            }))
        }
        for (name, setup) in setups {
            let dir = Harness.tempDir()
            try setup(dir)
            for args in [["practice", "first-meeting"], ["practice", "first-meeting", "--json"]] {
                let r = try Harness.run(args, input: "That sounds hard.\n", cwd: dir)
                XCTAssertEqual(r.status, 0, "\(name): \(r.stderr)")
                let lines = r.stderr.split(separator: "\n")
                XCTAssertEqual(lines.count, 1, "\(name): one warning: \(r.stderr)")
                XCTAssertTrue(r.stderr.hasPrefix("peercoach: warning:") && r.stderr.contains("will not be saved"), "\(name): \(r.stderr)")
                XCTAssertTrue(r.stdout.contains("[reply 1]") || r.stdout.contains("\"type\":\"score\""), "\(name): the session ran: \(r.stdout)")
            }
            chmod(dir.appendingPathComponent("Transcripts").path, 0o755)
        }
    }

    // MARK: - Helpers

    static func inputLineCount(_ data: Data) -> Int {
        let newlines = data.filter { $0 == 0x0A }.count
        return newlines + (data.last.map { $0 == 0x0A ? 0 : 1 } ?? 0)
    }

    /// A copy of the shipped Dialogs to break.
    static func dialogsCopy() throws -> URL {
        let dir = Harness.tempDir().appendingPathComponent("Dialogs")
        try FileManager.default.copyItem(atPath: Harness.dialogs, toPath: dir.path)
        return dir
    }

    static func count(_ prefix: String, in path: String) -> Int {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return 0 }
        return text.split(separator: "\n").filter { $0.hasPrefix(prefix) }.count
    }

    static func waitFor(timeout: TimeInterval, _ condition: () -> Bool) throws {
        let deadline = Date().addingTimeInterval(timeout)
        while !condition() {
            if Date() > deadline { XCTFail("condition not met in \(timeout)s"); throw CancellationError() }
            usleep(20_000)
        }
    }

    /// No crash report, and every line on stderr is peercoach's own: `peercoach: ...`, or for `check`
    /// a compiler-style diagnostic and the summary.
    func assertNoCrash(_ r: Run, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        for marker in ["Fatal error", "Program crashed", "Backtrac", "Illegal instruction", "Segmentation fault", "Stack dump"] {
            XCTAssertFalse(r.stderr.contains(marker), "\(what): \(marker)\n\(r.stderr.prefix(800))", file: file, line: line)
        }
        let diagnostic = #/^.+:[0-9]+:[0-9]+: (error|warning): \[PC[0-9]{4}\] |^checked [0-9]+ files? and [0-9]+ example/#
        for l in r.stderr.split(separator: "\n") where !l.hasPrefix("peercoach:") && (!what.hasPrefix("check") || l.firstMatch(of: diagnostic) == nil) {
            XCTFail("\(what): stderr line without 'peercoach:': \(l.prefix(200))", file: file, line: line)
        }
    }

    func assertNoRawControls(_ s: String, _ what: String, file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertFalse(s.utf8.contains(0x1B), "\(what): raw ESC", file: file, line: line)
        XCTAssertFalse(s.utf8.contains(0x07), "\(what): raw BEL", file: file, line: line)
        XCTAssertFalse(s.utf8.contains(0x08), "\(what): raw backspace", file: file, line: line)
        XCTAssertFalse(s.utf8.contains(0x0D), "\(what): raw CR", file: file, line: line)
        XCTAssertFalse(s.unicodeScalars.contains("\u{202E}"), "\(what): raw U+202E", file: file, line: line)
    }
}

/// A deterministic random source (SplitMix64), so "random bytes" are the same on every run.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// `peercoach` running with a standard input pipe the test keeps open, for signals and races.
final class LiveProcess {
    let process = Process()
    let input = Pipe()
    let outURL: URL, errURL: URL

    init(_ args: [String], cwd: URL) throws {
        let io = Harness.tempDir()
        outURL = io.appendingPathComponent("out")
        errURL = io.appendingPathComponent("err")
        FileManager.default.createFile(atPath: outURL.path, contents: nil)
        FileManager.default.createFile(atPath: errURL.path, contents: nil)
        process.executableURL = Harness.binary
        process.arguments = args
        process.currentDirectoryURL = cwd
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PEERCOACH_DIALOGS"] = Harness.dialogs
        process.environment = environment
        process.standardInput = input
        process.standardOutput = try FileHandle(forWritingTo: outURL)
        process.standardError = try FileHandle(forWritingTo: errURL)
        try process.run()
    }

    func write(_ s: String) { input.fileHandleForWriting.write(Data(s.utf8)) }
    func closeInput() { try? input.fileHandleForWriting.close() }
    func signal(_ s: Int32) { kill(process.processIdentifier, s) }

    func finish(timeout: TimeInterval) throws -> Run {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL); XCTFail("still running after \(timeout)s") }
        process.waitUntilExit()
        closeInput()
        return Run(status: process.terminationStatus,
                   stdout: String(decoding: try Data(contentsOf: outURL), as: UTF8.self),
                   stderr: String(decoding: try Data(contentsOf: errURL), as: UTF8.self))
    }
}

extension Harness {
    /// Runs a bash script (for pipelines), with the Dialogs environment.
    static func runShell(_ script: String, env: [String: String]) throws -> Run {
        try runExecutable(URL(fileURLWithPath: "/bin/bash"), ["-c", script], env: env)
    }

    static func runExecutable(_ url: URL, _ args: [String], env: [String: String]) throws -> Run {
        let p = Process()
        p.executableURL = url
        p.arguments = args
        var environment = ProcessInfo.processInfo.environment
        environment["NO_COLOR"] = "1"
        environment["PEERCOACH_DIALOGS"] = dialogs
        for (k, v) in env { environment[k] = v }
        p.environment = environment
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Run(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }
}
