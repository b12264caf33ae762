/// Builds `MatchTables`' word table: every word a reply can use that the library knows, and every
/// contraction, each with the tokens it becomes, so that a reply's word costs one lookup.
///
/// A library word becomes one token (its id, its stem's id, its flags). A contraction becomes the
/// tokens of its expansion, each made exactly as the tagger makes a word's token (an expansion
/// word the library does not hold gets its stem from the suffix rules). Contractions take
/// precedence over library words, as in `Contractions.expand`.
struct WordTableBuilder {
    /// The table, built once per library and then only read.
    private(set) var table = WordCache()

    init(_ lexicon: Lexicon) {
        let vocabulary = lexicon.vocabulary
        func token(_ id: Int32) -> WordCache.Token {
            WordCache.Token(form: id, stem: lexicon.stemOf[Int(id)], info: WordCache.info(lexicon.flags[Int(id)].rawValue))
        }
        // The library's words (same ids), then the contractions it does not hold.
        var keys = vocabulary
        var lists: [[WordCache.Token]] = (0..<vocabulary.count).map { [token(Int32($0))] }
        for (key, expansion) in Contractions.whole.sorted(by: { $0.key < $1.key }) {
            let tokens = expansion.filter { !$0.isEmpty }.map { word -> WordCache.Token in
                let form = vocabulary.id(word)
                if form >= 0 { return token(form) }
                let stem = word.utf8.count > 3 ? vocabulary.id(Stemmer.stem(word)) : Vocabulary.unknown
                return WordCache.Token(form: form, stem: stem, info: 0)
            }
            let k = Int(keys.intern(key))
            if k < lists.count { lists[k] = tokens } else { lists.append(tokens) }
        }
        for (k, list) in lists.enumerated() {
            var word = keys.word(Int32(k))
            word.withUTF8 { key in
                list.withUnsafeBufferPointer { _ = table.add(key, hash: Vocabulary.hash(key), made: $0) }
            }
        }
    }
}
