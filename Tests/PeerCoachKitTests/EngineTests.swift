import XCTest
@testable import PeerCoachKit

final class SessionTests: XCTestCase {
    static func scenario() -> Scenario {
        let here = SourceLocation(file: "t.yaml", line: 1, column: 1)
        func state(_ id: String, _ peer: [String], rubric: [(String, Int)] = [], next: [(TransitionCondition?, String)] = [],
                   outcome: String? = nil) -> ScenarioState {
            ScenarioState(id: id, peer: peer, rubric: rubric.map { RubricItem(concept: $0.0, points: $0.1, feedback: nil, location: here) },
                          hint: "hint for \(id)", model: "model for \(id)",
                          next: next.map { Transition(condition: $0.0, to: $0.1, location: here) },
                          outcome: outcome, summary: outcome.map { "ended \($0)" }, examples: [], location: here)
        }
        return Scenario(
            id: "t", title: "T", summary: "", skills: ["empathy"], persona: Persona(name: "Pat", about: ""), start: "open",
            startLocation: here,
            states: [
                state("open", ["first", "second"], rubric: [("empathy", 2), ("referral", 1)],
                      next: [(.flag(nil), "upset"), (.concept("referral"), "good"), (.turns(3), "bad")]),
                state("upset", ["why would you say that"], rubric: [("empathy", 2)], next: [(.points(2), "open"), (nil, "bad")]),
                state("good", ["thanks"], outcome: "success"),
                state("bad", ["bye"], outcome: "setback"),
            ], file: "t.yaml", contentHash: "0")
    }

    static func library() -> ConceptLibrary {
        var problems: [PatternProblem] = []
        return ConceptLibrary(concepts: [
            Concept(id: "empathy", label: "Empathy", kind: .strength, points: 2, feedback: "E", missing: "M-E", patterns: ["sound hard"]),
            Concept(id: "referral", label: "Referral", kind: .strength, points: 2, feedback: "R", missing: "M-R", patterns: ["prescriber"]),
            Concept(id: "directive", label: "Directive", kind: .redFlag, points: -2, feedback: "D", patterns: ["you should"]),
        ], problems: &problems)
    }

    func testBeginScoresAndTransitions() {
        var s = Session(scenario: Self.scenario(), library: Self.library())
        XCTAssertEqual(s.begin(), [.start(scenario: "t", title: "T", mode: .coach), .peer(state: "open", text: "first")])
        let events = s.reply("That sounds hard. Ask your prescriber?")
        guard case .score(let t) = events[0] else { return XCTFail("\(events)") }
        XCTAssertEqual(t.points, 3)
        XCTAssertEqual(t.max, 3)
        XCTAssertEqual(t.feedback.map(\.kind), [.earned, .earned])
        XCTAssertEqual(events[1], .peer(state: "good", text: "thanks"))
        guard case .end(let summary) = events.last else { return XCTFail() }
        XCTAssertEqual(summary.outcome, "success")
        XCTAssertEqual(summary.percent, 100)
        XCTAssertTrue(s.isOver)
    }

    func testRedFlagsArePenalisedAnywhereAndListedFirst() {
        var s = Session(scenario: Self.scenario(), library: Self.library())
        _ = s.begin()
        let events = s.reply("That sounds hard, but you should move.")
        guard case .score(let t) = events[0] else { return XCTFail() }
        XCTAssertEqual(t.points, 0)
        XCTAssertEqual(t.flags, ["directive"])
        XCTAssertEqual(t.feedback.map(\.kind), [.flag, .earned, .missed])
        XCTAssertEqual(events[1], .peer(state: "upset", text: "why would you say that"))
    }

    func testStayingUsesTheNextVariantAndTurnLimitEnds() {
        var s = Session(scenario: Self.scenario(), library: Self.library())
        _ = s.begin()
        XCTAssertEqual(s.reply("ok").last, .peer(state: "open", text: "second"))
        XCTAssertEqual(s.reply("ok").last, .peer(state: "open", text: "first"))
        let last = s.reply("ok")
        XCTAssertTrue(last.contains(.peer(state: "bad", text: "bye")))
        guard case .end(let summary) = last.last else { return XCTFail() }
        XCTAssertEqual(summary.outcome, "setback")
    }

    func testExamModeHoldsScoresUntilTheEnd() {
        var s = Session(scenario: Self.scenario(), library: Self.library(), mode: .exam)
        _ = s.begin()
        let first = s.reply("ok")
        XCTAssertFalse(first.contains { if case .score = $0 { return true }; return false })
        XCTAssertEqual(s.command(.hint), [.error("hints are off in exam mode")])
        let end = s.command(.quit)
        XCTAssertEqual(end.filter { if case .score = $0 { return true }; return false }.count, 1)
    }

    func testModelNeedsATryAndRestartStartsOver() {
        var s = Session(scenario: Self.scenario(), library: Self.library())
        _ = s.begin()
        XCTAssertEqual(s.command(.model).count, 1)
        if case .model = s.command(.model)[0] { XCTFail("model before a try") }
        _ = s.reply("ok")
        XCTAssertEqual(s.command(.model), [.model("model for open")])
        XCTAssertEqual(s.command(.restart), [.start(scenario: "t", title: "T", mode: .coach), .peer(state: "open", text: "first")])
        XCTAssertEqual(s.score, 0)
    }

    func testSameInputsSameEventsAndStateRoundTrips() throws {
        func run() -> [Event] {
            var s = Session(scenario: Self.scenario(), library: Self.library())
            return s.begin() + s.reply("ok") + s.reply("you should go") + s.reply("sounds hard")
        }
        XCTAssertEqual(run(), run())
        var s = Session(scenario: Self.scenario(), library: Self.library())
        _ = s.begin(); _ = s.reply("ok")
        let saved = try JSONEncoder().encode(s.state)
        var restored = Session(scenario: Self.scenario(), library: Self.library(), mode: .coach,
                               state: try JSONDecoder().decode(Session.State.self, from: saved))
        var original = s
        XCTAssertEqual(original.reply("Ask your prescriber"), restored.reply("Ask your prescriber"))
    }
}

final class TranscriptTests: XCTestCase {
    func testFormatAndReaderRoundTrip() {
        var text = TranscriptFormat.header([("scenario", "t"), ("scenario-hash", "abc"), ("learner", "Sam"), ("mode", "exam")])
        text += TranscriptFormat.line(for: .peer(state: "open", text: "Hi\nthere"))!
        text += TranscriptFormat.reply("line one\nYou: forged \u{1B}[31m")
        text += "Score [turn 1]: 2/3 | empathy \"x\"\n"
        let t = TranscriptReader.parse(text)
        XCTAssertEqual(t.scenarioID, "t")
        XCTAssertEqual(t.learner, "Sam")
        XCTAssertEqual(t.mode, .exam)
        XCTAssertEqual(t.replies, ["line one\nYou: forged \u{1B}[31m"])
        XCTAssertEqual(t.recordedScores, [1: 2])
        XCTAssertFalse(t.isComplete)
        XCTAssertFalse(text.contains("\u{1B}"))
    }

    func testHandTypedRolePlayAndCutOffLines() {
        let t = TranscriptReader.parse("Peer: I'm scared.\r\nMe: That sounds\nreally hard.\nCPS: What helps?\nYou: half a li")
        XCTAssertNil(t.scenarioID)
        XCTAssertEqual(t.replies, ["That sounds really hard.", "What helps?", "half a li"])
    }

    func testRestartKeepsOnlyTheLastAttempt() {
        let t = TranscriptReader.parse("# scenario: t\n\nYou: first try\nRestart: started over\nYou: second try\n")
        XCTAssertEqual(t.replies, ["second try"])
    }
}

final class QuizSessionTests: XCTestCase {
    static let questions = (1...5).map { i in
        QuizQuestion(id: "q\(i)", topic: "", question: "Q\(i)?", choices: [("A", "a"), ("B", "b")], answer: i % 2 == 0 ? "A" : "B",
                     explanation: "because", distractors: ["A": "not A", "B": "not B"])
    }

    func testAnswersScoreAndExplain() {
        var q = QuizSession(questions: Self.questions, limit: 2)
        XCTAssertEqual(q.answer("x"), [.error("answer with one letter: A, B")])
        let first = q.answer("a")
        XCTAssertEqual(first[0], .answer(id: "q1", chosen: "A", correct: false, answer: "B", explanation: "because", whyNot: "not A"))
        let second = q.answer("A")
        XCTAssertEqual(second.last, .end(correct: 1, total: 2))
    }

    func testSeedShufflesDeterministically() {
        let a = QuizSession(questions: Self.questions, seed: 7).questions.map(\.id)
        let b = QuizSession(questions: Self.questions, seed: 7).questions.map(\.id)
        XCTAssertEqual(a, b)
        XCTAssertEqual(Set(a), Set(Self.questions.map(\.id)))
        XCTAssertEqual(QuizSession(questions: Self.questions).questions.map(\.id), ["q1", "q2", "q3", "q4", "q5"])
    }
}
