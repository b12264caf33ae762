import Foundation
import XCTest

/// The line protocol, driven over pipes as a script would.
final class PracticeLineModeTests: XCTestCase {
    func testJSONSessionEmitsStartPeerScoreAndEnd() throws {
        let r = try Harness.run(["practice", "first-meeting", "--json", "--no-transcript"],
                                input: "That sounds exhausting. What would help this week?\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let events = try Harness.jsonLines(r.stdout)
        XCTAssertEqual(events.first?["type"] as? String, "start")
        XCTAssertEqual(events.first?["scenario"] as? String, "first-meeting")
        XCTAssertEqual(events[1]["type"] as? String, "peer")
        let score = try XCTUnwrap(events.first { $0["type"] as? String == "score" })
        let ids = (score["concepts"] as? [[String: Any]])?.compactMap { $0["id"] as? String } ?? []
        XCTAssertTrue(ids.contains("empathy"), "\(ids)")
        XCTAssertTrue(ids.contains("open-question"), "\(ids)")
        let end = try XCTUnwrap(events.last)
        XCTAssertEqual(end["type"] as? String, "end")
        XCTAssertTrue(end["transcript"] is NSNull)
    }

    func testBadJSONLineGivesErrorEventAndSessionGoesOn() throws {
        let r = try Harness.run(["practice", "--json", "--no-transcript"],
                                input: "{not json\n{\"command\":\"dance\"}\n{\"reply\":\"That sounds really hard.\"}\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let types = try Harness.jsonLines(r.stdout).compactMap { $0["type"] as? String }
        XCTAssertEqual(types.filter { $0 == "error" }.count, 2)
        XCTAssertTrue(types.contains("score"))
        XCTAssertEqual(types.last, "end")
    }

    func testIdenticalInputGivesIdenticalOutput() throws {
        let input = "Hi, I'm glad you came. What brings you in?\nI've been there myself.\n/hint\n"
        let a = try Harness.run(["practice", "--no-transcript"], input: input)
        let b = try Harness.run(["practice", "--no-transcript"], input: input)
        XCTAssertEqual(a.status, 0, a.stderr)
        XCTAssertEqual(a.stdout, b.stdout)
        XCTAssertTrue(a.stdout.contains("Hint:"))
    }

    func testRedFlagIsQuotedInFeedback() throws {
        let r = try Harness.run(["practice", "med-doubts", "--no-transcript"], input: "You should stop taking the Zoloft.\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Medical advice: \"You should stop taking the Zoloft\""), r.stdout)
    }

    func testUnknownScenarioExitsTwoNamingIt() throws {
        let r = try Harness.run(["practice", "no-such-thing"], input: "")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(r.stdout, "")
        XCTAssertTrue(r.stderr.hasPrefix("peercoach: error: unknown scenario 'no-such-thing'"), r.stderr)
    }

    func testTranscriptIsWrittenAndGradeAgreesWithLiveScore() throws {
        let dir = Harness.tempDir()
        let path = dir.appendingPathComponent("t.txt").path
        let live = try Harness.run(["practice", "med-doubts", "--json", "--transcript", path],
                                   input: "That sounds miserable. Could we talk about bringing this to your prescriber?\nWhat would you want to ask them?\n")
        XCTAssertEqual(live.status, 0, live.stderr)
        let end = try XCTUnwrap(try Harness.jsonLines(live.stdout).last)
        let graded = try Harness.run(["grade", "--format", "json", path], input: "")
        XCTAssertEqual(graded.status, 0, graded.stderr)
        let result = try XCTUnwrap(try Harness.jsonLines(graded.stdout).first)
        XCTAssertEqual(result["score"] as? Int, end["score"] as? Int)
        XCTAssertEqual(result["max"] as? Int, end["max"] as? Int)
        XCTAssertEqual(end["transcript"] as? String, path)
    }

    func testTranscriptIsNeverOverwritten() throws {
        let dir = Harness.tempDir()
        let path = dir.appendingPathComponent("t.txt").path
        try "keep me".write(toFile: path, atomically: true, encoding: .utf8)
        let r = try Harness.run(["practice", "--transcript", path], input: "hello\n")
        XCTAssertEqual(r.status, 2)
        XCTAssertEqual(try String(contentsOfFile: path, encoding: .utf8), "keep me")
    }
}
