/// Checks a loaded scenario against the concept library and itself: unknown ids, broken or
/// unreachable states, dead ends, and example replies the rubric gets wrong.
public enum ScenarioValidator {
    /// The first error that keeps a scenario from being played or graded (unknown states or
    /// concepts, dead ends), or nil. Example replies the rubric disagrees with (PC04xx) do not count.
    public static func playabilityError(_ s: Scenario, library: ConceptLibrary) -> Diagnostic? {
        let d = DiagnosticCollector()
        validate(s, library: library, diagnostics: d)
        return d.sorted.first { $0.severity == .error && !$0.code.hasPrefix("PC04") }
    }

    public static func validate(_ s: Scenario, library: ConceptLibrary, diagnostics d: DiagnosticCollector) {
        let ids = Set(s.states.map(\.id))
        func known(_ concept: String, at loc: SourceLocation, _ role: String) -> Concept? {
            if let c = library.concept(concept) { return c }
            let hint = didYouMean(concept, in: Set(library.concepts.map(\.id)))
            d.error("PC0201", at: loc, "\(role) names unknown concept '\(concept)'\(hint)")
            return nil
        }

        if !s.start.isEmpty && !ids.contains(s.start) {
            d.error("PC0202", at: s.startLocation, "start state '\(s.start)' is not defined")
        }
        for skill in s.skills {
            if let c = known(skill, at: s.startLocation, "'skills'"), c.isRedFlag {
                d.error("PC0207", at: s.startLocation, "'skills' lists red flag '\(skill)'; list strengths")
            }
        }
        for state in s.states {
            for item in state.rubric {
                if let c = known(item.concept, at: item.location, "the rubric"), c.isRedFlag {
                    d.error("PC0207", at: item.location, "the rubric lists red flag '\(item.concept)'; red flags are always detected and penalised")
                }
            }
            for t in state.next {
                if !ids.contains(t.to) {
                    let hint = didYouMean(t.to, in: ids)
                    d.error("PC0203", at: t.location, "transition goes to unknown state '\(t.to)'\(hint)")
                }
                switch t.condition {
                case .concept(let c)?: _ = known(c, at: t.location, "the condition")
                case .flag(let f?)?:
                    if let c = known(f, at: t.location, "the condition"), !c.isRedFlag {
                        d.error("PC0102", at: t.location, "'flag' needs a red flag; '\(f)' is a strength (use 'concept')")
                    }
                default: break
                }
            }
            if !state.isTerminal && state.next.isEmpty {
                d.error("PC0206", at: state.location, "state '\(state.id)' has no way out: give it 'next' or an 'outcome'")
            }
            if state.isTerminal && !state.next.isEmpty {
                d.warning("PC0206", at: state.location, "terminal state '\(state.id)' has 'next', which is never used")
            }
            checkExamples(state, library: library, diagnostics: d, known: known)
        }
        checkGraph(s, ids: ids, diagnostics: d)
    }

    private static func checkExamples(_ state: ScenarioState, library: ConceptLibrary, diagnostics d: DiagnosticCollector,
                                      known: (String, SourceLocation, String) -> Concept?) {
        for example in state.examples {
            let found = Set(library.tag(example.reply).map(\.id))
            for id in example.has where known(id, example.location, "'has'") != nil && !found.contains(id) {
                d.error("PC0401", at: example.location, "example reply does not show '\(id)' to the rubric (found: \(found.isEmpty ? "nothing" : found.sorted().joined(separator: ", ")))")
            }
            for id in example.lacks where known(id, example.location, "'lacks'") != nil && found.contains(id) {
                d.error("PC0402", at: example.location, "example reply shows '\(id)', which it should lack")
            }
        }
    }

    private static func checkGraph(_ s: Scenario, ids: Set<String>, diagnostics d: DiagnosticCollector) {
        guard ids.contains(s.start) else { return }
        var edges: [String: [String]] = [:]
        for state in s.states { edges[state.id] = state.next.map(\.to).filter(ids.contains) }
        var reachable: Set<String> = [s.start]
        var queue = [s.start]
        while let id = queue.popLast() {
            for n in edges[id, default: []] where !reachable.contains(n) { reachable.insert(n); queue.append(n) }
        }
        // States that can reach a terminal state: walk edges backwards from the terminals.
        var reverse: [String: [String]] = [:]
        for (from, tos) in edges { for to in tos { reverse[to, default: []].append(from) } }
        var canEnd = Set(s.states.filter(\.isTerminal).map(\.id))
        queue = Array(canEnd)
        while let id = queue.popLast() {
            for p in reverse[id, default: []] where !canEnd.contains(p) { canEnd.insert(p); queue.append(p) }
        }
        for state in s.states {
            if !reachable.contains(state.id) {
                d.warning("PC0204", at: state.location, "state '\(state.id)' cannot be reached from '\(s.start)'")
            } else if !canEnd.contains(state.id) && !state.next.isEmpty {
                d.error("PC0205", at: state.location, "from state '\(state.id)' no terminal state can be reached")
            }
        }
        if canEnd.isEmpty {
            d.error("PC0205", at: s.startLocation, "the scenario has no terminal state (a state with 'outcome')")
        }
    }
}
