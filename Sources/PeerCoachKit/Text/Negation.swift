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
        var out = tokens
        var open: Int? = nil
        var remaining = 0
        for i in out.indices {
            if out[i].breakBefore || clauseWords.contains(out[i].form) { open = nil }
            if let neg = open, remaining > 0 {
                out[i].negatedBy = neg
                remaining -= 1
                if remaining == 0 { open = nil }
            }
            if negators.contains(out[i].form) {
                out[i].isNegator = true
                open = i
                remaining = scopeLength
            }
        }
        return out
    }
}
