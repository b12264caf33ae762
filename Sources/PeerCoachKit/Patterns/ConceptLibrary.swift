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
    private let byID: [String: Int]
    let lexicon: Lexicon
    let sets: TokenSets
    /// Every compiled program: first each concept's patterns, concept by concept in order, then the
    /// exclusions. Candidate lists sorted by index are therefore in the order `tag` must try them.
    let programs: [PatternProgram]
    /// Per program: its concept's index.
    let conceptOf: [Int32]
    /// Per concept: the indices of its exclusion programs.
    let exclusionsOf: [[Int32]]
    /// The index the tagger works from: per token, the candidate patterns and required sets it
    /// marks (see `MatchIndex`).
    let index: MatchIndex
    /// All of the above, flat, for the `Tagger`.
    let tables: MatchTables

    /// Compiles `concepts`; `sets` are the named word lists patterns reach with `~name`.
    /// Patterns that do not parse or compile are reported in `problems` and left out.
    ///
    /// With `compile: false` nothing is parsed or compiled: the library knows its concepts but
    /// matches nothing. That is for commands that only name concepts (`list`), which then start in
    /// a fraction of the time.
    public init(concepts: [Concept], sets: [String: [String]] = [:], compile: Bool = true, problems: inout [PatternProblem]) {
        self.concepts = concepts
        var byID: [String: Int] = [:]
        for (i, c) in concepts.enumerated() where byID[c.id] == nil { byID[c.id] = i }
        self.byID = byID

        // Parse everything first, so references can be expanded.
        var references: [String: [PatternNode]] = [:]
        for (name, entries) in sets where compile {
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
            let p = compile ? parseAll(c.patterns, c.id) : []
            parsed.append(p)
            parsedExclusions.append(compile ? parseAll(c.exclude, c.id) : [])
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
        var patternLists: [[PatternProgram]] = []
        var exclusionLists: [[PatternProgram]] = []
        for (i, c) in concepts.enumerated() {
            patternLists.append(compileAll(parsed[i], c.id))
            exclusionLists.append(compileAll(parsedExclusions[i], c.id))
        }
        let lexicon = Lexicon(compiler.vocabulary)
        var sets = compiler.sets
        sets.freeze(vocabularyCount: lexicon.vocabulary.count)
        self.lexicon = lexicon
        self.sets = sets

        var programs: [PatternProgram] = [], conceptOf: [Int32] = []
        for (ci, list) in patternLists.enumerated() {
            programs += list; conceptOf += Array(repeating: Int32(ci), count: list.count)
        }
        let patternCount = programs.count
        var exclusionsOf: [[Int32]] = []
        for (ci, list) in exclusionLists.enumerated() {
            exclusionsOf.append(Array(programs.count..<programs.count + list.count).map { Int32($0) })
            programs += list; conceptOf += Array(repeating: Int32(ci), count: list.count)
        }
        self.programs = programs
        self.conceptOf = conceptOf
        self.exclusionsOf = exclusionsOf
        let index = MatchIndex(programs: programs, patternCount: patternCount, sets: sets, width: lexicon.vocabulary.count)
        tables = MatchTables(lexicon: lexicon, sets: sets, programs: programs, conceptOf: Array(conceptOf[..<patternCount]),
                             concepts: concepts, exclusionsOf: exclusionsOf, index: index)
        self.index = index
    }

    /// The concept with this id.
    public func concept(_ id: String) -> Concept? { byID[id].map { concepts[$0] } }

    /// The concepts a reply shows, each once, with the first words that show it, in reply order.
    /// (A `Tagger` does the same and keeps its buffers for the next reply.)
    public func tag(_ reply: String) -> [ConceptMatch] {
        var tagger = Tagger(library: self)
        return tagger.tag(reply)
    }
}
