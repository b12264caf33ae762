/// Expands English contractions into the words they stand for, so that patterns are written once in
/// long form: "don't" = "do not", "you're" = "you are", "I'd" = "i would", "it's" = "it is".
///
/// Input is a lower-cased word whose apostrophes are already folded to `'`. Common spellings without
/// the apostrophe ("dont", "im", "youre") are expanded too, since learners type fast, and so are
/// texting shorthand ("u", "thru", "idk") and a few frequent misspellings ("alot", "definately").
public enum Contractions {
    static let whole: [String: [String]] = [
        "won't": ["will", "not"], "can't": ["can", "not"], "cannot": ["can", "not"],
        "shan't": ["shall", "not"], "ain't": ["is", "not"], "let's": ["let", "us"],
        "y'all": ["you", "all"], "gonna": ["going", "to"], "wanna": ["want", "to"],
        "gotta": ["got", "to"], "hafta": ["have", "to"], "outta": ["out", "of"],
        "dont": ["do", "not"], "doesnt": ["does", "not"], "didnt": ["did", "not"],
        "isnt": ["is", "not"], "arent": ["are", "not"], "wasnt": ["was", "not"],
        "werent": ["were", "not"], "cant": ["can", "not"], "couldnt": ["could", "not"],
        "shouldnt": ["should", "not"], "wouldnt": ["would", "not"], "havent": ["have", "not"],
        "hasnt": ["has", "not"], "youre": ["you", "are"], "im": ["i", "am"], "ive": ["i", "have"],
        "youve": ["you", "have"], "theyre": ["they", "are"], "thats": ["that", "is"],
        "whats": ["what", "is"], "youll": ["you", "will"], "itll": ["it", "will"],
        "youd": ["you", "would"],
        // Texting shorthand and the misspellings learners make most. ("id" is left alone: in these
        // conversations it is an ID card far more often than "I'd"; so is "rn", a registered nurse.)
        "u": ["you"], "ya": ["you"], "ur": ["your"], "thru": ["through"], "tho": ["though"],
        "cuz": ["because"], "coz": ["because"], "bc": ["because"], "wat": ["what"], "wut": ["what"],
        "ppl": ["people"], "pls": ["please"], "plz": ["please"], "idk": ["i", "do", "not", "know"],
        "dunno": ["do", "not", "know"], "kinda": ["kind", "of"],
        "sorta": ["sort", "of"], "lemme": ["let", "me"], "gimme": ["give", "me"], "tryna": ["trying", "to"],
        "alot": ["a", "lot"], "definately": ["definitely"], "definitly": ["definitely"],
        "recieve": ["receive"], "beleive": ["believe"], "thier": ["their"], "becuase": ["because"],
        "realy": ["really"], "untill": ["until"], "tommorow": ["tomorrow"], "tomorow": ["tomorrow"],
        "wierd": ["weird"], "seperate": ["separate"], "excercise": ["exercise"], "truely": ["truly"],
    ]
    /// Words whose `'s` means "is" (or "has") rather than a possessive.
    static let isWords: Set<String> = [
        "it", "that", "what", "he", "she", "there", "here", "who", "where", "how", "when", "why",
        "this", "everything", "nothing", "something", "everyone", "someone", "somebody", "everybody",
        "nobody", "anything", "anyone", "life", "today", "tonight", "one",
    ]

    /// The words a (lower-case) token stands for; a one-element array when it is not a contraction.
    public static func expand(_ word: String) -> [String] {
        if let w = whole[word] { return w }
        guard word.contains("'") else { return [word] }
        if word.hasSuffix("n't") {
            return [String(word.dropLast(3)), "not"]
        }
        for (suffix, long) in [("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am")] {
            if word.hasSuffix(suffix), word.count > suffix.count {
                return [String(word.dropLast(suffix.count)), long]
            }
        }
        if word.hasSuffix("'s") {
            let base = String(word.dropLast(2))
            if base.isEmpty { return [] }
            return isWords.contains(base) ? [base, "is"] : [base]
        }
        if word.hasSuffix("s'") { return [String(word.dropLast())] }
        // o'clock, ma'am, rock'n'roll: drop the apostrophe.
        return [word.replacingAll("'", with: "")]
    }

    /// `expand(_:)` for an ASCII word given as bytes, without building strings: calls `emit` with
    /// each word it stands for, in order (the tagger's path; `expand(_:)` is its reference).
    static func expand(ascii word: UnsafeBufferPointer<UInt8>, _ emit: (UnsafeBufferPointer<UInt8>) -> Void) {
        let table = ByteTables.shared
        let w = table.whole.id(word)
        if w != Vocabulary.unknown {
            for form in table.wholeForms[Int(w)] { form.withUnsafeBufferPointer(emit) }
            return
        }
        guard word.contains(0x27) else { emit(word); return }
        let n = word.count
        func head(_ k: Int) -> UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: word[0..<k]) }
        if word.hasSuffix(ascii: "n't") {
            emit(head(n - 3)); table.not.withUnsafeBufferPointer(emit)
            return
        }
        for (suffix, long) in table.suffixes where word.hasSuffix(ascii: suffix) && n > suffix.count {
            emit(head(n - suffix.count)); long.withUnsafeBufferPointer(emit)
            return
        }
        if word.hasSuffix(ascii: "'s") {
            let base = head(n - 2)
            if base.isEmpty { return }
            emit(base)
            if table.isWords.id(base) != Vocabulary.unknown { table.is.withUnsafeBufferPointer(emit) }
            return
        }
        if word.hasSuffix(ascii: "s'") { emit(head(n - 1)); return }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: n) { folded in
            var k = 0
            for b in word where b != 0x27 { folded[k] = b; k += 1 }
            emit(UnsafeBufferPointer(rebasing: folded[0..<k]))
        }
    }

    /// The tables above as bytes, built once (a class, so reading `shared` copies no arrays).
    final class ByteTables: Sendable {
        static let shared = ByteTables()
        let whole: Vocabulary
        let wholeForms: [[[UInt8]]]
        let isWords: Vocabulary
        let suffixes: [([UInt8], [UInt8])] = [("'re", "are"), ("'ve", "have"), ("'ll", "will"), ("'d", "would"), ("'m", "am")]
            .map { (Array($0.utf8), Array($1.utf8)) }
        let not = Array("not".utf8)
        let `is` = Array("is".utf8)

        init() {
            var whole = Vocabulary(), wholeForms: [[[UInt8]]] = [], isWords = Vocabulary()
            for (key, forms) in Contractions.whole.sorted(by: { $0.key < $1.key }) {
                whole.intern(key)
                wholeForms.append(forms.map { Array($0.utf8) })
            }
            for w in Contractions.isWords { isWords.intern(w) }
            self.whole = whole; self.wholeForms = wholeForms; self.isWords = isWords
        }
    }
}

extension UnsafeBufferPointer where Element == UInt8 {
    func hasSuffix(ascii s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard count >= n else { return false }
        return s.withUTF8Buffer { buf in
            var i = count - n
            for b in buf { if self[i] != b { return false }; i += 1 }
            return true
        }
    }
    func hasSuffix(ascii s: [UInt8]) -> Bool {
        guard count >= s.count else { return false }
        var i = count - s.count
        for b in s { if self[i] != b { return false }; i += 1 }
        return true
    }
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
