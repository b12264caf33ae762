import XCTest
@testable import PeerCoachKit

final class PatternParserTests: XCTestCase {
    func testParsesChatScriptNotation() throws {
        let node = try PatternParser.parse("< you {really} [should must] *~2 'stop (your meds) !not ~meds * ? ^ >")
        guard case .sequence(let items) = node else { return XCTFail() }
        XCTAssertEqual(items[0], .sentenceStart)
        XCTAssertEqual(items[1], .word("you"))
        XCTAssertEqual(items[2], .choice([.word("really")], optional: true))
        XCTAssertEqual(items[3], .choice([.word("should"), .word("must")], optional: false))
        XCTAssertEqual(items[4], .gap(max: 2))
        XCTAssertEqual(items[5], .exact("stop"))
        XCTAssertEqual(items[6], .sequence([.word("your"), .word("meds")]))
        XCTAssertEqual(items[7], .absent("not"))
        XCTAssertEqual(items[8], .reference("meds"))
        XCTAssertEqual(items[9], .gap(max: nil))
        XCTAssertEqual(items[10], .questionEnd)
        XCTAssertEqual(items[11], .clauseBoundary)
        XCTAssertEqual(items[12], .sentenceEnd)
    }

    func testContractionsInPatternsAreExpanded() throws {
        XCTAssertEqual(try PatternParser.parse("don't"), .sequence([.word("do"), .word("not")]))
    }

    func testErrorsCarryTheirOffset() {
        XCTAssertThrowsError(try PatternParser.parse("you [should")) { e in
            XCTAssertEqual((e as? PatternSyntaxError)?.offset, 4)
        }
        XCTAssertThrowsError(try PatternParser.parse("a ] b")) { e in
            XCTAssertEqual((e as? PatternSyntaxError)?.offset, 2)
        }
        // Counted in characters: "é" written as e + combining accent is one.
        XCTAssertThrowsError(try PatternParser.parse("cafe\u{301} ] x")) { e in
            XCTAssertEqual((e as? PatternSyntaxError)?.offset, 5)
        }
        XCTAssertThrowsError(try PatternParser.parse("stop *~99 meds"))
        XCTAssertThrowsError(try PatternParser.parse("[]"))
        XCTAssertThrowsError(try PatternParser.parse("   "))
        XCTAssertThrowsError(try PatternParser.parse("!not"))
    }
}

final class MatcherTests: XCTestCase {
    func library(_ patterns: [String], kind: ConceptKind = .redFlag, sets: [String: [String]] = [:],
                 exclude: [String] = [], negation: NegationMode = .block) -> ConceptLibrary {
        var problems: [PatternProblem] = []
        let lib = ConceptLibrary(concepts: [Concept(id: "x", label: "X", kind: kind, points: -1, patterns: patterns,
                                                    exclude: exclude, negation: negation)], sets: sets, problems: &problems)
        XCTAssertEqual(problems.count, 0, "\(problems)")
        return lib
    }

    func evidence(_ lib: ConceptLibrary, _ text: String) -> String? { lib.tag(text).first?.evidence }

    func testWordsMatchAnyInflectionAndExactFormsDoNot() {
        let lib = library(["stop *~2 ~meds"], sets: ["meds": ["pill", "(anti depressant)"]])
        XCTAssertEqual(evidence(lib, "Maybe try stopping the pills."), "stopping the pills")
        XCTAssertEqual(evidence(lib, "stop your anti-depressants"), "stop your anti-depressants")
        XCTAssertNil(evidence(lib, "stop and think about whether the pills help"))
        let exact = library(["'us"])
        XCTAssertNotNil(exact.tag("between us"))
        XCTAssertEqual(exact.tag("we use it").count, 0)
    }

    func testNegationBlocksRedFlagsUnlessThePatternSpellsIt() {
        let lib = library(["stop *~2 ~meds"], sets: ["meds": ["med"]])
        XCTAssertEqual(lib.tag("I'd never tell you to stop your meds").count, 0)
        XCTAssertEqual(lib.tag("I'd never do that. Stop your meds.").count, 1)
        let directive = library(["you *~2 have to"])
        XCTAssertEqual(directive.tag("You don't have to go").count, 0)
        XCTAssertEqual(directive.tag("You have to go").count, 1)
        let spelled = library(["no big deal"])
        XCTAssertEqual(spelled.tag("It's no big deal").count, 1)
        XCTAssertEqual(spelled.tag("I'm not going to tell you it's no big deal").count, 0)
        let ignoring = library(["what * ?"], negation: .ignore)
        XCTAssertEqual(ignoring.tag("What haven't you said yet?").count, 1)
    }

    func testAnchorsAndAbsentWords() {
        let lib = library(["< take"])
        XCTAssertEqual(lib.tag("Take two.").count, 1)
        XCTAssertEqual(lib.tag("I take two.").count, 0)
        let question = library(["^ what * ?"])
        XCTAssertEqual(question.tag("So, what happened?").count, 1)
        XCTAssertEqual(question.tag("So, what happened.").count, 0)
        XCTAssertEqual(question.tag("I know what happened?").count, 0)
        let absent = library(["!not you should"])
        XCTAssertEqual(absent.tag("Not sure you should.").count, 0)
        XCTAssertEqual(absent.tag("You should.").count, 1)
    }

    func testExclusionsAndConceptReferences() {
        var problems: [PatternProblem] = []
        let lib = ConceptLibrary(concepts: [
            Concept(id: "doc", label: "Doc", kind: .strength, points: 1, patterns: ["[doctor prescriber]"], exclude: ["doctor who"]),
            Concept(id: "ask-doc", label: "Ask", kind: .strength, points: 1, patterns: ["ask *~3 ~doc"]),
        ], problems: &problems)
        XCTAssertEqual(problems.count, 0)
        XCTAssertEqual(lib.tag("Ask your prescriber.").map(\.id), ["ask-doc", "doc"])
        XCTAssertEqual(lib.tag("I love Doctor Who").map(\.id), [])
    }

    func testUnknownAndCircularReferencesAreProblems() {
        var problems: [PatternProblem] = []
        _ = ConceptLibrary(concepts: [
            Concept(id: "a", label: "A", kind: .strength, points: 1, patterns: ["~b", "~nope"]),
            Concept(id: "b", label: "B", kind: .strength, points: 1, patterns: ["~a"]),
        ], problems: &problems)
        XCTAssertTrue(problems.contains { $0.unknownReference && $0.pattern == "~nope" })
        XCTAssertTrue(problems.contains { $0.message.contains("circular") })
    }

    func testMatchingIsLinearInReplyLength() {
        // A pathological pattern for a backtracking matcher; the NFA visits each token once per state.
        let lib = library(["* a * a * a * a * b"])
        let reply = Array(repeating: "a", count: 20_000).joined(separator: " ")
        XCTAssertEqual(lib.tag(reply).count, 0)
        XCTAssertEqual(lib.tag(reply + " b").count, 1)
    }

    func testASetUsedByManyPatternsMatchesInEachOfThem() {
        // A reference is compiled once and its instructions reused at each use, jumps moved.
        let sets = ["groups": ["(support group)", "(peer [group meeting])", "clubhouse", "(drop in {center})"]]
        let lib = library(["join *~2 ~groups", "~groups *~3 helped", "{a} ~groups on tuesday"], sets: sets)
        XCTAssertEqual(evidence(lib, "You could join a peer meeting."), "join a peer meeting")
        XCTAssertEqual(evidence(lib, "The drop in center really helped me."), "drop in center really helped")
        XCTAssertEqual(evidence(lib, "There is a support group on Tuesday."), "a support group on Tuesday")
        XCTAssertNil(evidence(lib, "Join the group on Tuesday."))
    }

    func testProgramsOfEverySizeMatchAlike() {
        // A set of phrases is expanded inline, so its size sets the program's: 1, 2 and 4 mask
        // words run in registers (3 is rounded up to 4), more take the VM's general path; from 16
        // word positions on, the VM finds the ones a token passes by lookup (`WordDispatch`).
        let names = ["alder", "birch", "cedar", "dogwood", "elm", "fir", "ginkgo", "hazel", "ivy", "juniper", "kapok", "larch",
                     "maple", "nutmeg", "oak", "pine", "quince", "rowan", "spruce", "teak", "upas", "velvet", "willow", "yew"]
        for count in [4, 24, 50, 70, 110] {
            let phrases = (0..<count).map { "(\(names[$0 % names.count]) \(names[($0 / names.count + $0 + 1) % names.count]) grove)" }
            let lib = library(["[meet see] *~2 ~groves *~3 [today tonight]", "~groves helped"], sets: ["groves": phrases])
            let last = phrases[count - 1].dropFirst().dropLast()
            XCTAssertEqual(evidence(lib, "Could we meet at the \(last) tonight?"), "meet at the \(last) tonight", "\(count) phrases")
            XCTAssertEqual(evidence(lib, "Honestly the \(phrases[0].dropFirst().dropLast()) helped a lot."),
                           "\(phrases[0].dropFirst().dropLast()) helped", "\(count) phrases")
            XCTAssertNil(evidence(lib, "We could meet at the \(last.split(separator: " ")[0]) grove tonight."), "\(count) phrases")
        }
    }

    func testTheEarliestEndingMatchWinsThenTheLeftmostStart() {
        let lib = library(["stop *~3 meds"])
        XCTAssertEqual(evidence(lib, "stop stop your meds and stop meds"), "stop stop your meds")
    }

    func testAnAnchorAfterAnOptionalWordIsCheckedWhereTheMatchStarts() {
        let lib = library(["{so} ^ what"], kind: .strength)
        XCTAssertEqual(evidence(lib, "Okay, what now"), "what")
        XCTAssertEqual(evidence(lib, "So, what now"), "So, what")
        XCTAssertNil(evidence(lib, "I know what you mean"))
    }

    func testAPatternWordWithACombiningAccentStaysOneWord() {
        let lib = library(["cafe\u{301} *~2 meeting"], kind: .strength)
        XCTAssertEqual(evidence(lib, "The cafe\u{301} peer meeting"), "cafe\u{301} peer meeting")
    }

    func testEvidenceIsTheLearnersOwnSpelling() {
        let lib = library(["you *~2 should"])
        XCTAssertEqual(evidence(lib, "Honestly YOU really SHOULD."), "YOU really SHOULD")
    }

    func testATaggerGivesTheSameAnswersAfterForgettingTheWordsItLearned() {
        // A tagger learns each new word's tokens, up to a limit, then forgets them and starts over.
        let lib = library(["stop *~2 ~meds", "quitting cold turkey"], sets: ["meds": ["pill", "(anti depressant)"]])
        var tagger = Tagger(library: lib)
        let replies = ["Stop your anti-depressants today.", "Try quitting cold turkey.", "Stopping the pills, won't you?",
                       "Arrête les pills."]
        let fresh = replies.map { lib.tag($0) }
        XCTAssertEqual(replies.map { tagger.tag($0) }, fresh)
        for chunk in stride(from: 0, to: 3 * WordCache.learnLimit, by: 500) {
            _ = tagger.tag((chunk..<chunk + 500).map { "zq\($0)x" }.joined(separator: " "))
        }
        XCTAssertEqual(replies.map { tagger.tag($0) }, fresh)
        XCTAssertEqual(tagger.tag("stop zq1x zq2x zq3x pills").map(\.evidence), [])
        XCTAssertEqual(tagger.tag("stop zq1x pills").map(\.evidence), ["stop zq1x pills"])
    }
}
