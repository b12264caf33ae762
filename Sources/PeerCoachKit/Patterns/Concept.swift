/// Whether a concept is something to do or something to avoid.
public enum ConceptKind: String, Sendable, Codable {
    case strength
    case redFlag = "red-flag"
}

/// What negation does to a concept's matches.
public enum NegationMode: String, Sendable, Codable {
    /// A match under negation does not count (the default).
    case block
    /// Negation is not looked at.
    case ignore
}

/// One entry of the concept library, as written in `Dialogs/concepts.yaml`.
public struct Concept: Sendable, Equatable {
    public var id: String
    public var label: String
    public var kind: ConceptKind
    /// Default points: positive for strengths, negative for red flags.
    public var points: Int
    /// Why the concept matters, shown when it is found.
    public var feedback: String
    /// A nudge shown when a state wanted this concept and the reply did not show it.
    public var missing: String
    public var patterns: [String]
    public var exclude: [String]
    public var negation: NegationMode

    public init(id: String, label: String, kind: ConceptKind, points: Int, feedback: String = "",
                missing: String = "", patterns: [String], exclude: [String] = [], negation: NegationMode = .block) {
        self.id = id
        self.label = label
        self.kind = kind
        self.points = points
        self.feedback = feedback
        self.missing = missing
        self.patterns = patterns
        self.exclude = exclude
        self.negation = negation
    }

    public var isRedFlag: Bool { kind == .redFlag }
}

/// A concept found in a reply, with the words that show it.
public struct ConceptMatch: Sendable, Equatable, Codable {
    public var id: String
    /// The learner's own words that matched, quoted from the reply.
    public var evidence: String
    /// Byte offsets of `evidence` in the reply's UTF-8.
    public var start: Int
    public var end: Int

    public init(id: String, evidence: String, start: Int, end: Int) {
        self.id = id
        self.evidence = evidence
        self.start = start
        self.end = end
    }
}
