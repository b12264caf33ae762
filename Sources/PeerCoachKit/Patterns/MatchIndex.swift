/// Which patterns a sentence could match, found from its tokens without running any pattern.
///
/// Every program lists the token sets a match must use a token of (`PatternProgram.needs`, the
/// rarest first: its anchor). The index maps each token to the required sets it belongs to, and
/// each set to the patterns it anchors. The tagger marks a sentence's sets once, token by token;
/// a pattern is a candidate when its anchor is marked, and runs only when all its needs are.
struct MatchIndex: Sendable {
    /// The required sets token `t` is in: `tokenSets[tokenSetStart[r] ..< tokenSetStart[r + 1]]`
    /// with row `r = t` for a stem id and `r = width + t` for a form id.
    let tokenSetStart: [Int32]
    let tokenSets: [Int32]
    /// The patterns (not exclusions) anchored on set `s`: `anchored[anchoredStart[s] ..< anchoredStart[s + 1]]`.
    let anchoredStart: [Int32]
    let anchored: [Int32]
    /// Patterns with no required set: tried on every sentence.
    let unanchored: [Int32]

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
        (tokenSets, tokenSetStart) = Self.flatten(rows)

        var bySet = [[Int32]](repeating: [], count: sets.list.count)
        var unanchored: [Int32] = []
        for p in 0..<patternCount {
            if let anchor = programs[p].needs.first { bySet[Int(anchor)].append(Int32(p)) } else { unanchored.append(Int32(p)) }
        }
        (anchored, anchoredStart) = Self.flatten(bySet)
        self.unanchored = unanchored
    }

    /// Concatenated rows and their start offsets (one more than there are rows).
    static func flatten(_ rows: [[Int32]]) -> ([Int32], [Int32]) {
        var all: [Int32] = [], starts: [Int32] = [0]
        for row in rows { all += row; starts.append(Int32(all.count)) }
        return (all, starts)
    }
}
