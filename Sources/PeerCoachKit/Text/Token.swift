/// One word of a reply after normalisation.
///
/// A contraction becomes several tokens ("don't" -> "do", "not") that share the byte range of the
/// word they came from, so evidence quoted from a match always shows the learner's own spelling.
public struct Token: Sendable, Equatable {
    /// The word folded to lower case, with apostrophes folded and contractions expanded.
    public var form: String
    /// The light stem of `form` (see `Stemmer`).
    public var stem: String
    /// Byte offsets of the original word in the reply's UTF-8.
    public var range: Range<Int>
    /// True when a clause break (`,` `;` `:` a dash, a bracket) comes between this token and the one before.
    public var breakBefore: Bool
    /// True when this token is a negator (`not`, `never`, `no`, ...).
    public var isNegator: Bool = false
    /// Index (in its sentence) of the negator whose scope covers this token, or nil.
    public var negatedBy: Int? = nil

    public init(form: String, stem: String, range: Range<Int>, breakBefore: Bool) {
        self.form = form
        self.stem = stem
        self.range = range
        self.breakBefore = breakBefore
    }
}

/// A sentence of a reply: the unit patterns match within.
public struct Sentence: Sendable, Equatable {
    public var tokens: [Token]
    /// True when the sentence ends with `?`.
    public var isQuestion: Bool
    public init(tokens: [Token], isQuestion: Bool = false) {
        self.tokens = tokens
        self.isQuestion = isQuestion
    }
}
