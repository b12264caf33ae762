/// A problem in a concept's patterns, with where it is (concept index, pattern index or nil for `exclude`).
public struct PatternProblem: Error, Sendable {
    public var conceptID: String
    /// The pattern's text.
    public var pattern: String
    /// 0-based character offset in the pattern, when known.
    public var offset: Int?
    public var message: String
    /// True when the problem is an unknown `~name`.
    public var unknownReference: Bool
}

/// The compiled concept library: tags a reply with the concepts it shows.
///
/// Built once from `Concept`s and named sets; immutable and safe to share afterwards.
public struct ConceptLibrary: Sendable {
    public let concepts: [Concept]
    private let index: [String: Int]
    private let vocabulary: Vocabulary
    private let programs: [[PatternProgram]]
    private let exclusions: [[PatternProgram]]

    /// Compiles `concepts`; `sets` are the named word lists patterns reach with `~name`.
    /// Patterns that do not parse or compile are reported in `problems` and left out.
    public init(concepts: [Concept], sets: [String: [String]] = [:], problems: inout [PatternProblem]) {
        self.concepts = concepts
        var index: [String: Int] = [:]
        for (i, c) in concepts.enumerated() where index[c.id] == nil { index[c.id] = i }
        self.index = index

        // Parse everything first, so references can be expanded.
        var references: [String: [PatternNode]] = [:]
        for (name, entries) in sets {
            references[name] = entries.compactMap { entry in
                switch Result(catching: { () throws(PatternSyntaxError) in try PatternParser.parse(entry) }) {
                case .success(let node): return node
                case .failure(let error):
                    problems.append(PatternProblem(conceptID: "~" + name, pattern: entry, offset: error.offset,
                                                   message: error.message, unknownReference: false))
                    return nil
                }
            }
        }
        var parsed: [[(String, PatternNode)]] = []
        var parsedExclusions: [[(String, PatternNode)]] = []
        func parseAll(_ list: [String], _ id: String) -> [(String, PatternNode)] {
            list.compactMap { text in
                switch Result(catching: { () throws(PatternSyntaxError) in try PatternParser.parse(text) }) {
                case .success(let node): return (text, node)
                case .failure(let error):
                    problems.append(PatternProblem(conceptID: id, pattern: text, offset: error.offset,
                                                   message: error.message, unknownReference: false))
                    return nil
                }
            }
        }
        for c in concepts {
            let p = parseAll(c.patterns, c.id)
            parsed.append(p)
            parsedExclusions.append(parseAll(c.exclude, c.id))
            if references[c.id] == nil { references[c.id] = p.map(\.1) }
        }

        var compiler = PatternCompiler(vocabulary: Vocabulary(), references: references)
        func compileAll(_ list: [(String, PatternNode)], _ id: String) -> [PatternProgram] {
            list.compactMap { (text, node) in
                switch Result(catching: { () throws(PatternCompileError) in try compiler.compile(node, source: text) }) {
                case .success(let program): return program
                case .failure(let error):
                    switch error {
                    case .unknownReference(let name):
                        problems.append(PatternProblem(conceptID: id, pattern: text, offset: nil,
                                                       message: "unknown set or concept '~\(name)'", unknownReference: true))
                    case .circularReference(let chain):
                        problems.append(PatternProblem(conceptID: id, pattern: text, offset: nil,
                                                       message: "circular reference " + chain.map { "~" + $0 }.joined(separator: " -> "),
                                                       unknownReference: false))
                    }
                    return nil
                }
            }
        }
        var programs: [[PatternProgram]] = []
        var exclusions: [[PatternProgram]] = []
        for (i, c) in concepts.enumerated() {
            programs.append(compileAll(parsed[i], c.id))
            exclusions.append(compileAll(parsedExclusions[i], c.id))
        }
        self.programs = programs
        self.exclusions = exclusions
        self.vocabulary = compiler.vocabulary
    }

    /// The concept with this id.
    public func concept(_ id: String) -> Concept? { index[id].map { concepts[$0] } }

    /// The concepts a reply shows, each once, with the first words that show it, in reply order.
    public func tag(_ reply: String) -> [ConceptMatch] {
        let bytes = Array(reply.utf8)
        var found: [(Int, ConceptMatch)] = []
        var done = [Bool](repeating: false, count: concepts.count)
        for sentence in Tokenizer.sentences(reply) {
            let marked = MarkedSentence(sentence, vocabulary: vocabulary)
            for (ci, concept) in concepts.enumerated() where !done[ci] {
                if exclusions[ci].contains(where: { $0.firstMatch(in: marked, where: { _ in true }) != nil }) { continue }
                var best: Range<Int>? = nil
                for program in programs[ci] {
                    let range = program.firstMatch(in: marked) { r in
                        concept.negation == .ignore || !Self.isNegated(r, in: sentence, spelled: program.spelledNegators)
                    }
                    if let r = range, best == nil || r.lowerBound < best!.lowerBound { best = r }
                }
                if let r = best {
                    let start = sentence.tokens[r.lowerBound].range.lowerBound
                    let end = sentence.tokens[r.upperBound - 1].range.upperBound
                    let evidence = String(decoding: bytes[start..<end], as: UTF8.self)
                    found.append((ci, ConceptMatch(id: concept.id, evidence: evidence, start: start, end: end)))
                    done[ci] = true
                }
            }
        }
        return found.sorted { ($0.1.start, $0.0) < ($1.1.start, $1.0) }.map(\.1)
    }

    /// A match is negated when a negator the pattern does not spell lies inside it, or one of its
    /// words is in the scope of a negator that comes before it.
    static func isNegated(_ r: Range<Int>, in sentence: Sentence, spelled: Set<String>) -> Bool {
        for i in r {
            let t = sentence.tokens[i]
            if t.isNegator && !spelled.contains(t.form) { return true }
            if let neg = t.negatedBy, neg < r.lowerBound { return true }
        }
        return false
    }
}
