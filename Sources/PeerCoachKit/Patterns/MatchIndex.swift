/// Which patterns a sentence could match, found from its tokens without running any pattern.
///
/// Every program lists the token sets a match must use a token of (`PatternProgram.needs`, the
/// rarest first: its anchor). A pattern is a candidate when a token of the sentence is in its
/// anchor and one is in its second set (when it has one), and runs only when every set it needs
/// has a token in the sentence.
///
/// The tagger keeps one bit array per sentence, `marks`, in three parts of `words`, `words` and
/// `setWords` words: the patterns anchored on a set a token is in, the patterns whose second set
/// a token is in, and the sets tokens are in (only those `mayMatch` still tests: a pattern's
/// third and later, an exclusion's all). The index is token-major: a token's row (one per
/// stem id, one per form id) lists the words of `marks` it sets and their bits. Rows are short
/// (a token anchors a few patterns), so a token costs a few ORs however big the library is. A
/// sentence's candidates are then the first part, with the unanchored patterns (tried on every
/// sentence), less those outside the second part and `oneNeed`.
struct MatchIndex: Sendable {
    /// Words of a bitset over the patterns, and of one over the token sets.
    let words: Int
    let setWords: Int
    /// Row `r` (`t` for stem id `t`, `width + t` for form id `t`) is `rowStart[r] ..< rowStart[r + 1]`
    /// of `rowWord` (a word of `marks`) and `rowBits` (the bits it sets there).
    let rowStart: [Int32]
    let rowWord: [Int32]
    let rowBits: [UInt64]
    /// The patterns with no required set, and those with fewer than two, as bitsets.
    let unanchored: [UInt64]
    let oneNeed: [UInt64]

    /// Where the second part (patterns by their second set) and the third (token sets) of `marks` start.
    var secondsStart: Int { words }
    var setsStart: Int { 2 * words }
    var marksCount: Int { 2 * words + setWords }

    /// `programs` are the library's (patterns first, then exclusions); `width` is the vocabulary's size.
    init(programs: [PatternProgram], patternCount: Int, sets: TokenSets, width: Int) {
        let words = (patternCount + 63) / 64 + 1
        let setWords = max((sets.list.count + 63) / 64, 1)
        let stride = 2 * words + setWords
        var dense = [UInt64](repeating: 0, count: 2 * width * stride)
        /// Sets `bit` in word `at` of the rows of every token of `set`.
        func mark(_ set: TokenSet, word at: Int, bit: UInt64) {
            for t in set.stems where t >= 0 { dense[Int(t) * stride + at] |= bit }
            for t in set.forms where t >= 0 { dense[(width + Int(t)) * stride + at] |= bit }
        }
        var unanchored = [UInt64](repeating: 0, count: words), oneNeed = unanchored
        for p in 0..<patternCount {
            let bit: UInt64 = 1 << UInt64(p & 63)
            let needs = programs[p].needs
            if needs.isEmpty { unanchored[p >> 6] |= bit }
            if needs.count < 2 { oneNeed[p >> 6] |= bit }
            for (part, need) in needs.prefix(2).enumerated() {
                mark(sets.list[Int(need)], word: part * words + p >> 6, bit: bit)
            }
        }
        // The sets `mayMatch` tests: a candidate pattern's first two are known to be there (its
        // bits in the first two parts say so), so only its others; an exclusion's, all of them.
        var required = Set<Int32>()
        for (p, program) in programs.enumerated() { required.formUnion(program.needs.dropFirst(p < patternCount ? 2 : 0)) }
        for s in required {
            mark(sets.list[Int(s)], word: 2 * words + Int(s) >> 6, bit: 1 << UInt64(s & 63))
        }

        var rowStart: [Int32] = [0], rowWord: [Int32] = [], rowBits: [UInt64] = []
        for r in 0..<(2 * width) {
            for k in 0..<stride where dense[r * stride + k] != 0 {
                rowWord.append(Int32(k))
                rowBits.append(dense[r * stride + k])
            }
            rowStart.append(Int32(rowWord.count))
        }
        self.words = words
        self.setWords = setWords
        self.rowStart = rowStart
        self.rowWord = rowWord
        self.rowBits = rowBits
        self.unanchored = unanchored
        self.oneNeed = oneNeed
    }
}
