/// Splits a reply into sentences of normalised tokens, working over its UTF-8 bytes.
///
/// - Case is folded; curly apostrophes (U+2018, U+2019) become `'`.
/// - Contractions are expanded (`Contractions`), and every token gets its stem (`Stemmer`).
/// - `.` `!` `?` `…` and line breaks end a sentence (a `.` between digits does not).
/// - `,` `;` `:` brackets, quotes and dashes mark a clause break on the next token.
/// - A hyphen inside a word splits it without a break ("role-play" -> "role", "play").
/// - Negation scope is marked on the tokens (`Negation`).
public enum Tokenizer {
    public static func sentences(_ text: String) -> [Sentence] {
        var builder = SentenceBuilder()
        var word = ScratchBuffer<UInt8>(capacity: 64)
        defer { word.deallocate() }
        var text = text
        text.withUTF8 { scan($0, word: &word, into: &builder) }
        return builder.result
    }

    /// The scanner every caller shares: finds words, clause breaks and sentence ends in UTF-8 bytes
    /// and hands them to `sink`. `word` is scratch space, reused across calls.
    @inline(__always)
    static func scan<Sink: WordSink>(_ bytes: UnsafeBufferPointer<UInt8>, word: inout ScratchBuffer<UInt8>, into sink: inout Sink) {
        var pendingBreak = false
        var wordStart = 0
        let n = bytes.count
        word.removeAll()

        func flushWord(end: Int) {
            guard !word.isEmpty else { return }
            // Eight readable bytes past the word, for `Vocabulary.hash(padded:)` and `WordCache`.
            word.reserve(word.count + 8)
            // Trim apostrophes used as quotes: 'hello' -> hello.
            var lo = 0, hi = word.count
            while lo < hi, word[lo] == 0x27 { lo += 1 }
            while hi > lo, word[hi - 1] == 0x27, !(hi - lo >= 2 && word[hi - 2] == UInt8(ascii: "s")) { hi -= 1 }
            if lo < hi {
                let made = sink.word(UnsafeBufferPointer(start: word.base + lo, count: hi - lo), range: wordStart..<end, breakBefore: pendingBreak)
                if made > 0 { pendingBreak = false }
            }
            word.removeAll()
        }
        func endSentence(question: Bool = false) {
            sink.endSentence(question: question)
            pendingBreak = false
        }

        var i = 0
        while i < n {
            let b = bytes[i]
            if isWordByte(b) {
                // A run of ASCII letters and digits, folded into `word` eight bytes at a time (the
                // last eight-byte store may write past the run: `word` has room, see `reserve`).
                if word.isEmpty { wordStart = i }
                word.reserve(word.count + n - i + 8)
                var k = word.count
                var ended = false
                while i &+ 8 <= n {
                    let (folded, run) = foldWordBytes(UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self))
                    UnsafeMutableRawPointer(word.base + k).storeBytes(of: folded, as: UInt64.self)
                    k &+= run; i &+= run
                    if run < 8 { ended = true; break }
                }
                if !ended {
                    while i < n, isWordByte(bytes[i]) { word[k] = asciiFold(bytes[i]); k += 1; i += 1 }
                }
                word.count = k
                continue
            }
            if b == 0x27 { // ' inside or around a word
                if word.isEmpty { wordStart = i }
                word.append(b); i += 1; continue
            }
            if b >= 0x80 {
                let len = utf8Length(b)
                let end = min(i + len, n)
                if len == 3, end == i + 3, bytes[i] == 0xE2, bytes[i + 1] == 0x80 {
                    switch bytes[i + 2] {
                    case 0x98, 0x99: // curly single quotes: an apostrophe
                        if word.isEmpty { wordStart = i }
                        word.append(0x27); i = end; continue
                    case 0x93, 0x94, 0x9C, 0x9D: // dashes, curly double quotes
                        flushWord(end: i); pendingBreak = true; i = end; continue
                    case 0xA6: // ellipsis
                        flushWord(end: i); endSentence(); i = end; continue
                    default: break
                    }
                }
                if len == 2, bytes[i] == 0xC2, end == i + 2, bytes[i + 1] == 0xA0 || bytes[i + 1] == 0xAB || bytes[i + 1] == 0xBB {
                    flushWord(end: i); if bytes[i + 1] != 0xA0 { pendingBreak = true }; i = end; continue
                }
                if word.isEmpty { wordStart = i }
                word.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end])); i = end; continue
            }
            switch b {
            case UInt8(ascii: "."):
                if !word.isEmpty, i + 1 < n, isDigit(bytes[i + 1]), word.last.map(isDigit) == true {
                    word.append(b); i += 1; continue
                }
                // "Dr." "Mrs." "St." do not end a sentence.
                if !word.isEmpty, word.count <= 6, abbreviations.id(word.buffer) != Vocabulary.unknown {
                    flushWord(end: i); i += 1; continue
                }
                flushWord(end: i); endSentence()
            case UInt8(ascii: "?"):
                flushWord(end: i); endSentence(question: true)
            case UInt8(ascii: "!"), 0x0A, 0x0D:
                flushWord(end: i); endSentence()
            case UInt8(ascii: ","), UInt8(ascii: ";"), UInt8(ascii: ":"), UInt8(ascii: "("), UInt8(ascii: ")"),
                 UInt8(ascii: "\""), UInt8(ascii: "["), UInt8(ascii: "]"):
                flushWord(end: i); pendingBreak = true
            case UInt8(ascii: "-"):
                let inWord = !word.isEmpty && i + 1 < n && isWordByte(bytes[i + 1])
                flushWord(end: i)
                if !inWord { pendingBreak = true }
            default:
                flushWord(end: i)
            }
            i += 1
        }
        flushWord(end: n)
        endSentence()
    }

    /// All tokens of a text, sentences concatenated (handy in tests and tools).
    public static func tokens(_ text: String) -> [Token] {
        sentences(text).flatMap(\.tokens)
    }

    /// Titles and abbreviations whose period is not a sentence end (lower-cased bytes).
    static let abbreviations: Vocabulary = {
        var table = Vocabulary()
        for w in ["dr", "mr", "mrs", "ms", "st", "vs", "jr", "sr", "prof", "mt", "e.g", "i.e", "etc", "approx", "appt", "dept"] { table.intern(w) }
        return table
    }()

    @inline(__always) static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    @inline(__always) static func isWordByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || isDigit(b)
    }
    /// Eight bytes (little-endian) with ASCII capitals folded to lower case, and how many of them,
    /// from the first, are word bytes (`isWordByte`): 0 to 8. Bit tricks on the whole word: for a
    /// byte `x` below 0x80, `(x | 0x80) - c` keeps its top bit exactly when `x >= c` (no borrow
    /// crosses bytes), so each range test is two subtractions and a mask.
    @inline(__always) static func foldWordBytes(_ x: UInt64) -> (folded: UInt64, run: Int) {
        let high: UInt64 = 0x8080_8080_8080_8080, ones: UInt64 = 0x0101_0101_0101_0101
        let x7 = x | high
        @inline(__always) func atLeast(_ c: UInt64) -> UInt64 { (x7 &- c &* ones) & high }
        let upper = atLeast(0x41) & ~atLeast(0x5B)
        let lower = atLeast(0x61) & ~atLeast(0x7B)
        let digit = atLeast(0x30) & ~atLeast(0x3A)
        let nonWord = ~((upper | lower | digit) & ~x) & high
        return (x | upper >> 2, nonWord == 0 ? 8 : nonWord.trailingZeroBitCount >> 3)
    }
    @inline(__always) static func asciiFold(_ b: UInt8) -> UInt8 {
        (b >= 0x41 && b <= 0x5A) ? b + 32 : b
    }
    static func asciiLower(_ s: UnsafeBufferPointer<UInt8>) -> String {
        String(decoding: s.map(asciiFold), as: UTF8.self)
    }
    static func utf8Length(_ lead: UInt8) -> Int {
        if lead >= 0xF0 { return 4 }
        if lead >= 0xE0 { return 3 }
        if lead >= 0xC0 { return 2 }
        return 1
    }
}

/// Receives what `Tokenizer.scan` finds.
protocol WordSink {
    /// A word: its bytes (ASCII letters already lower case, quote-like apostrophes trimmed, never
    /// empty, followed by at least eight readable bytes) and its byte range in the text. Returns how many tokens it became (a contraction
    /// makes two, a lone `'s` none); the first of them carries `breakBefore`.
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, breakBefore: Bool) -> Int
    /// The sentence so far is over (`question`: it ended with `?`). May come with no words before it.
    mutating func endSentence(question: Bool)
}

/// Builds `Sentence`s of `Token`s: the reference representation, for tests and tools.
struct SentenceBuilder: WordSink {
    var result: [Sentence] = []
    var current: [Token] = []

    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, breakBefore: Bool) -> Int {
        let lower = bytes.allSatisfy({ $0 < 0x80 })
            ? Tokenizer.asciiLower(bytes) : String(decoding: bytes, as: UTF8.self).lowercased()
        var made = 0
        for form in Contractions.expand(lower) where !form.isEmpty {
            current.append(Token(form: form, stem: Stemmer.stem(form), range: range, breakBefore: made == 0 && breakBefore))
            made += 1
        }
        return made
    }

    mutating func endSentence(question: Bool) {
        if !current.isEmpty {
            result.append(Sentence(tokens: Negation.mark(current), isQuestion: question))
            current.removeAll()
        }
    }
}
