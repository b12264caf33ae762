/// A set of token ids a pattern accepts at one place: any of these stems, or any of these exact forms.
struct TokenSet: Hashable, Sendable {
    /// Sorted, without repeats.
    var stems: [Int32]
    var forms: [Int32]

    init(stems: some Sequence<Int32>, forms: some Sequence<Int32>) {
        self.stems = Array(Set(stems)).sorted()
        self.forms = Array(Set(forms)).sorted()
    }

    func union(_ other: TokenSet) -> TokenSet {
        TokenSet(stems: stems + other.stems, forms: forms + other.forms)
    }
}

/// Every `TokenSet` a library's programs use, each stored once, with a bitset per token so the
/// matcher tests membership with one load (no hashing in the inner loop).
///
/// The bitsets are token-major: a token's row says which sets hold it, so the rows of a sentence's
/// few tokens are all the matcher reads while it works on that sentence (they stay in cache).
struct TokenSets: Sendable {
    private(set) var list: [TokenSet] = []
    private var index: [TokenSet: Int32] = [:]
    /// Row `t` (a stem id) and row `vocabularyCount + t` (a form id): `words` words of set bits.
    /// Built by `freeze`.
    private(set) var bits: [UInt64] = []
    private(set) var words = 0

    /// The index of `set`, adding it if new.
    mutating func id(_ set: TokenSet) -> Int32 {
        if let i = index[set] { return i }
        let i = Int32(list.count)
        list.append(set)
        index[set] = i
        return i
    }

    /// Builds the bitsets, once every id in every set is below `vocabularyCount`.
    mutating func freeze(vocabularyCount: Int) {
        words = max(1, (list.count + 63) / 64)
        bits = [UInt64](repeating: 0, count: 2 * vocabularyCount * words)
        for (i, set) in list.enumerated() {
            let bit: UInt64 = 1 << UInt64(i & 63)
            for id in set.stems { bits[Int(id) * words + i >> 6] |= bit }
            for id in set.forms { bits[(vocabularyCount + Int(id)) * words + i >> 6] |= bit }
        }
    }
}
