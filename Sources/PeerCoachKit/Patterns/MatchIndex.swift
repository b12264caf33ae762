/// Which patterns a sentence could match, found from its tokens without running any pattern.
///
/// Every program lists the token sets a match must use a token of (`PatternProgram.needs`, the
/// rarest first: its anchor). A pattern is a candidate when a token of the sentence is in its
/// anchor and one is in its second set (when it has one), and runs only when every set it needs
/// has a token in the sentence.
///
/// The index is token-major: a token's row lists the required sets that hold it, and holds two
/// bitsets over the patterns (not exclusions): those anchored on one of the sets, and those whose
/// second set is one of them. A sentence's candidates are the union of its tokens' first halves
/// and of the patterns with no anchor (tried on every sentence), less the patterns whose second
/// set no token is in: those outside the union of the second halves and of `oneNeed`.
struct MatchIndex: Sendable {
    /// The required sets token `t` is in: `tokenSets[tokenSetStart[r] ..< tokenSetStart[r + 1]]`
    /// with row `r = t` for a stem id and `r = width + t` for a form id.
    let tokenSetStart: [Int32]
    let tokenSets: [Int32]
    /// Words of a bitset over the patterns.
    let words: Int
    /// Row `t` (a stem id) and row `width + t` (a form id), `2 * words` words each: the patterns
    /// anchored on a set that holds the token, then those whose second set holds it.
    let anchoredBits: [UInt64]
    /// Per row: whether any bit is set (most form rows are empty: few patterns spell an exact form).
    let rowUsed: [Bool]
    /// The patterns with no required set, and those with fewer than two, as bitsets.
    let unanchored: [UInt64]
    let oneNeed: [UInt64]

    /// `programs` are the library's (patterns first, then exclusions); `width` is the vocabulary's size.
    init(programs: [PatternProgram], patternCount: Int, sets: TokenSets, width: Int) {
        var required = Set<Int32>()
        for p in programs { required.formUnion(p.needs) }
        var rows = [[Int32]](repeating: [], count: 2 * width)
        for s in required.sorted() {
            let set = sets.list[Int(s)]
            for t in set.stems where t >= 0 { rows[Int(t)].append(s) }
            for t in set.forms where t >= 0 { rows[width + Int(t)].append(s) }
        }
        tokenSets = rows.flatMap { $0 }
        tokenSetStart = rows.reduce(into: [0]) { starts, row in starts.append(starts.last! + Int32(row.count)) }

        let words = (patternCount + 63) / 64 + 1
        self.words = words
        let stride = 2 * words
        var bits = [UInt64](repeating: 0, count: 2 * width * stride)
        var unanchored = [UInt64](repeating: 0, count: words), oneNeed = unanchored
        for p in 0..<patternCount {
            let bit: UInt64 = 1 << UInt64(p & 63)
            let needs = programs[p].needs
            if needs.isEmpty { unanchored[p >> 6] |= bit }
            if needs.count < 2 { oneNeed[p >> 6] |= bit }
            for (half, need) in needs.prefix(2).enumerated() {
                let set = sets.list[Int(need)]
                let at = half * words + p >> 6
                for t in set.stems where t >= 0 { bits[Int(t) * stride + at] |= bit }
                for t in set.forms where t >= 0 { bits[(width + Int(t)) * stride + at] |= bit }
            }
        }
        anchoredBits = bits
        rowUsed = (0..<(2 * width)).map { r in bits[r * stride ..< (r + 1) * stride].contains { $0 != 0 } }
        self.unanchored = unanchored
        self.oneNeed = oneNeed
    }
}
