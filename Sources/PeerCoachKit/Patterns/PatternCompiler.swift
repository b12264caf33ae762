/// Why a pattern could not be compiled.
public enum PatternCompileError: Error, Equatable, Sendable {
    case unknownReference(String)
    case circularReference([String])
}

/// Turns parsed patterns into `PatternProgram`s, interning their words into a shared `Vocabulary`.
///
/// `~name` references are expanded in place from `references` (named sets, and concepts'
/// patterns), so a compiled program never looks anything up by name while it matches.
struct PatternCompiler {
    var vocabulary: Vocabulary
    /// The token sets of every program compiled so far (`.oneOf` and `needs` refer to them).
    var sets = TokenSets()
    /// Each name's alternatives, already parsed.
    let references: [String: [PatternNode]]
    private var code: [Instruction] = []
    private var expanding: [String] = []
    private var spelledNegators: Set<String> = []
    private var absent: [Int32] = []
    /// Each reference's instructions (targets relative to its first), once emitted.
    private var expansions: [String: Expansion] = [:]
    private struct Expansion {
        var code: [Instruction]
        var spelled: Set<String>
        var absent: [Int32]
    }
    /// `anyOf` of each reference, once computed, and its token set once made.
    private var requirementOf: [String: Requirement?] = [:]
    private var requiredSetOf: [String: TokenSet] = [:]

    init(vocabulary: Vocabulary, references: [String: [PatternNode]]) {
        self.vocabulary = vocabulary
        self.references = references
    }

    mutating func compile(_ node: PatternNode, source: String) throws(PatternCompileError) -> PatternProgram {
        code = []
        spelledNegators = []
        absent = []
        expanding = []
        try emit(node)
        code.append(.accept)
        let spelled = spelledNegators.sorted().map { vocabulary.intern($0) }
        let needs = requirements(node).map { sets.id($0) }
        let masks = PositionMasks(code)
        let first = firstTokens(masks).map { sets.id($0) } ?? -1
        return PatternProgram(source: source, code: code, absent: absent, spelledNegators: spelled, needs: needs,
                              first: first, masks: masks)
    }

    /// The tokens a match of a program can begin with, or nil when it may begin with any token (a
    /// leading gap): those its start reaches in some boundary context (`masks`' start entry).
    private func firstTokens(_ masks: PositionMasks) -> TokenSet? {
        var stems: [Int32] = [], forms: [Int32] = []
        let start = masks.tests.count
        for c in 0..<masks.contexts {
            let at = (start * masks.contexts + c) * masks.words
            for q in 0..<masks.tests.count where masks.follow[at + q >> 6] & (1 << UInt64(q & 63)) != 0 {
                let ins = masks.tests[q]
                switch ins.op {
                case .stem: stems.append(ins.a)
                case .form: forms.append(ins.a)
                case .oneOf:
                    let set = sets.list[Int(ins.a)]
                    stems += set.stems; forms += set.forms
                default: return nil // .any
                }
            }
        }
        return TokenSet(stems: stems, forms: forms)
    }

    private mutating func emit(_ node: PatternNode) throws(PatternCompileError) {
        switch node {
        case .word(let w):
            if Negation.negators.contains(w) { spelledNegators.insert(w) }
            code.append(.stem(vocabulary.intern(Stemmer.stem(w))))
        case .exact(let w):
            if Negation.negators.contains(w) { spelledNegators.insert(w) }
            code.append(.form(vocabulary.intern(w)))
        case .sequence(let items):
            for item in items { try emit(item) }
        case .reference(let name):
            guard let alternatives = references[name] else { throw .unknownReference(name) }
            if let known = expansions[name] {
                // Expanded before: the same instructions, their targets moved to here.
                let base = Int32(code.count)
                for var ins in known.code {
                    if ins.op == .split || ins.op == .jump { ins.a += base }
                    if ins.op == .split { ins.b += base }
                    code.append(ins)
                }
                spelledNegators.formUnion(known.spelled)
                absent += known.absent
                return
            }
            if expanding.contains(name) { throw .circularReference(expanding + [name]) }
            expanding.append(name)
            let start = code.count, absentBefore = absent.count, spelledBefore = spelledNegators
            try emit(.choice(alternatives, optional: false))
            expanding.removeLast()
            let base = Int32(start)
            expansions[name] = Expansion(
                code: code[start...].map { ins in
                    var ins = ins
                    if ins.op == .split || ins.op == .jump { ins.a -= base }
                    if ins.op == .split { ins.b -= base }
                    return ins
                },
                spelled: spelledNegators.subtracting(spelledBefore), absent: Array(absent[absentBefore...]))
        case .choice(let alternatives, let optional):
            try emitChoice(alternatives, optional: optional)
        case .gap(let max):
            if let max {
                // split(take, end) any split(take, end) any ... end
                var holes: [Int] = []
                for _ in 0..<max {
                    holes.append(code.count)
                    code.append(.split(code.count + 1, -1))
                    code.append(.any)
                }
                for h in holes { code[h] = .split(h + 1, code.count) }
            } else {
                let loop = code.count
                code.append(.split(loop + 1, -1))
                code.append(.any)
                code.append(.jump(loop))
                code[loop] = .split(loop + 1, code.count)
            }
        case .absent(let w):
            absent.append(vocabulary.intern(Stemmer.stem(w)))
        case .sentenceStart: code.append(.atStart)
        case .sentenceEnd: code.append(.atEnd)
        case .clauseBoundary: code.append(.atBoundary)
        case .questionEnd: code.append(.atQuestionEnd)
        }
    }

    private mutating func emitChoice(_ alternatives: [PatternNode], optional: Bool) throws(PatternCompileError) {
        // Single words collapse into one set test.
        var stems: Set<Int32> = [], forms: Set<Int32> = []
        var complex: [PatternNode] = []
        for alt in alternatives {
            switch alt {
            case .word(let w):
                if Negation.negators.contains(w) { spelledNegators.insert(w) }
                stems.insert(vocabulary.intern(Stemmer.stem(w)))
            case .exact(let w):
                if Negation.negators.contains(w) { spelledNegators.insert(w) }
                forms.insert(vocabulary.intern(w))
            case .sequence(let items) where items.count == 1:
                complex.append(items[0])
            default: complex.append(alt)
            }
        }
        let hasSet = !stems.isEmpty || !forms.isEmpty
        // Expand complex alternatives (phrases, references) as split chains.
        var jumpsToEnd: [Int] = []
        let total = (hasSet ? 1 : 0) + complex.count + (optional ? 1 : 0)
        var index = 0
        func openBranch() -> Int? {
            index += 1
            if index == total { return nil }
            let at = code.count
            code.append(.split(at + 1, -1))
            return at
        }
        if hasSet {
            let hole = openBranch()
            code.append(.oneOf(sets.id(TokenSet(stems: stems, forms: forms))))
            if let hole { jumpsToEnd.append(code.count); code.append(.jump(-1)); code[hole] = .split(hole + 1, code.count) }
        }
        for alt in complex {
            let hole = openBranch()
            try emit(alt)
            if let hole { jumpsToEnd.append(code.count); code.append(.jump(-1)); code[hole] = .split(hole + 1, code.count) }
        }
        // An optional choice's last branch is empty: fall through.
        for j in jumpsToEnd { code[j] = .jump(code.count) }
    }

    // MARK: What every match needs (the library indexes programs by it)

    /// Token sets of which every match of `node` uses a token, cheapest first, at most four.
    private mutating func requirements(_ node: PatternNode) -> [TokenSet] {
        var items: [PatternNode] = []
        func flatten(_ node: PatternNode) {
            if case .sequence(let list) = node { list.forEach(flatten) } else { items.append(node) }
        }
        flatten(node)
        var found: [(set: TokenSet, cost: Int)] = []
        for item in items {
            guard let r = anyOf(item, depth: 0) else { continue }
            let set: TokenSet
            if case .reference(let name) = item {
                // A named set is referenced by many patterns: sort its tokens once.
                if let known = requiredSetOf[name] { set = known } else {
                    set = TokenSet(stems: r.stems, forms: r.forms)
                    requiredSetOf[name] = set
                }
            } else {
                set = TokenSet(stems: r.stems, forms: r.forms)
            }
            if !found.contains(where: { $0.set == set }) { found.append((set, r.cost)) }
        }
        return found.sorted { $0.cost < $1.cost }.prefix(4).map(\.set)
    }

    /// A token set (as stem and form lists, maybe with repeats) of which every match of `node`
    /// consumes at least one, with a rough cost (how often its words turn up in replies), or nil
    /// when there is none (gaps, optional parts, anchors). A reference's answer is computed once.
    private mutating func anyOf(_ node: PatternNode, depth: Int) -> Requirement? {
        guard depth < 32 else { return nil }
        switch node {
        case .word(let w):
            return Requirement(stems: [vocabulary.id(Stemmer.stem(w))], forms: [], cost: Self.cost(w))
        case .exact(let w):
            return Requirement(stems: [], forms: [vocabulary.id(w)], cost: Self.cost(w))
        case .choice(let alternatives, false):
            var union = Requirement(stems: [], forms: [], cost: 0)
            for a in alternatives {
                guard let r = anyOf(a, depth: depth + 1) else { return nil }
                union.stems += r.stems; union.forms += r.forms; union.cost += r.cost
            }
            return union
        case .reference(let name):
            if let known = requirementOf[name] { return known }
            guard let alternatives = references[name] else { return nil }
            let r = anyOf(.choice(alternatives, optional: false), depth: depth + 1)
            requirementOf[name] = .some(r)
            return r
        case .sequence(let items):
            var best: Requirement? = nil
            for item in items {
                if let r = anyOf(item, depth: depth + 1), best == nil || r.cost < best!.cost { best = r }
            }
            return best
        case .choice(_, true), .gap, .absent, .sentenceStart, .sentenceEnd, .clauseBoundary, .questionEnd:
            return nil
        }
    }

    struct Requirement {
        var stems: [Int32]
        var forms: [Int32]
        var cost: Int
    }

    /// Words so common in replies that indexing a pattern by them would run it on nearly every sentence.
    private static let commonWords: Set<String> = [
        "i", "you", "me", "my", "your", "we", "us", "our", "it", "that", "this", "is", "be", "am", "are",
        "was", "were", "been", "the", "a", "an", "to", "of", "and", "in", "on", "for", "with", "do", "not",
        "have", "has", "what", "how", "can", "will", "would", "could", "should", "so", "just", "there",
        "they", "feel", "know", "think", "about", "at", "if", "like", "get", "go", "want", "need", "one",
    ]

    private static func cost(_ word: String) -> Int { commonWords.contains(word) ? 40 : 1 }
}
