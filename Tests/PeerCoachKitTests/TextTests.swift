import XCTest
@testable import PeerCoachKit

final class TokenizerTests: XCTestCase {
    func forms(_ s: String) -> [String] { Tokenizer.tokens(s).map(\.form) }

    func testFoldsCaseAndExpandsContractions() {
        XCTAssertEqual(forms("You DON'T have to"), ["you", "do", "not", "have", "to"])
        XCTAssertEqual(forms("I'd say you're right, it's fine"), ["i", "would", "say", "you", "are", "right", "it", "is", "fine"])
        XCTAssertEqual(forms("I can't, won't, let's"), ["i", "can", "not", "will", "not", "let", "us"])
    }

    func testCurlyApostrophesAndMissingApostrophes() {
        XCTAssertEqual(forms("don\u{2019}t"), ["do", "not"])
        XCTAssertEqual(forms("dont youre im"), ["do", "not", "you", "are", "i", "am"])
    }

    func testTextingShorthandAndCommonMisspellingsAreExpanded() {
        XCTAssertEqual(forms("u r thru w it idk"), ["you", "r", "through", "w", "it", "i", "do", "not", "know"])
        XCTAssertEqual(forms("alot definately"), ["a", "lot", "definitely"])
        XCTAssertEqual(forms("your ID"), ["your", "id"], "ID is a card, not I'd")
        XCTAssertEqual(forms("ask the RN"), ["ask", "the", "rn"], "RN is a nurse, not right now")
    }

    func testPossessiveIsDropped() {
        XCTAssertEqual(forms("my sister's car"), ["my", "sister", "car"])
    }

    func testSentencesSplitOnEndPunctuationButNotTitlesOrDecimals() {
        let s = Tokenizer.sentences("Ask Dr. Reyes about 2.5 mg. Then rest! OK?")
        XCTAssertEqual(s.count, 3)
        XCTAssertEqual(s[0].tokens.map(\.form), ["ask", "dr", "reyes", "about", "2.5", "mg"])
        XCTAssertTrue(s[2].isQuestion)
        XCTAssertFalse(s[0].isQuestion)
    }

    func testHyphenSplitsWordsAndCommaMarksBreak() {
        let t = Tokenizer.tokens("Let's role-play it, okay")
        XCTAssertEqual(t.map(\.form), ["let", "us", "role", "play", "it", "okay"])
        XCTAssertEqual(t.map(\.breakBefore), [false, false, false, false, false, true])
    }

    func testByteRangesPointAtTheOriginalWords() {
        let text = "Hi — don’t go"
        let t = Tokenizer.tokens(text)
        let bytes = Array(text.utf8)
        XCTAssertEqual(String(decoding: bytes[t[1].range], as: UTF8.self), "don’t")
        XCTAssertEqual(t[1].range, t[2].range, "both halves of a contraction quote the same word")
    }

    func testInvalidUTF8AndControlBytesDoNotCrash() {
        let text = String(decoding: [0x66, 0xFF, 0x00, 0x1B, 0x5B, 0x6F, 0x6B], as: UTF8.self)
        XCTAssertFalse(Tokenizer.tokens(text).isEmpty)
    }
}

final class StemmerTests: XCTestCase {
    func testInflectionsMeet() {
        XCTAssertEqual(Stemmer.stem("advocating"), Stemmer.stem("advocate"))
        XCTAssertEqual(Stemmer.stem("advocated"), Stemmer.stem("advocates"))
        XCTAssertEqual(Stemmer.stem("hopes"), Stemmer.stem("hope"))
        XCTAssertEqual(Stemmer.stem("tries"), "try")
        XCTAssertEqual(Stemmer.stem("stopping"), Stemmer.stem("stop"))
        XCTAssertEqual(Stemmer.stem("planned"), Stemmer.stem("plan"))
        XCTAssertEqual(Stemmer.stem("practising"), Stemmer.stem("practice"))
    }

    func testBritishSpellingsStemAsTheAmericanOnes() {
        for (british, american) in Stemmer.british {
            XCTAssertEqual(Stemmer.stem(british), Stemmer.stem(american), british)
        }
        XCTAssertEqual(Stemmer.stem("counselling"), Stemmer.stem("counseling"))
        XCTAssertEqual(Stemmer.stem("neighbourhood"), "neighborhood")
        XCTAssertEqual(Stemmer.stem("organised"), Stemmer.stem("organize"))
        XCTAssertEqual(Stemmer.stem("mum"), "mom")
    }

    func testKeepsDerivationsApartAndShortWordsAlone() {
        XCTAssertNotEqual(Stemmer.stem("hopeful"), Stemmer.stem("hope"))
        XCTAssertEqual(Stemmer.stem("is"), "is")
        XCTAssertEqual(Stemmer.stem("calling"), "call")
        XCTAssertEqual(Stemmer.stem("class"), "class")
    }
}

final class NegationTests: XCTestCase {
    func negated(_ s: String) -> [String] {
        Tokenizer.sentences(s).flatMap(\.tokens).filter { $0.negatedBy != nil }.map(\.form)
    }

    func testScopeCoversFollowingWords() {
        XCTAssertEqual(negated("I'd never tell you to stop your meds"), ["tell", "you", "to", "stop", "your", "meds"])
    }

    func testClauseBreaksCloseTheScope() {
        XCTAssertEqual(negated("I'm not a doctor, but your prescriber can help"), ["a", "doctor"])
        XCTAssertEqual(negated("It's not my call because you decide"), ["my", "call"])
    }

    func testScopeIsBounded() {
        let words = negated("not one two three four five six seven eight nine ten")
        XCTAssertEqual(words.count, Negation.scopeLength)
    }
}
