/// One instruction of a compiled pattern (a Thompson NFA, run by `PatternProgram.firstMatch`).
enum Instruction: Sendable {
    /// Consume a token whose stem is this id.
    case stem(Int32)
    /// Consume a token whose exact form is this id.
    case form(Int32)
    /// Consume a token whose stem or form is in these sets.
    case oneOf(stems: Set<Int32>, forms: Set<Int32>)
    /// Consume any token.
    case any
    /// Try both branches, the first preferred.
    case split(Int, Int)
    case jump(Int)
    case atStart
    case atEnd
    /// Sentence start or end, or a clause break before the next token.
    case atBoundary
    /// The end of a sentence that is a question.
    case atQuestionEnd
    case accept
}

/// A sentence as the matcher sees it: token ids plus the negation marks.
public struct MarkedSentence: Sendable {
    public var sentence: Sentence
    var stems: [Int32]
    var forms: [Int32]
    var breaks: [Bool]

    public init(_ sentence: Sentence, vocabulary: Vocabulary) {
        self.sentence = sentence
        stems = sentence.tokens.map { vocabulary.id($0.stem) }
        forms = sentence.tokens.map { vocabulary.id($0.form) }
        breaks = sentence.tokens.map(\.breakBefore)
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
    /// Negator forms the pattern spells itself ("no big deal"): they do not negate its match.
    let spelledNegators: Set<String>
    /// Stem or form ids of which at least one must be in the sentence for a match (a cheap pre-check); nil when unknown.
    let required: (stems: Set<Int32>, forms: Set<Int32>)?

    init(source: String, code: [Instruction], absent: [Int32], spelledNegators: Set<String>,
         required: (stems: Set<Int32>, forms: Set<Int32>)?) {
        self.source = source
        self.code = code
        self.absent = absent
        self.spelledNegators = spelledNegators
        self.required = required
    }

    /// The first match (earliest end, then leftmost start) for which `accept` returns true, as a token range.
    func firstMatch(in s: MarkedSentence, where accept: (Range<Int>) -> Bool) -> Range<Int>? {
        let n = s.stems.count
        if n == 0 { return nil }
        for a in absent where s.stems.contains(a) { return nil }
        if let req = required {
            var hit = false
            for i in 0..<n where req.stems.contains(s.stems[i]) || req.forms.contains(s.forms[i]) { hit = true; break }
            if !hit { return nil }
        }
        var vm = PikeVM(program: code, count: n, breaks: s.breaks, question: s.sentence.isQuestion)
        return vm.run(s, accept: accept)
    }
}

/// The NFA simulation: lists of (pc, start) threads, one step per token, each pc kept once per step
/// with the leftmost start.
private struct PikeVM {
    let program: [Instruction]
    let n: Int
    let breaks: [Bool]
    let question: Bool
    var seen: [Int]
    var generation = 0
    var stack: [Int] = []

    init(program: [Instruction], count: Int, breaks: [Bool], question: Bool) {
        self.program = program
        self.n = count
        self.breaks = breaks
        self.question = question
        seen = Array(repeating: -1, count: program.count)
    }

    mutating func add(_ pc0: Int, start: Int, pos: Int, into list: inout [(pc: Int, start: Int)]) {
        stack.removeAll(keepingCapacity: true)
        stack.append(pc0)
        while let pc = stack.popLast() {
            if seen[pc] == generation { continue }
            seen[pc] = generation
            switch program[pc] {
            case .jump(let t): stack.append(t)
            case .split(let a, let b): stack.append(b); stack.append(a)
            case .atStart: if pos == 0 { stack.append(pc + 1) }
            case .atEnd: if pos == n { stack.append(pc + 1) }
            case .atBoundary: if pos == 0 || pos == n || breaks[pos] { stack.append(pc + 1) }
            case .atQuestionEnd: if pos == n && question { stack.append(pc + 1) }
            default: list.append((pc, start))
            }
        }
    }

    mutating func run(_ s: MarkedSentence, accept: (Range<Int>) -> Bool) -> Range<Int>? {
        generation = 0
        var current: [(pc: Int, start: Int)] = []
        var next: [(pc: Int, start: Int)] = []
        for pos in 0...n {
            // Threads carried over keep priority (they started further left); then a fresh start here.
            generation += 1
            var list: [(pc: Int, start: Int)] = []
            for t in current { if seen[t.pc] != generation { seen[t.pc] = generation; list.append(t) } }
            add(0, start: pos, pos: pos, into: &list)
            current = list
            for t in current {
                if case .accept = program[t.pc], pos > t.start, accept(t.start..<pos) { return t.start..<pos }
            }
            if pos == n { break }
            generation += 1
            next.removeAll(keepingCapacity: true)
            let stem = s.stems[pos], form = s.forms[pos]
            for t in current {
                let ok: Bool
                switch program[t.pc] {
                case .stem(let id): ok = id == stem
                case .form(let id): ok = id == form
                case .oneOf(let stems, let forms): ok = stems.contains(stem) || forms.contains(form)
                case .any: ok = true
                default: ok = false
                }
                if ok { add(t.pc + 1, start: t.start, pos: pos + 1, into: &next) }
            }
            swap(&current, &next)
        }
        return nil
    }
}
