import Foundation
import XCTest

final class QuizTests: XCTestCase {
    func testJSONQuizAsksExplainsAndScores() throws {
        let r = try Harness.run(["quiz", "--json", "--count", "2"], input: "Z\nA\nB\n")
        XCTAssertEqual(r.status, 0, r.stderr)
        let events = try Harness.jsonLines(r.stdout)
        XCTAssertEqual(events.compactMap { $0["type"] as? String }, ["question", "error", "answer", "question", "answer", "end"])
        let question = events[0]
        XCTAssertEqual((question["choices"] as? [[String: Any]])?.count, 4)
        let answer = events[2]
        XCTAssertFalse((answer["explanation"] as? String ?? "").isEmpty)
        let end = try XCTUnwrap(events.last)
        XCTAssertEqual(end["total"] as? Int, 2)
    }

    func testSeedGivesTheSameOrderAndDefaultIsFixed() throws {
        func order(_ args: [String]) throws -> [String] {
            try Harness.jsonLines(try Harness.run(["quiz", "--json"] + args, input: "").stdout)
                .filter { $0["type"] as? String == "question" }.compactMap { $0["id"] as? String }
        }
        XCTAssertEqual(try order(["--seed", "3"]), try order(["--seed", "3"]))
        XCTAssertNotEqual(try order(["--seed", "3"]), try order(["--seed", "4"]))
    }

    func testShippedQuizHasThirtyQuestionsWithExplainedDistractors() throws {
        let r = try Harness.run(["quiz", "--json"], input: String(repeating: "A\n", count: 200))
        let events = try Harness.jsonLines(r.stdout)
        XCTAssertGreaterThanOrEqual(events.filter { $0["type"] as? String == "question" }.count, 30)
        let wrong = events.filter { $0["type"] as? String == "answer" && $0["correct"] as? Bool == false }
        XCTAssertTrue(wrong.allSatisfy { !($0["why_not"] as? String ?? "").isEmpty }, "a wrong answer without an explanation")
    }
}

final class ResumeTests: XCTestCase {
    func testResumeCarriesOnACutOffSessionInTheSameFile() throws {
        let dir = Harness.tempDir()
        let path = dir.appendingPathComponent("t.txt").path
        // A session whose process died after two replies: only the transcript is left.
        let first = try Harness.run(["practice", "med-doubts", "--transcript", path], input: "Okay.\nHmm, okay.\n")
        XCTAssertEqual(first.status, 0, first.stderr)
        var text = try String(contentsOfFile: path, encoding: .utf8)
        text = String(text[..<text.range(of: "\nEnd:")!.lowerBound]) + "\n"
        try text.write(toFile: path, atomically: true, encoding: .utf8)

        let resumed = try Harness.run(["practice", "--resume", path, "--json"],
                                      input: "That sounds really hard. Could you bring it up with your prescriber?\n")
        XCTAssertEqual(resumed.status, 0, resumed.stderr)
        let events = try Harness.jsonLines(resumed.stdout)
        let score = try XCTUnwrap(events.first { $0["type"] as? String == "score" })
        XCTAssertEqual(score["turn"] as? Int, 3, "turn numbers continue from the transcript")
        let graded = try Harness.jsonLines(try Harness.run(["grade", "--format", "json", path], input: "").stdout)
        XCTAssertEqual((graded.first?["turns"] as? [Any])?.count, 3)
        XCTAssertEqual(graded.first?["score"] as? Int, events.last?["score"] as? Int)
    }

    func testFinishedTranscriptCannotBeResumed() throws {
        let dir = Harness.tempDir()
        let path = dir.appendingPathComponent("t.txt").path
        _ = try Harness.run(["practice", "--transcript", path], input: "hello\n")
        let r = try Harness.run(["practice", "--resume", path], input: "")
        XCTAssertEqual(r.status, 2)
        XCTAssertTrue(r.stderr.contains("finished session"), r.stderr)
    }
}
