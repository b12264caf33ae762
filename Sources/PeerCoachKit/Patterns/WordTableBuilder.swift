/// Builds `MatchTables`' word table: every word a reply can use that the library knows, and every
/// contraction, each with the tokens it becomes, so that a reply's word costs one lookup.
///
/// A library word becomes one token (its id, its stem's id, its flags). A contraction becomes the
/// tokens of its expansion, each made exactly as the tagger makes a word's token (an expansion
/// word the library does not hold gets its stem from the suffix rules). Contractions take
/// precedence over library words, as in `Contractions.expand`.
struct WordTableBuilder {
    /// The library's vocabulary (same ids), then the contractions it does not hold.
    private(set) var keys: Vocabulary
    private(set) var tokenStart: [Int32] = [0]
    private(set) var tokenForm: [Int32] = []
    private(set) var tokenStem: [Int32] = []
    private(set) var tokenFlags: [UInt8] = []

    init(_ lexicon: Lexicon) {
        let vocabulary = lexicon.vocabulary
        keys = vocabulary
        var lists: [[(form: Int32, stem: Int32, flags: UInt8)]] = (0..<vocabulary.count).map { i in
            [(Int32(i), lexicon.stemOf[i], lexicon.flags[i].rawValue)]
        }
        for (key, expansion) in Contractions.whole.sorted(by: { $0.key < $1.key }) {
            let tokens = expansion.filter { !$0.isEmpty }.map { word -> (form: Int32, stem: Int32, flags: UInt8) in
                let form = vocabulary.id(word)
                if form >= 0 { return (form, lexicon.stemOf[Int(form)], lexicon.flags[Int(form)].rawValue) }
                let stem = word.utf8.count > 3 ? vocabulary.id(Stemmer.stem(word)) : Vocabulary.unknown
                return (form, stem, 0)
            }
            let k = Int(keys.intern(key))
            if k < lists.count { lists[k] = tokens } else { lists.append(tokens) }
        }
        for list in lists {
            for t in list { tokenForm.append(t.form); tokenStem.append(t.stem); tokenFlags.append(t.flags) }
            tokenStart.append(Int32(tokenForm.count))
        }
    }
}
