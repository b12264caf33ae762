import Foundation

/// Reads one scenario file into a `Scenario`, reporting shape problems (missing keys, wrong types)
/// as diagnostics. Cross-references are checked afterwards by `ScenarioValidator`.
public enum ScenarioLoader {
    public static func load(_ path: String, diagnostics: DiagnosticCollector) -> Scenario? {
        guard let text = YAMLSource.readText(path, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: path, diagnostics: diagnostics) else { return nil }
        return load(root, file: path, hash: fnv1a64(text.utf8), diagnostics: diagnostics)
    }

    /// Loads a scenario from a file's bytes, as `load(_:diagnostics:)` does once it has read them.
    public static func load(data: Data, file: String, diagnostics: DiagnosticCollector) -> Scenario? {
        guard let text = YAMLSource.text(from: data, file: file, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: file, diagnostics: diagnostics) else { return nil }
        return load(root, file: file, hash: fnv1a64(text.utf8), diagnostics: diagnostics)
    }

    static func load(_ root: YAMLNode, file: String, hash: String, diagnostics: DiagnosticCollector) -> Scenario? {
        let r = NodeReader(file: file, diagnostics: diagnostics)
        guard let top = r.fields(root, "the scenario", required: ["id", "title", "start", "states"],
                                 optional: ["summary", "skills", "persona", "version"]) else { return nil }
        guard let id = r.string(top["id"], "'id'") else { return nil }
        if !ConceptLibraryLoader.isValidID(id) {
            diagnostics.error("PC0105", at: r.location(top["id"]!), "scenario id '\(id)' may hold only a-z, 0-9 and '-'")
        }
        var persona = Persona(name: "the peer", about: "")
        if let p = top["persona"], let pf = r.fields(p, "'persona'", required: ["name"], optional: ["about"]) {
            persona = Persona(name: r.string(pf["name"], "the persona's 'name'") ?? "the peer",
                              about: r.string(pf["about"], "the persona's 'about'") ?? "")
        }
        var states: [ScenarioState] = []
        if let statesNode = top["states"], let entries = r.entries(statesNode, "'states'") {
            var seen: [String: SourceLocation] = [:]
            for (stateID, keyLocation, value) in entries {
                if let first = seen[stateID] {
                    diagnostics.error("PC0104", at: keyLocation, "state '\(stateID)' is defined twice (first at line \(first.line))")
                    continue
                }
                seen[stateID] = keyLocation
                if !ConceptLibraryLoader.isValidID(stateID) {
                    diagnostics.error("PC0105", at: keyLocation, "state id '\(stateID)' may hold only a-z, 0-9 and '-'")
                }
                if let state = loadState(stateID, value, at: keyLocation, r) { states.append(state) }
            }
            if entries.isEmpty { diagnostics.error("PC0101", at: r.location(statesNode), "the scenario has no states") }
        }
        return Scenario(
            id: id, title: r.string(top["title"], "'title'") ?? id,
            summary: r.string(top["summary"], "'summary'") ?? "",
            skills: r.strings(top["skills"], "'skills'")?.map(\.0) ?? [],
            persona: persona, start: r.string(top["start"], "'start'") ?? "",
            startLocation: top["start"].map(r.location) ?? top.location,
            states: states, file: file, contentHash: hash)
    }

    private static func loadState(_ id: String, _ node: YAMLNode, at location: SourceLocation, _ r: NodeReader) -> ScenarioState? {
        let what = "state '\(id)'"
        guard let f = r.fields(node, what, required: ["peer"],
                               optional: ["rubric", "hint", "model", "next", "outcome", "summary", "examples"]) else { return nil }
        let terminal = f["outcome"] != nil
        if !terminal {
            for key in ["rubric", "hint", "model", "next"] where f[key] == nil {
                r.diagnostics.error("PC0101", at: f.location, "\(what) is missing '\(key)' (only a state with 'outcome' may leave it out)")
            }
        }
        let peer = r.strings(f["peer"], "the peer's line in \(what)")?.map(\.0) ?? []
        if f["peer"] != nil && peer.isEmpty { r.diagnostics.error("PC0101", at: f.location, "\(what) has no peer line") }

        var rubric: [RubricItem] = []
        if let node = f["rubric"], let entries = r.entries(node, "the rubric of \(what)") {
            for (concept, keyLocation, value) in entries {
                if case .mapping = value.content {
                    guard let rf = r.fields(value, "rubric entry '\(concept)'", required: ["points"], optional: ["feedback"]) else { continue }
                    rubric.append(RubricItem(concept: concept, points: r.int(rf["points"], "'points'") ?? 0,
                                             feedback: r.string(rf["feedback"], "'feedback'"), location: keyLocation))
                } else if let points = r.int(value, "the points for '\(concept)'") {
                    rubric.append(RubricItem(concept: concept, points: points, feedback: nil, location: keyLocation))
                }
            }
        }

        var next: [Transition] = []
        if let node = f["next"] {
            if case .sequence(let list) = node.content {
                for item in list {
                    guard let tf = r.fields(item, "a transition of \(what)", required: ["to"], optional: ["on"]),
                          let to = r.string(tf["to"], "'to'") else { continue }
                    var condition: TransitionCondition? = nil
                    if let on = tf["on"] { condition = loadCondition(on, r) }
                    if tf["on"] != nil && condition == nil { continue }
                    next.append(Transition(condition: condition, to: to, location: r.location(tf["to"]!)))
                }
            } else {
                r.typeError(node, "'next' of \(what)", expected: "a list of transitions")
            }
        }

        var examples: [ExampleReply] = []
        if let node = f["examples"], let ef = r.fields(node, "the examples of \(what)", optional: ["good", "bad"]) {
            for (key, good) in [("good", true), ("bad", false)] {
                guard let list = ef[key] else { continue }
                guard case .sequence(let items) = list.content else {
                    r.typeError(list, "'\(key)' examples", expected: "a list")
                    continue
                }
                for item in items {
                    guard let xf = r.fields(item, "an example reply", required: ["reply"], optional: ["has", "lacks"]),
                          let reply = r.string(xf["reply"], "'reply'") else { continue }
                    examples.append(ExampleReply(
                        reply: reply, good: good,
                        has: r.strings(xf["has"], "'has'")?.map(\.0) ?? [],
                        lacks: r.strings(xf["lacks"], "'lacks'")?.map(\.0) ?? [],
                        location: r.location(xf["reply"]!)))
                }
            }
        }

        return ScenarioState(
            id: id, peer: peer, rubric: rubric, hint: r.string(f["hint"], "'hint'") ?? "",
            model: r.string(f["model"], "'model'") ?? "", next: next,
            outcome: r.string(f["outcome"], "'outcome'"), summary: r.string(f["summary"], "'summary'"),
            examples: examples, location: location)
    }

    private static func loadCondition(_ node: YAMLNode, _ r: NodeReader) -> TransitionCondition? {
        guard let f = r.fields(node, "a condition ('on')", optional: ["concept", "flag", "points", "turns"]) else { return nil }
        let given = ["concept", "flag", "points", "turns"].filter { f[$0] != nil }
        guard given.count == 1 else {
            r.diagnostics.error("PC0102", at: f.location, "a condition names exactly one of concept, flag, points or turns")
            return nil
        }
        switch given[0] {
        case "concept": return r.string(f["concept"], "'concept'").map { .concept($0) }
        case "flag": return r.string(f["flag"], "'flag'").map { .flag($0 == "any" ? nil : $0) }
        case "points": return r.int(f["points"], "'points'").map { .points($0) }
        default: return r.int(f["turns"], "'turns'").map { .turns($0) }
        }
    }
}
