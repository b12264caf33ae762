/// A role-play scenario: who the peer is and the states the conversation can pass through.
public struct Scenario: Sendable {
    public var id: String
    public var title: String
    public var summary: String
    /// Strength concept ids the scenario practises.
    public var skills: [String]
    public var persona: Persona
    public var start: String
    /// Where `start` is written, for diagnostics.
    public var startLocation: SourceLocation
    /// States in file order.
    public var states: [ScenarioState]
    /// The file it was loaded from.
    public var file: String
    /// FNV-1a hash of the file's bytes, recorded in transcripts to notice edits.
    public var contentHash: String

    public func state(_ id: String) -> ScenarioState? { states.first { $0.id == id } }
}

public struct Persona: Sendable {
    public var name: String
    public var about: String
}

/// One moment of a scenario: the peer speaks, the learner replies, a transition picks what follows.
public struct ScenarioState: Sendable {
    public var id: String
    /// The peer's line, with variants used in turn on revisits.
    public var peer: [String]
    public var rubric: [RubricItem]
    public var hint: String
    public var model: String
    public var next: [Transition]
    /// Set on terminal states: how the conversation ended (`success`, `partial`, `setback`, ...).
    public var outcome: String?
    /// A sentence shown at the end when this terminal state is reached.
    public var summary: String?
    public var examples: [ExampleReply]
    public var location: SourceLocation

    public var isTerminal: Bool { outcome != nil }
    /// The most a reply can earn here.
    public var maxPoints: Int { rubric.reduce(0) { $0 + max(0, $1.points) } }
}

/// A strength the state rewards.
public struct RubricItem: Sendable {
    public var concept: String
    public var points: Int
    /// Overrides the concept's own feedback in this state.
    public var feedback: String?
    public var location: SourceLocation
}

/// What the reply must show for a transition to be taken.
public enum TransitionCondition: Sendable, Equatable {
    /// The reply shows this concept.
    case concept(String)
    /// The reply shows this red flag (nil: any red flag).
    case flag(String?)
    /// The reply earned at least this many points in the state.
    case points(Int)
    /// At least this many replies have been given in the state.
    case turns(Int)
}

public struct Transition: Sendable {
    /// nil: taken unconditionally ("otherwise").
    public var condition: TransitionCondition?
    public var to: String
    public var location: SourceLocation
}

/// A sample reply kept next to the rubric; `check` verifies the tagger agrees with it.
public struct ExampleReply: Sendable {
    public var reply: String
    public var good: Bool
    public var has: [String]
    public var lacks: [String]
    public var location: SourceLocation
}

/// 64-bit FNV-1a of some bytes as 16 hex digits (a change detector, not a cryptographic hash).
public func fnv1a64(_ bytes: some Sequence<UInt8>) -> String {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
    let hex = String(h, radix: 16)
    return String(repeating: "0", count: 16 - hex.count) + hex
}
