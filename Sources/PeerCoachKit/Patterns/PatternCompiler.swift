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
        let first = firstTokens().map { sets.id($0) } ?? -1
        return PatternProgram(source: source, code: code, absent: absent, spelledNegators: spelled, needs: needs, first: first)
    }

    /// The tokens a match of the program just compiled can begin with, or nil when it may begin
    /// with any token (a leading gap). Walks every path from the first instruction that consumes
    /// nothing (splits, jumps, and anchors, taken as passable) to the instructions that consume.
    private func firstTokens() -> TokenSet? {
        var stems: [Int32] = [], forms: [Int32] = []
        var seen = Set<Int32>(), stack: [Int32] = [0]
        while let pc = stack.popLast() {
            guard seen.insert(pc).inserted else { continue }
            let ins = code[Int(pc)]
            switch ins.op {
            case .stem: stems.append(ins.a)
            case .form: forms.append(ins.a)
            case .oneOf:
                let set = sets.list[Int(ins.a)]
                stems += set.stems; forms += set.forms
            case .any: return nil
            case .split: stack.append(ins.a); stack.append(ins.b)
            case .jump: stack.append(ins.a)
            case .atStart, .atEnd, .atBoundary, .atQuestionEnd: stack.append(pc + 1)
            case .accept: break
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
            if expanding.contains(name) { throw .circularReference(expanding + [name]) }
            expanding.append(name)
            try emit(.choice(alternatives, optional: false))
            expanding.removeLast()
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
    private func requirements(_ node: PatternNode) -> [TokenSet] {
        var found: [(set: TokenSet, cost: Int)] = []
        func collect(_ node: PatternNode) {
            if case .sequence(let items) = node { items.forEach(collect); return }
            if let r = anyOf(node, depth: 0), !found.contains(where: { $0.set == r.set }) { found.append(r) }
        }
        collect(node)
        return found.sorted { $0.cost < $1.cost }.prefix(4).map(\.set)
    }

    /// A set of tokens of which every match of `node` consumes at least one, with a rough cost (how
    /// often its words turn up in replies), or nil when there is none (gaps, optional parts, anchors).
    private func anyOf(_ node: PatternNode, depth: Int) -> (set: TokenSet, cost: Int)? {
        guard depth < 32 else { return nil }
        switch node {
        case .word(let w):
            return (TokenSet(stems: [vocabulary.id(Stemmer.stem(w))], forms: []), Self.cost(w))
        case .exact(let w):
            return (TokenSet(stems: [], forms: [vocabulary.id(w)]), Self.cost(w))
        case .choice(let alternatives, false):
            var union = TokenSet(stems: [], forms: []), cost = 0
            for a in alternatives {
                guard let r = anyOf(a, depth: depth + 1) else { return nil }
                union = union.union(r.set); cost += r.cost
            }
            return (union, cost)
        case .reference(let name):
            guard let alternatives = references[name] else { return nil }
            return anyOf(.choice(alternatives, optional: false), depth: depth + 1)
        case .sequence(let items):
            return items.compactMap { anyOf($0, depth: depth + 1) }.min { $0.cost < $1.cost }
        case .choice(_, true), .gap, .absent, .sentenceStart, .sentenceEnd, .clauseBoundary, .questionEnd:
            return nil
        }
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
