/// Expands English contractions into the words they stand for, so that patterns are written once in
/// long form: "don't" = "do not", "you're" = "you are", "I'd" = "i would", "it's" = "it is".
///
/// Input is a lower-cased word whose apostrophes are already folded to `'`. Common spellings without
/// the apostrophe ("dont", "im", "youre") are expanded too, since learners type fast.
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
        "id": ["i", "would"], "youd": ["you", "would"],
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
}

extension String {
    func replacingAll(_ target: Character, with replacement: String) -> String {
        var out = ""
        out.reserveCapacity(utf8.count)
        for ch in self { if ch == target { out += replacement } else { out.append(ch) } }
        return out
    }
}
