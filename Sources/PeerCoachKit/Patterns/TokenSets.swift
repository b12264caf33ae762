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

/// Every `TokenSet` a library's programs use, each stored once, with a bitset per set so the matcher
/// tests membership with one load (no hashing in the inner loop).
struct TokenSets: Sendable {
    private(set) var list: [TokenSet] = []
    private var index: [TokenSet: Int32] = [:]
    /// Per set: `words` words of stem bits, then `words` words of form bits. Built by `freeze`.
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
        words = max(1, (vocabularyCount + 63) / 64)
        bits = [UInt64](repeating: 0, count: list.count * 2 * words)
        for (i, set) in list.enumerated() {
            let base = i * 2 * words
            for id in set.stems { bits[base + Int(id) >> 6] |= 1 << UInt64(id & 63) }
            for id in set.forms { bits[base + words + Int(id) >> 6] |= 1 << UInt64(id & 63) }
        }
    }

    /// Whether a token with this stem and form id is in set `set` (`Vocabulary.unknown` is in none).
    @inline(__always)
    func contains(_ set: Int32, stem: Int32, form: Int32) -> Bool {
        let base = Int(set) * 2 * words
        let limit = UInt32(words * 64)
        if UInt32(bitPattern: stem) < limit, bits[base + Int(stem) >> 6] & (1 << UInt64(stem & 63)) != 0 { return true }
        if UInt32(bitPattern: form) < limit, bits[base + words + Int(form) >> 6] & (1 << UInt64(form & 63)) != 0 { return true }
        return false
    }
}
