import Foundation
import XCTest

final class CheckAnalyzeTests: XCTestCase {
    func testShippedDialogsPassCheck() throws {
        let r = try Harness.run(["check", Harness.dialogs], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stderr.contains("0 errors"), r.stderr)
    }

    func testBrokenScenarioGetsLocatedDiagnosticsAndExitOne() throws {
        let dir = Harness.tempDir()
        try FileManager.default.createDirectory(at: dir.appendingPathComponent("scenarios"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: Harness.dialogs + "/concepts.yaml", toPath: dir.appendingPathComponent("concepts.yaml").path)
        let yaml = """
        id: broken
        title: Broken
        start: opening
        states:
          opening:
            peer: "Hi."
            rubric: {empathy: 2, medical-advice: 1}
            hint: "Be kind."
            model: "That sounds hard."
            next:
              - on: {concept: empathyy}
                to: closing
              - to: nowhere
          closing:
            peer: "Bye."
            outcome: success
        """
        try yaml.write(to: dir.appendingPathComponent("scenarios/broken.yaml"), atomically: true, encoding: .utf8)
        let r = try Harness.run(["check", dir.path], input: "")
        XCTAssertEqual(r.status, 1)
        let file = dir.appendingPathComponent("scenarios/broken.yaml").path
        XCTAssertTrue(r.stderr.contains("\(file):7:26: error: [PC0207]"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(file):12:13: error: [PC0201] the condition names unknown concept 'empathyy'; did you mean 'empathy'?"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(file):13:13: error: [PC0203] transition goes to unknown state 'nowhere'"), r.stderr)
    }

    func testYAMLSyntaxErrorIsReportedOnItsLine() throws {
        let dir = Harness.tempDir()
        let file = dir.appendingPathComponent("concepts.yaml")
        try "version: 1\nconcepts:\n  - id: [unclosed\n".write(to: file, atomically: true, encoding: .utf8)
        let r = try Harness.run(["check", file.path], input: "")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(file.path):4:1: error: [PC0002] YAML syntax"), r.stderr)
    }

    func testEmptyAndBinaryFilesAreRejected() throws {
        let dir = Harness.tempDir()
        let empty = dir.appendingPathComponent("empty.yaml"), binary = dir.appendingPathComponent("junk.yaml")
        try Data().write(to: empty)
        try Data([0x7F, 0x45, 0x4C, 0x46, 0, 1, 2, 0xFF]).write(to: binary)
        let r = try Harness.run(["check", "--dialogs", Harness.dialogs, empty.path, binary.path], input: "")
        XCTAssertEqual(r.status, 1)
        XCTAssertTrue(r.stderr.contains("\(empty.path):1:1: error: [PC0003] file is empty"), r.stderr)
        XCTAssertTrue(r.stderr.contains("\(binary.path):1:1: error: [PC0001]"), r.stderr)
    }

    func testAnalyzeJSONOneObjectPerLineWithEvidence() throws {
        let input = "I'd never tell you to stop your meds; that's a question for your prescriber.\nYou should stop your meds.\n\nHow are you holding up?\n"
        let r = try Harness.run(["analyze", "--json"], input: input)
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try Harness.jsonLines(r.stdout)
        XCTAssertEqual(rows.count, 4)
        func ids(_ i: Int) -> [String] { (rows[i]["concepts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String } }
        XCTAssertEqual(ids(0), ["referral"])
        XCTAssertEqual(Set(ids(1)), ["medical-advice", "directive"])
        XCTAssertEqual(ids(2), [])
        let evidence = (rows[1]["concepts"] as? [[String: Any]])?.first { $0["id"] as? String == "medical-advice" }?["evidence"] as? String
        XCTAssertEqual(evidence, "You should stop your meds")
    }

    func testListJSONHasEveryScenarioWithSkillsAndStates() throws {
        let r = try Harness.run(["list", "--json"], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        let rows = try Harness.jsonLines(r.stdout)
        XCTAssertGreaterThanOrEqual(rows.count, 12)
        let skills = Set(rows.flatMap { $0["skills"] as? [String] ?? [] })
        for s in ["empathy", "open-question", "lived-experience", "mutuality", "hope", "self-determination",
                  "goal-setting", "skill-building", "self-advocacy", "community", "referral"] {
            XCTAssertTrue(skills.contains(s), "no scenario practises \(s)")
        }
        XCTAssertTrue(rows.allSatisfy { ($0["states"] as? [String])?.count ?? 0 >= 4 })
    }

    func testListDoesNotNeedThePatternsButTaggingCommandsDo() throws {
        let dir = Harness.tempDir().appendingPathComponent("Dialogs")
        try FileManager.default.copyItem(atPath: Harness.dialogs, toPath: dir.path)
        let file = dir.appendingPathComponent("concepts.yaml")
        var yaml = try String(contentsOf: file, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "      - \"i hear you\"\n", with: "      - \"i hear [you\"\n")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let shipped = try Harness.run(["list"], input: "")
        let list = try Harness.run(["list", "--dialogs", dir.path], input: "")
        XCTAssertEqual(list.status, 0, list.stderr)
        XCTAssertEqual(list.stdout, shipped.stdout, "a broken pattern does not change what there is to practise")
        let analyze = try Harness.run(["analyze", "--dialogs", dir.path], input: "I hear you.\n")
        XCTAssertEqual(analyze.status, 2)
        XCTAssertTrue(analyze.stderr.contains("concepts.yaml"), analyze.stderr)
        let check = try Harness.run(["check", dir.path], input: "")
        XCTAssertEqual(check.status, 1)
        XCTAssertTrue(check.stdout.contains("i hear [you") || check.stderr.contains("i hear [you"), check.stdout + check.stderr)
    }

    func testBadUsageExitsTwoWithOneLine() throws {
        for args in [["analyze", "--frobnicate"], ["analyze", "--jobs", "0"], ["analyze", "-j", "many"]] {
            let r = try Harness.run(args, input: "")
            XCTAssertEqual(r.status, 2, "\(args)")
            XCTAssertEqual(r.stderr.split(separator: "\n").count, 1, r.stderr)
            XCTAssertTrue(r.stderr.hasPrefix("peercoach: error:"), r.stderr)
        }
    }

    /// Several megabytes, so the input is cut into several chunks that different threads tag: the
    /// output is the same, line for line and byte for byte, whatever `--jobs` says.
    func testAnalyzeOutputIsTheSameInOrderWithAnyNumberOfJobs() throws {
        let replies = ["That sounds exhausting, and it makes sense you feel stuck.",
                       "You should stop taking the lithium tonight.",
                       "When I was in early recovery I felt the same way; what helped me was a peer group.",
                       "Okay.", "", "What would you like to try first this week?",
                       "It sounds like you have bipolar disorder, honestly."]
        var lines: [String] = []
        var bytes = 0
        while bytes < 3_500_000 {
            let line = "\(lines.count): " + replies[lines.count % replies.count] + String(repeating: " and more", count: lines.count % 23)
            lines.append(line)
            bytes += line.utf8.count + 1
        }
        lines.append("The last line: you should stop your meds.")
        let input = Data((lines.joined(separator: "\n") + "\n").utf8)
        let one = try Harness.run(["analyze", "--json", "--jobs", "1"], stdin: input, timeout: 300)
        XCTAssertEqual(one.status, 0, one.stderr)
        let rows = try Harness.jsonLines(one.stdout)
        XCTAssertEqual(rows.count, lines.count, "one object per input line")
        for i in stride(from: 0, to: lines.count, by: 997) {
            XCTAssertEqual(rows[i]["text"] as? String, lines[i], "line \(i + 1) in its place")
        }
        let ids = (rows[lines.count - 1]["concepts"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertFalse(ids.isEmpty, "the last line is tagged too: \(rows[lines.count - 1])")
        for jobs in ["3", "8"] {
            let many = try Harness.run(["analyze", "--json", "--jobs", jobs], stdin: input, timeout: 300)
            XCTAssertEqual(many.status, 0, many.stderr)
            XCTAssertTrue(many.stdout == one.stdout, "--jobs \(jobs) gives the same output as --jobs 1")
        }
    }
}
