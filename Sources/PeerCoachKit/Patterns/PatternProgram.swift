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
}

/// A sentence as the matcher sees it: per token its ids, clause break and negation marks.
/// Buffers are reused from one sentence to the next.
struct SentenceTokens {
    var stems: [Int32] = []
    var forms: [Int32] = []
    var breaks: [Bool] = []
    var negators: [Bool] = []
    var clauseWords: [Bool] = []
    /// Index of the negator whose scope covers the token, or -1.
    var negatedBy: [Int32] = []
    /// Byte offsets of the token's word in the reply.
    var starts: [Int32] = []
    var ends: [Int32] = []
    var isQuestion = false
    var count: Int { stems.count }

    mutating func removeAll() {
        stems.removeAll(keepingCapacity: true); forms.removeAll(keepingCapacity: true)
        breaks.removeAll(keepingCapacity: true); negators.removeAll(keepingCapacity: true)
        clauseWords.removeAll(keepingCapacity: true)
        negatedBy.removeAll(keepingCapacity: true)
        starts.removeAll(keepingCapacity: true); ends.removeAll(keepingCapacity: true)
        isQuestion = false
    }

    /// A match is negated when a negator the pattern does not spell lies inside it, or one of its
    /// words is in the scope of a negator that comes before it.
    func isNegated(_ lo: Int, _ hi: Int, spelled: [Int32]) -> Bool {
        for i in lo..<hi {
            if negators[i] && !spelled.contains(forms[i]) { return true }
            let neg = negatedBy[i]
            if neg >= 0 && Int(neg) < lo { return true }
        }
        return false
    }
}

/// The NFA simulation: lists of (pc, start) threads, one step per token, each pc kept once per step
/// by the thread that started furthest left. Its buffers are reused across runs.
struct PikeVM {
    private struct Thread { var pc: Int32; var start: Int32 }
    private var seen: [Int] = []
    private var generation = 0
    private var stack: [Int32] = []
    private var current: [Thread] = []
    private var next: [Thread] = []

    /// The first match (earliest end, then leftmost start) for which `accept(start, end)` is true.
    mutating func firstMatch(_ program: PatternProgram, in s: SentenceTokens, sets: TokenSets,
                             accept: (Int, Int) -> Bool) -> Range<Int>? {
        let n = s.count
        if n == 0 { return nil }
        let code = program.code
        if seen.count < code.count { seen = [Int](repeating: -1, count: code.count) }
        // Work on the thread lists as locals (`add` mutates `self`); they go back for the next run.
        var current = self.current, next = self.next
        self.current = []; self.next = []
        defer { self.current = current; self.next = next }
        current.removeAll(keepingCapacity: true)
        for pos in 0...n {
            // Threads carried over keep priority (they started further left); then a fresh start here.
            generation += 1
            next.removeAll(keepingCapacity: true)
            for t in current where seen[Int(t.pc)] != generation {
                seen[Int(t.pc)] = generation
                next.append(t)
            }
            add(0, start: pos, pos: pos, code: code, s: s, into: &next)
            swap(&current, &next)
            for t in current where code[Int(t.pc)].op == .accept {
                if pos > Int(t.start), accept(Int(t.start), pos) { return Int(t.start)..<pos }
            }
            if pos == n { break }
            generation += 1
            next.removeAll(keepingCapacity: true)
            let stem = s.stems[pos], form = s.forms[pos]
            for t in current {
                let ins = code[Int(t.pc)]
                let ok: Bool
                switch ins.op {
                case .stem: ok = ins.a == stem
                case .form: ok = ins.a == form
                case .oneOf: ok = sets.contains(ins.a, stem: stem, form: form)
                case .any: ok = true
                default: ok = false
                }
                if ok { add(t.pc + 1, start: Int(t.start), pos: pos + 1, code: code, s: s, into: &next) }
            }
            swap(&current, &next)
        }
        return nil
    }

    /// Adds the thread at `pc0` and everything it reaches without consuming a token.
    private mutating func add(_ pc0: Int32, start: Int, pos: Int, code: [Instruction], s: SentenceTokens,
                              into list: inout [Thread]) {
        let n = s.count
        stack.removeAll(keepingCapacity: true)
        stack.append(pc0)
        while let pc32 = stack.popLast() {
            let pc = Int(pc32)
            if seen[pc] == generation { continue }
            seen[pc] = generation
            let ins = code[pc]
            switch ins.op {
            case .jump: stack.append(ins.a)
            case .split: stack.append(ins.b); stack.append(ins.a)
            case .atStart: if pos == 0 { stack.append(pc32 + 1) }
            case .atEnd: if pos == n { stack.append(pc32 + 1) }
            case .atBoundary: if pos == 0 || pos == n || s.breaks[pos] { stack.append(pc32 + 1) }
            case .atQuestionEnd: if pos == n && s.isQuestion { stack.append(pc32 + 1) }
            default: list.append(Thread(pc: pc32, start: Int32(start)))
            }
        }
    }
}
