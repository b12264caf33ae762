/// A light English stemmer for learner replies.
///
/// It folds the inflections that matter for a keyword rubric so that a pattern word matches its
/// common forms: plurals and third person (`hopes` -> `hope`), `-ing` and `-ed` (`advocating`,
/// `advocated` -> `advocat`), `-ies`/`-ied` (`tries`, `tried` -> `try`), and a final silent `e`
/// (`advocate` -> `advocat`), so the base form and its inflections meet. It is deliberately
/// lighter than Porter's algorithm: it never strips derivational suffixes (`-ment`, `-ness`,
/// `-ful`), which would merge words a trainer keeps apart (`hopeful` stays apart from `hope`).
/// Words of three letters or fewer are left alone.
public enum Stemmer {
    /// Irregular forms worth folding by hand.
    static let irregular: [String: String] = [
        "felt": "feel", "went": "go", "gone": "go", "thought": "think", "told": "tell",
        "said": "say", "made": "make", "kept": "keep", "found": "find", "lost": "lose",
        "meds": "med", "children": "child", "people": "people", "taught": "teach",
        "learnt": "learn", "heard": "hear", "brought": "bring", "got": "get", "gotten": "get",
        "sat": "sit", "spoke": "speak", "spoken": "speak", "chose": "choose", "chosen": "choose",
        "better": "better", "worse": "worse", "being": "be", "dying": "die", "lying": "lie",
        "tried": "try", "tries": "try", "cries": "cry", "cried": "cry",
        // British spellings learners use: practise = practice.
        "practise": "practic", "practised": "practic", "practising": "practic", "practises": "practic",
    ]

    /// Returns the stem of an already lower-cased word.
    public static func stem(_ word: String) -> String {
        if let known = irregular[word] { return known }
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy({ $0 < 0x80 }) else { return word }
        applyRules(&w)
        return String(decoding: w, as: UTF8.self)
    }

    /// The suffix rules, in place, on an ASCII word of more than three letters that is not irregular.
    /// (`stem(_:)` and the tagger's byte path both come here, so they cannot disagree.)
    static func applyRules(_ w: inout [UInt8]) {
        if w.hasSuffix("ies") || w.hasSuffix("ied") {
            w.removeLast(3); w.append(UInt8(ascii: "y"))
            return
        }
        if w.hasSuffix("sses") { w.removeLast(2) }
        else if w.hasSuffix("ches") || w.hasSuffix("shes") || w.hasSuffix("xes") || w.hasSuffix("zzes") { w.removeLast(2) }
        else if w.hasSuffix("s") && !w.hasSuffix("ss") && !w.hasSuffix("us") && !w.hasSuffix("is") && w.count > 3 {
            w.removeLast()
        }
        if w.hasSuffix("ing") && w.count > 5 && hasVowel(w.dropLast(3)) {
            w.removeLast(3); undouble(&w)
        } else if w.hasSuffix("ed") && w.count > 4 && hasVowel(w.dropLast(2)) && !w.hasSuffix("eed") {
            w.removeLast(2); undouble(&w)
        }
        if w.hasSuffix("e") && w.count > 3 && !w.hasSuffix("ee") { w.removeLast() }
    }

    private static func hasVowel<C: Collection>(_ bytes: C) -> Bool where C.Element == UInt8 {
        bytes.contains { "aeiouy".utf8.contains($0) }
    }

    /// "stopp" -> "stop", "plann" -> "plan"; keeps "ll", "ss", "zz" ("call", "pass").
    private static func undouble(_ w: inout [UInt8]) {
        guard w.count >= 3, let last = w.last, w[w.count - 2] == last else { return }
        if "lsz".utf8.contains(last) || !"bcdfghjkmnpqrtvwx".utf8.contains(last) { return }
        w.removeLast()
    }
}

extension Array where Element == UInt8 {
    func hasSuffix(_ s: StaticString) -> Bool {
        let n = s.utf8CodeUnitCount
        guard count >= n else { return false }
        return s.withUTF8Buffer { buf in
            var i = count - n
            for b in buf { if self[i] != b { return false }; i += 1 }
            return true
        }
    }
}
