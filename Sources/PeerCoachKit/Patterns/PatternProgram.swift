/// One instruction of a compiled pattern (a Thompson NFA, run by `PikeVM`).
struct Instruction: Sendable, Equatable {
    enum Op: UInt8, Sendable {
        /// Consume a token whose stem is id `a`.
        case stem
        /// Consume a token whose exact form is id `a`.
        case form
        /// Consume a token whose stem or form is in token set `a` (`TokenSets`).
        case oneOf
        /// Consume any token.
        case any
        /// Try `a` and `b`, `a` preferred.
        case split
        /// Go to `a`.
        case jump
        case atStart
        case atEnd
        /// Sentence start or end, or a clause break before the next token.
        case atBoundary
        /// The end of a sentence that is a question.
        case atQuestionEnd
        case accept
    }
    var op: Op
    var a: Int32 = 0
    var b: Int32 = 0

    static func stem(_ id: Int32) -> Instruction { Instruction(op: .stem, a: id) }
    static func form(_ id: Int32) -> Instruction { Instruction(op: .form, a: id) }
    static func oneOf(_ set: Int32) -> Instruction { Instruction(op: .oneOf, a: set) }
    static func split(_ a: Int, _ b: Int) -> Instruction { Instruction(op: .split, a: Int32(a), b: Int32(b)) }
    static func jump(_ a: Int) -> Instruction { Instruction(op: .jump, a: Int32(a)) }
    static let any = Instruction(op: .any)
    static let accept = Instruction(op: .accept)
    static let atStart = Instruction(op: .atStart)
    static let atEnd = Instruction(op: .atEnd)
    static let atBoundary = Instruction(op: .atBoundary)
    static let atQuestionEnd = Instruction(op: .atQuestionEnd)

    /// Whether the instruction consumes a token.
    var consumes: Bool {
        switch op {
        case .stem, .form, .oneOf, .any: return true
        default: return false
        }
    }
}

/// A compiled pattern: an NFA over token ids, matched in time linear in the sentence's length
/// (every token is looked at once per NFA state; there is no backtracking).
public struct PatternProgram: Sendable {
    /// The pattern as written, for diagnostics and `analyze --explain`.
    public let source: String
    let code: [Instruction]
    /// Stem ids that must not occur in the sentence (`!word`).
    let absent: [Int32]
    /// Form ids of the negators the pattern spells itself ("no big deal"): they do not negate its match.
    let spelledNegators: [Int32]
    /// Token sets (`TokenSets` indices) of which every match uses a token: a sentence with no token
    /// from one of them cannot match. The first is the program's anchor in the library's index.
    let needs: [Int32]
    /// The token set (`TokenSets` index) every match begins with a token of, or -1 when a match may
    /// begin with any token. The matcher starts a thread only at such tokens.
    let first: Int32
    /// The program as `PikeVM` runs it: its positions and, per position, where a thread goes next.
    let masks: PositionMasks
}
