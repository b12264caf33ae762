/// Coach mode shows feedback after every reply; exam mode holds it back until the end.
public enum Mode: String, Sendable, Codable, CaseIterable {
    case coach, exam
}

/// One line of feedback on a reply.
public struct FeedbackItem: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable {
        /// A red flag: it cost points.
        case flag
        /// A strength the rubric rewards: it earned points.
        case earned
        /// A strength shown that this state does not score (still counted as a skill).
        case noted
        /// A strength the state wanted that the reply did not show.
        case missed
    }
    public var kind: Kind
    public var concept: String
    public var label: String
    /// The learner's words, for `flag`, `earned` and `noted`.
    public var evidence: String?
    public var points: Int
    public var explanation: String

    /// One readable line: `+2 Empathy: "that sounds exhausting". Naming the feeling ...`
    public var text: String {
        switch kind {
        case .flag: return "\(points) \(label): \"\(evidence ?? "")\". \(explanation)"
        case .earned: return "+\(points) \(label): \"\(evidence ?? "")\". \(explanation)"
        case .noted: return "\(label): \"\(evidence ?? "")\"."
        case .missed: return "Missed \(label). \(explanation)"
        }
    }
}

/// The result of one reply.
public struct TurnScore: Sendable, Equatable, Codable {
    public var turn: Int
    public var state: String
    public var reply: String
    public var points: Int
    /// The most this state's rubric gives.
    public var max: Int
    public var concepts: [ConceptMatch]
    /// Ids of the red flags found.
    public var flags: [String]
    /// Red flags first, then what earned points, then what was missed.
    public var feedback: [FeedbackItem]
}

/// A red flag found during a session, with where.
public struct FlagRecord: Sendable, Equatable, Codable {
    public var id: String
    public var evidence: String
    public var turn: Int
}

/// How a session ended.
public struct SessionSummary: Sendable, Equatable, Codable {
    public var scenario: String
    public var score: Int
    public var max: Int
    public var percent: Int
    public var turns: Int
    /// Strength id -> how many replies showed it.
    public var skills: [String: Int]
    public var flags: [FlagRecord]
    /// The terminal state's outcome, or nil when the learner stopped early.
    public var outcome: String?
    /// The terminal state's summary sentence.
    public var outcomeSummary: String?
    /// Where the transcript is, filled in by the front end.
    public var transcript: String?
}

/// What the engine says. Every front end (REPL, line protocol, grading) renders these.
public enum Event: Sendable, Equatable {
    case start(scenario: String, title: String, mode: Mode)
    case peer(state: String, text: String)
    case score(TurnScore)
    case hint(String)
    /// A model reply for the current state.
    case model(String)
    /// The running total, asked for with the `score` command.
    case progress(score: Int, max: Int, percent: Int, turns: Int)
    case end(SessionSummary)
    case error(String)
}

/// Commands a learner or a program can give besides a reply.
public enum SessionCommand: String, Sendable, CaseIterable {
    case hint, score, restart, quit, model
}
