/// The library's `Vocabulary` plus what the tagger needs to know of each word it holds, so that a
/// reply's word costs one hash lookup: its stem's id and whether it opens or closes negation scope.
///
/// It holds every word patterns mention, their stems, the negators and clause words, and every
/// irregular form the stemmer knows, so a word it does not hold is stemmed by the suffix rules alone.
struct Lexicon: Sendable {
    struct Flags: OptionSet, Sendable {
        let rawValue: UInt8
        static let negator = Flags(rawValue: 1)
        static let clauseWord = Flags(rawValue: 2)
    }

    private(set) var vocabulary: Vocabulary
    /// Per id: the id of `Stemmer.stem(word)`.
    private(set) var stemOf: [Int32] = []
    private(set) var flags: [Flags] = []

    init(_ vocabulary: Vocabulary) {
        var v = vocabulary
        for w in Negation.negators { v.intern(w) }
        for w in Negation.clauseWords { v.intern(w) }
        for (form, stem) in Stemmer.irregular { v.intern(form); v.intern(stem) }
        // Every held word's stem is held too (interning a stem may add a word: go on to a fixpoint).
        var i = 0
        while i < v.count {
            let word = v.word(Int32(i))
            stemOf.append(v.intern(Stemmer.stem(word)))
            var f: Flags = []
            if Negation.negators.contains(word) { f.insert(.negator) }
            if Negation.clauseWords.contains(word) { f.insert(.clauseWord) }
            flags.append(f)
            i += 1
        }
        self.vocabulary = v
    }
}
