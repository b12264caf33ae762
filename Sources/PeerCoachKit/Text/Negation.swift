/// Marks negation scope on a sentence's tokens.
///
/// A negator opens a scope over the next `scopeLength` words. A clause break (`,` `;` `:` a dash)
/// or a clause word (`but`, `because`, `though`, `so`, ...) closes it early. Patterns consult the
/// marks: a red flag said under negation ("I'd never tell you to stop your meds") does not count.
public enum Negation {
    public static let negators: Set<String> = [
        "not", "never", "no", "nobody", "nothing", "neither", "nor", "without", "none", "noone",
    ]
    static let clauseWords: Set<String> = [
        "but", "because", "though", "although", "so", "instead", "however", "since", "while",
        "whereas", "yet", "unless", "otherwise", "rather", "and",
    ]
    /// How many words a negator reaches.
    public static let scopeLength = 8

    public static func mark(_ tokens: [Token]) -> [Token] {
        var marks = TokenMarks(tokens: tokens)
        mark(&marks)
        return marks.tokens
    }

    /// The scope rules, over any sentence representation (the `Token` array above, or the tagger's
    /// token ids): one pass, left to right.
    static func mark<M: NegationMarks>(_ m: inout M) {
        var open = -1
        var remaining = 0
        for i in 0..<m.count {
            if m.breakBefore(i) || m.isClauseWord(i) { open = -1 }
            if open >= 0, remaining > 0 {
                m.mark(i, negatedBy: open)
                remaining -= 1
                if remaining == 0 { open = -1 }
            }
            if m.isNegator(i) {
                m.markNegator(i)
                open = i
                remaining = scopeLength
            }
        }
    }
}

/// What `Negation.mark` reads and writes.
protocol NegationMarks {
    var count: Int { get }
    func breakBefore(_ i: Int) -> Bool
    func isClauseWord(_ i: Int) -> Bool
    func isNegator(_ i: Int) -> Bool
    mutating func markNegator(_ i: Int)
    mutating func mark(_ i: Int, negatedBy negator: Int)
}

private struct TokenMarks: NegationMarks {
    var tokens: [Token]
    var count: Int { tokens.count }
    func breakBefore(_ i: Int) -> Bool { tokens[i].breakBefore }
    func isClauseWord(_ i: Int) -> Bool { Negation.clauseWords.contains(tokens[i].form) }
    func isNegator(_ i: Int) -> Bool { Negation.negators.contains(tokens[i].form) }
    mutating func markNegator(_ i: Int) { tokens[i].isNegator = true }
    mutating func mark(_ i: Int, negatedBy negator: Int) { tokens[i].negatedBy = negator }
}
