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
    /// Irregular forms worth folding by hand, and the British spellings (`british`), each mapped to
    /// its stem.
    static let irregular: [String: String] = {
        var table = handFolded
        for (form, american) in british { table[form] = rulesStem(american) }
        return table
    }()

    private static let handFolded: [String: String] = [
        "felt": "feel", "went": "go", "gone": "go", "thought": "think", "told": "tell",
        "said": "say", "made": "make", "kept": "keep", "found": "find", "lost": "lose",
        "meds": "med", "children": "child", "people": "people", "taught": "teach",
        "learnt": "learn", "heard": "hear", "brought": "bring", "got": "get", "gotten": "get",
        "sat": "sit", "spoke": "speak", "spoken": "speak", "chose": "choose", "chosen": "choose",
        "better": "better", "worse": "worse", "being": "be", "dying": "die", "lying": "lie",
        "tried": "try", "tries": "try", "cries": "cry", "cried": "cry",
    ]

    /// British spellings learners use, each with the American spelling patterns are written in; a
    /// British form stems as the American word does ("practise" = "practice", "counselling" =
    /// "counseling", "organised" = "organized"). Only spellings that differ are listed.
    static let british: [String: String] = {
        var table: [String: String] = [
            "practise": "practice", "practised": "practiced", "practising": "practicing", "practises": "practices",
            "counselling": "counseling", "counselled": "counseled", "counsellor": "counselor", "counsellors": "counselors",
            "travelling": "traveling", "travelled": "traveled", "traveller": "traveler", "cancelled": "canceled",
            "cancelling": "canceling", "labelled": "labeled", "labelling": "labeling", "fuelled": "fueled",
            "enrol": "enroll", "enrols": "enrolls", "enrolment": "enrollment", "fulfil": "fulfill", "fulfils": "fulfills",
            "fulfilment": "fulfillment", "skilful": "skillful", "wilful": "willful",
            "centre": "center", "centres": "center", "theatre": "theater", "programme": "program",
            "programmes": "programs", "judgement": "judgment", "judgements": "judgments", "mum": "mom", "mums": "moms",
            "licence": "license", "defence": "defense", "offence": "offense", "sceptical": "skeptical",
            "paediatrician": "pediatrician", "anaemia": "anemia", "oestrogen": "estrogen", "jewellery": "jewelry",
            "catalogue": "catalog", "analyse": "analyze", "analysed": "analyzed", "analysing": "analyzing",
            "paralysed": "paralyzed", "grey": "gray", "tyre": "tire", "cheque": "check", "pyjamas": "pajamas",
            "ageing": "aging", "storey": "story", "aluminium": "aluminum", "haemorrhage": "hemorrhage",
        ]
        // -our = -or: behaviour, neighbourhood, favourite.
        for stem in ["behaviour", "colour", "favour", "honour", "labour", "neighbour", "rumour", "humour",
                     "harbour", "endeavour", "flavour", "saviour", "vapour", "savour"] {
            let american = String(stem.dropLast(3)) + "or"
            for suffix in ["", "s", "ed", "ing", "hood", "hoods", "ite", "ites", "able", "al"] {
                table[stem + suffix] = american + suffix
            }
        }
        // -ise = -ize, with its inflections and -isation nouns.
        for verb in ["organis", "apologis", "realis", "recognis", "prioritis", "criticis", "emphasis", "minimis",
                     "summaris", "socialis", "hospitalis", "stabilis", "normalis", "memoris", "categoris",
                     "specialis", "utilis", "finalis", "sympathis", "agonis", "traumatis", "stigmatis",
                     "patronis", "jeopardis", "mobilis", "visualis", "energis", "idealis", "catastrophis",
                     "generalis", "institutionalis", "medicalis", "familiaris", "personalis", "customis",
                     "authoris", "legalis", "revolutionis", "scrutinis", "standardis", "optimis", "maximis"] {
            let american = String(verb.dropLast()) + "z"
            for suffix in ["e", "es", "ed", "ing", "er", "ers", "ation", "ations"] {
                table[verb + suffix] = american + suffix
            }
        }
        return table
    }()

    /// Returns the stem of an already lower-cased word.
    public static func stem(_ word: String) -> String {
        if let known = irregular[word] { return known }
        return rulesStem(word)
    }

    /// The stem the suffix rules alone give.
    private static func rulesStem(_ word: String) -> String {
        var w = Array(word.utf8)
        guard w.count > 3, w.allSatisfy({ $0 < 0x80 }) else { return word }
        var n = w.count
        w.withUnsafeMutableBufferPointer { applyRules($0.baseAddress!, count: &n) }
        return String(decoding: w[..<n], as: UTF8.self)
    }

    /// The suffix rules, in place, on an ASCII word of more than three letters that is not irregular:
    /// `w[0..<count]` becomes the stem (never longer than the word). `stem(_:)` and the tagger's byte
    /// path both come here, so they cannot disagree.
    static func applyRules(_ w: UnsafeMutablePointer<UInt8>, count n: inout Int) {
        func has(_ s: StaticString) -> Bool {
            let k = s.utf8CodeUnitCount
            guard n >= k else { return false }
            let p = s.utf8Start
            for i in 0..<k where w[n - k + i] != p[i] { return false }
            return true
        }
        func hasVowel(before end: Int) -> Bool {
            for i in 0..<end {
                switch w[i] {
                case UInt8(ascii: "a"), UInt8(ascii: "e"), UInt8(ascii: "i"), UInt8(ascii: "o"), UInt8(ascii: "u"), UInt8(ascii: "y"): return true
                default: continue
                }
            }
            return false
        }
        /// "stopp" -> "stop", "plann" -> "plan"; keeps "ll", "ss", "zz" ("call", "pass").
        func undouble() {
            guard n >= 3, w[n - 2] == w[n - 1] else { return }
            let last = w[n - 1]
            if "lsz".utf8.contains(last) || !"bcdfghjkmnpqrtvwx".utf8.contains(last) { return }
            n -= 1
        }
        if has("ies") || has("ied") {
            n -= 3; w[n] = UInt8(ascii: "y"); n += 1
            return
        }
        if has("sses") { n -= 2 }
        else if has("ches") || has("shes") || has("xes") || has("zzes") { n -= 2 }
        else if has("s") && !has("ss") && !has("us") && !has("is") && n > 3 { n -= 1 }
        if has("ing") && n > 5 && hasVowel(before: n - 3) {
            n -= 3; undouble()
        } else if has("ed") && n > 4 && hasVowel(before: n - 2) && !has("eed") {
            n -= 2; undouble()
        }
        if has("e") && n > 3 && !has("ee") { n -= 1 }
    }
}
