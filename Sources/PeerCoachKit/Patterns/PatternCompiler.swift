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
        let required = requiredTokens(node)
        return PatternProgram(source: source, code: code, absent: absent, spelledNegators: spelledNegators,
                              required: required)
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
            code.append(.oneOf(stems: stems, forms: forms))
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

    /// Tokens of which at least one must appear: those of the first element that cannot be skipped.
    private func requiredTokens(_ node: PatternNode) -> (stems: Set<Int32>, forms: Set<Int32>)? {
        guard case .sequence(let items) = node else { return nil }
        for item in items {
            switch item {
            case .word(let w): return (stems: [vocabulary.id(Stemmer.stem(w))], forms: [])
            case .exact(let w): return (stems: [], forms: [vocabulary.id(w)])
            case .choice(let alts, false):
                var stems: Set<Int32> = [], forms: Set<Int32> = []
                for a in alts {
                    switch a {
                    case .word(let w): stems.insert(vocabulary.id(Stemmer.stem(w)))
                    case .exact(let w): forms.insert(vocabulary.id(w))
                    default: return nil
                    }
                }
                return (stems, forms)
            case .absent, .sentenceStart, .sentenceEnd, .clauseBoundary, .questionEnd, .gap, .choice(_, true): continue
            default: return nil
            }
        }
        return nil
    }
}
