import Foundation
import XCTest
@testable import PeerCoachKit

/// Hostile and broken Dialogs files end in located diagnostics, in bounded time and memory.
final class LoaderDiagnosticsTests: XCTestCase {
    static let dialogsDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Dialogs").path

    func load(_ yaml: String) -> (Scenario?, [Diagnostic]) {
        let d = DiagnosticCollector()
        let s = ScenarioLoader.load(data: Data(yaml.utf8), file: "s.yaml", diagnostics: d)
        return (s, d.sorted)
    }

    func codes(_ diagnostics: [Diagnostic]) -> [String] { diagnostics.filter { $0.severity == .error }.map(\.code) }

    /// Regression: a scenario without `start` trapped on a force-unwrap (ScenarioLoader.swift:46).
    func testMissingStartIsADiagnosticNotACrash() {
        let (s, d) = load("id: x\ntitle: X\nstates:\n  s: {peer: hi, outcome: ok}\n")
        XCTAssertEqual(d.map(\.description), ["s.yaml:1:1: error: [PC0101] the scenario is missing 'start'"])
        XCTAssertEqual(s?.start, "")
        XCTAssertEqual(s?.startLocation.line, 1)
    }

    func testDeepNestingIsRefusedWithItsPosition() {
        let flow = String(repeating: "[", count: 10_000) + String(repeating: "]", count: 10_000)
        let block = String(repeating: "- ", count: 10_000) + "x"
        let indented = (0..<300).map { String(repeating: " ", count: $0) + "-" }.joined(separator: "\n")
        // A quote inside a plain scalar once hid the brackets from a text-based depth estimate.
        let hidden = "id: it's\ntitle: " + String(repeating: "{a: ", count: 3_000) + String(repeating: "}", count: 3_000)
        for (name, yaml) in [("flow", flow), ("block", block), ("indented", indented), ("hidden", hidden)] {
            let started = Date()
            let (s, d) = load(yaml)
            XCTAssertNil(s, name)
            XCTAssertEqual(codes(d), ["PC0004"], "\(name): \(d)")
            XCTAssertTrue(d.first?.message.contains("nesting is more than 100 levels deep") == true, "\(name): \(d)")
            // A hang guard, not a speed target (those live in Benchmarks/): unguarded, these never finish.
            XCTAssertLessThan(Date().timeIntervalSince(started), 30, name)
        }
        XCTAssertEqual(load(block).1.first?.location, SourceLocation(file: "s.yaml", line: 1, column: 201))
        // Within the limit, nesting is fine.
        let ok = "id: x\ntitle: X\nstart: s\nsummary: " + String(repeating: "[", count: 50) + String(repeating: "]", count: 50)
            + "\nstates:\n  s: {peer: hi, outcome: ok}\n"
        XCTAssertFalse(codes(load(ok).1).contains("PC0004"))
    }

    static func laughs(_ tail: [String]) -> String {
        (["l0: &l0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
            + (1...9).map { i in "l\(i): &l\(i) [" + Array(repeating: "*l\(i - 1)", count: 10).joined(separator: ", ") + "]" }
            + tail).joined(separator: "\n") + "\n"
    }

    func testAliasBombsAreRefusedWhereTheyCrossTheBudget() {
        for (name, yaml) in [("values", Self.laughs(["id: x", "title: *l9"])),
                             // Yams hashes mapping keys to find duplicates: an alias bomb as a key hung for ever.
                             ("keys", Self.laughs(["? *l9", ": one", "? *l8", ": two"]))] {
            let started = Date()
            let (s, d) = load(yaml)
            XCTAssertNil(s, name)
            XCTAssertEqual(codes(d), ["PC0004"], "\(name): \(d)")
            XCTAssertTrue(d.first?.message.contains("aliases expand to more than 10000 nodes") == true, "\(name): \(d)")
            XCTAssertEqual(d.first?.location, SourceLocation(file: "s.yaml", line: 4, column: 45), "the alias in l3 that crosses the budget: \(d)")
            // A hang guard, not a speed target: unguarded, a key alias bomb never finishes.
            XCTAssertLessThan(Date().timeIntervalSince(started), 30, name)
        }
    }

    func testAliasesWithinTheBudgetLoad() {
        let yaml = """
        id: x
        title: X
        start: s
        skills: &skills [empathy, hope]
        states:
          s:
            peer: &line "Hi there."
            rubric: {empathy: 1}
            hint: h
            model: m
            next: [{to: t}]
          t: {peer: *line, outcome: ok}
        x-skills: *skills
        """
        let (s, d) = load(yaml)
        XCTAssertEqual(codes(d), [], "\(d)")
        XCTAssertEqual(s?.state("t")?.peer, ["Hi there."])
        XCTAssertEqual(d.map(\.code), ["PC0103"], "the unknown key is only a warning")
    }

    func testDuplicateKeysStillReportedAtTheFirst() {
        let (_, d) = load("id: x\ntitle: X\nid: y\n")
        XCTAssertEqual(codes(d), ["PC0104"], "\(d)")
    }

    func testBytesThatAreNotYAMLText() {
        func diagnose(_ data: Data) -> [String] {
            let d = DiagnosticCollector()
            XCTAssertNil(YAMLSource.text(from: data, file: "f.yaml", diagnostics: d))
            return d.sorted.map(\.description)
        }
        XCTAssertEqual(diagnose(Data("id: x\nti\u{0}tle\n".utf8)), ["f.yaml:1:1: error: [PC0001] is a binary file (it contains NUL bytes), not YAML"])
        XCTAssertEqual(diagnose(Data("id: x\ntitl".utf8) + Data([0xE9, 0x0A])),
                       ["f.yaml:2:5: error: [PC0001] invalid UTF-8 (byte offset 10); save the file as UTF-8"])
        XCTAssertEqual(diagnose(Data(" \n\t\n".utf8)), ["f.yaml:1:1: error: [PC0003] file is empty"])
        XCTAssertEqual(diagnose(Data(count: YAMLSource.maxBytes + 1)), ["f.yaml:1:1: error: [PC0004] file is larger than 4194304 bytes, the limit"])
    }

    func testFilesAreReadOnlyUpToTheLimit() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("loader-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        // A 1 GiB sparse file: reading it whole would take a second and a gigabyte.
        let big = dir.appendingPathComponent("big.yaml").path
        FileManager.default.createFile(atPath: big, contents: Data("id: x\n".utf8))
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: big))
        try handle.truncate(atOffset: 1 << 30)
        try handle.close()
        let started = Date()
        let d = DiagnosticCollector()
        XCTAssertNil(YAMLSource.readText(big, diagnostics: d))
        // A hang guard: reading the whole gigabyte would take far longer.
        XCTAssertLessThan(Date().timeIntervalSince(started), 30)
        XCTAssertEqual(d.sorted.map(\.code), ["PC0004"])

        let more = DiagnosticCollector()
        XCTAssertNil(YAMLSource.readText(dir.path, diagnostics: more))
        XCTAssertNil(YAMLSource.readText(dir.appendingPathComponent("missing.yaml").path, diagnostics: more))
        XCTAssertEqual(more.sorted.map(\.message), ["is a directory, not a YAML file", "no such file"])
    }

    func testOneLineEscapesEverythingATerminalWouldObey() {
        let nasty = "a\u{1B}[31mb\u{1B}]0;t\u{07}c\rd\u{08}e\u{202E}f\u{2066}g\u{9B}h\nz\\"
        let line = TranscriptFormat.oneLine(nasty)
        XCTAssertEqual(line, "a\\u{1b}[31mb\\u{1b}]0;t\\u{7}c\\rd\\u{8}e\\u{202e}f\\u{2066}g\\u{9b}h\\nz\\\\")
        XCTAssertEqual(TranscriptFormat.unescape(line), nasty)
        XCTAssertEqual(TranscriptReader.parse("# peercoach transcript v1\n\n" + TranscriptFormat.reply(nasty)).replies, [nasty])
    }

    func testAScenarioWithAnUnknownConceptCannotBePlayedOrGraded() throws {
        let d = DiagnosticCollector()
        let dialogs = try XCTUnwrap(Dialogs.load(directory: Self.dialogsDirectory, diagnostics: d))
        var broken = try XCTUnwrap(dialogs.scenario("first-meeting"))
        broken.states[0].rubric[0].concept = "empathyy"
        let problem = try XCTUnwrap(ScenarioValidator.playabilityError(broken, library: dialogs.library))
        XCTAssertEqual(problem.code, "PC0201")
        XCTAssertTrue(problem.message.contains("'empathyy'"), problem.message)
        XCTAssertNil(ScenarioValidator.playabilityError(try XCTUnwrap(dialogs.scenario("first-meeting")), library: dialogs.library))

        var withBroken = dialogs
        withBroken.scenarios = withBroken.scenarios.map { $0.id == broken.id ? broken : $0 }
        let transcript = "# peercoach transcript v1\n# scenario: first-meeting\n\nYou: That sounds hard.\n"
        XCTAssertThrowsError(try Grader(dialogs: withBroken).grade(transcript, source: "t.txt")) { error in
            XCTAssertTrue((error as? GradeError)?.message.contains("unknown concept 'empathyy'") == true, "\(error)")
        }
        XCTAssertNoThrow(try Grader(dialogs: dialogs).grade(transcript, source: "t.txt"))
    }
}
