import Foundation
import XCTest

/// `grade` re-scores transcripts by replaying them through the engine.
final class GradeReplayTests: XCTestCase {
    /// A copy of the shipped Dialogs that a test may edit.
    func copyOfDialogs() throws -> URL {
        let dir = Harness.tempDir().appendingPathComponent("Dialogs")
        try FileManager.default.copyItem(atPath: Harness.dialogs, toPath: dir.path)
        return dir
    }

    func testEditedScenarioThatScoresDifferentlyIsReported() throws {
        let dialogs = try copyOfDialogs()
        let transcript = dialogs.deletingLastPathComponent().appendingPathComponent("t.txt").path
        let live = try Harness.run(["practice", "med-doubts", "--transcript", transcript, "--dialogs", dialogs.path],
                                   input: "That sounds really frustrating.\n")
        XCTAssertEqual(live.status, 0, live.stderr)
        // The instructor changes empathy's points in the first state after the session.
        let file = dialogs.appendingPathComponent("scenarios/med-doubts.yaml")
        var yaml = try String(contentsOf: file, encoding: .utf8)
        yaml = yaml.replacingOccurrences(of: "    rubric:\n      empathy: 2\n      referral:", with: "    rubric:\n      empathy: 3\n      referral:")
        try yaml.write(to: file, atomically: true, encoding: .utf8)
        let r = try Harness.run(["grade", transcript, "--dialogs", dialogs.path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("replay differs from the live score at turn 1 (live 2, now 3); the scenario has changed since the session"), r.stdout)
    }

    func testTypedUpRolePlayUsesTheDefaultRubric() throws {
        let typed = """
        Peer: I don't know why I even came. Nothing helps.
        Me: That sounds exhausting. What made you decide to come today?
        Peer: My sister pushed me.
        Me: You should stop your meds, honestly.
        """
        let r = try Harness.run(["grade", "--format", "json", "-"], input: typed)
        XCTAssertEqual(r.status, 0, r.stderr)
        let result = try XCTUnwrap(try Harness.jsonLines(r.stdout).first)
        XCTAssertTrue(result["scenario"] is NSNull)
        XCTAssertEqual((result["turns"] as? [Any])?.count, 2)
        let flags = (result["flags"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
        XCTAssertTrue(flags.contains("medical-advice"), "\(flags)")
        XCTAssertTrue((result["notes"] as? [String] ?? []).contains { $0.contains("default rubric") })
    }

    func testMinScoreExitsOneWhenATranscriptIsBelow() throws {
        let samples = Harness.root.appendingPathComponent("Transcripts").path
        let below = try Harness.run(["grade", "--min-score", "50", samples], input: "")
        XCTAssertEqual(below.status, 1, below.stderr)
        XCTAssertTrue(below.stderr.contains("below 50%"), below.stderr)
        let above = try Harness.run(["grade", "--min-score", "0", samples], input: "")
        XCTAssertEqual(above.status, 0, above.stderr)
    }

    func testCutOffTranscriptIsGradedAsFarAsItGoes() throws {
        let sample = try String(contentsOf: Harness.root.appendingPathComponent("Transcripts/sample-strong-first-meeting.txt"), encoding: .utf8)
        // Cut in the middle of the second reply's line, as a killed process would leave it.
        let secondReply = sample.components(separatedBy: "\nYou: ")[2]
        let cut = sample.components(separatedBy: "\nYou: ").prefix(2).joined(separator: "\nYou: ") + "\nYou: " + secondReply.prefix(12)
        let r = try Harness.run(["grade", "--format", "json", "-"], input: cut)
        XCTAssertEqual(r.status, 0, r.stderr)
        let result = try XCTUnwrap(try Harness.jsonLines(r.stdout).first)
        XCTAssertEqual((result["turns"] as? [Any])?.count, 2)
        XCTAssertEqual(result["complete"] as? Bool, false)
    }

    func testUnreadableInputsAreReportedAndTheRestGraded() throws {
        let samples = Harness.root.appendingPathComponent("Transcripts/sample-mixed-med-doubts.txt").path
        let r = try Harness.run(["grade", "/no/such/file.txt", samples], input: "")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("peercoach: error: /no/such/file.txt: no such file or folder"), r.stderr)
        XCTAssertTrue(r.stdout.contains("sample-mixed-med-doubts.txt"), r.stdout)
    }
}
