import Foundation

/// Loads `Dialogs/concepts.yaml` into a compiled `ConceptLibrary`, reporting problems as diagnostics.
public enum ConceptLibraryLoader {
    /// The concept ids every shipped library must define (DESIGN.md).
    public static let requiredStrengths = [
        "empathy", "open-question", "lived-experience", "mutuality", "hope", "self-determination",
        "goal-setting", "skill-building", "self-advocacy", "community", "referral",
    ]
    public static let requiredRedFlags = ["medical-advice", "diagnosing", "directive", "minimizing", "clinical-role"]

    /// Loads and compiles the library at `path`. Returns nil only when nothing usable could be read.
    /// With `compile: false` its patterns are neither checked nor compiled (`ConceptLibrary.init`).
    public static func load(_ path: String, compile: Bool = true, diagnostics: DiagnosticCollector) -> ConceptLibrary? {
        guard let text = YAMLSource.readText(path, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: path, diagnostics: diagnostics) else { return nil }
        return load(root, file: path, compile: compile, diagnostics: diagnostics)
    }

    /// Loads a library from a file's bytes, as `load(_:diagnostics:)` does once it has read them.
    public static func load(data: Data, file: String, diagnostics: DiagnosticCollector) -> ConceptLibrary? {
        guard let text = YAMLSource.text(from: data, file: file, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: file, diagnostics: diagnostics) else { return nil }
        return load(root, file: file, diagnostics: diagnostics)
    }

    static func load(_ root: YAMLNode, file: String, compile: Bool = true, diagnostics: DiagnosticCollector) -> ConceptLibrary? {
        let reader = NodeReader(file: file, diagnostics: diagnostics)
        guard let top = reader.fields(root, "the concept library", required: ["concepts"], optional: ["version", "sets"]) else { return nil }

        // Where each pattern came from, to place pattern diagnostics (only a compiled library has any).
        var patternLocations: [String: [String: SourceLocation]] = [:]
        var sets: [String: [String]] = [:]
        if let setsNode = top["sets"], let entries = reader.entries(setsNode, "sets") {
            for (name, keyLocation, value) in entries {
                if !isValidID(name) {
                    diagnostics.error("PC0105", at: keyLocation, "set name '\(name)' may hold only a-z, 0-9 and '-'")
                }
                guard let items = reader.strings(value, "set '\(name)'") else { continue }
                sets[name] = items.map(\.0)
                if compile { for (text, loc) in items { patternLocations["~" + name, default: [:]][text] = loc } }
            }
        }

        var concepts: [Concept] = []
        var seen: [String: SourceLocation] = [:]
        guard case .sequence(let list)? = top["concepts"]?.content else {
            if let node = top["concepts"] { reader.typeError(node, "'concepts'", expected: "a list of concepts") }
            return nil
        }
        for item in list {
            guard let f = reader.fields(item, "a concept", required: ["id", "label", "kind", "points", "patterns"],
                                        optional: ["feedback", "missing", "exclude", "negation"]) else { continue }
            guard let id = reader.string(f["id"], "'id'") else { continue }
            let idLocation = reader.location(f["id"]!)
            if !isValidID(id) { diagnostics.error("PC0105", at: idLocation, "concept id '\(id)' may hold only a-z, 0-9 and '-'") }
            if let first = seen[id] {
                diagnostics.error("PC0104", at: idLocation, "concept '\(id)' is defined twice (first at line \(first.line))")
                continue
            }
            seen[id] = idLocation
            var kind = ConceptKind.strength
            if let k = reader.string(f["kind"], "'kind'") {
                if let parsed = ConceptKind(rawValue: k) { kind = parsed } else {
                    diagnostics.error("PC0102", at: reader.location(f["kind"]!), "'kind' is 'strength' or 'red-flag', not '\(k)'")
                }
            }
            var negation = NegationMode.block
            if let n = reader.string(f["negation"], "'negation'") {
                if let parsed = NegationMode(rawValue: n) { negation = parsed } else {
                    diagnostics.error("PC0102", at: reader.location(f["negation"]!), "'negation' is 'block' or 'ignore', not '\(n)'")
                }
            }
            let points = reader.int(f["points"], "'points'") ?? 0
            if kind == .redFlag && points > 0 {
                diagnostics.warning("PC0102", at: reader.location(f["points"]!), "a red flag's points should be negative (a penalty)")
            }
            let patterns = reader.strings(f["patterns"], "'patterns'") ?? []
            let exclude = reader.strings(f["exclude"], "'exclude'") ?? []
            if compile { for (text, loc) in patterns + exclude { patternLocations[id, default: [:]][text] = loc } }
            concepts.append(Concept(
                id: id, label: reader.string(f["label"], "'label'") ?? id, kind: kind, points: points,
                feedback: reader.string(f["feedback"], "'feedback'") ?? "",
                missing: reader.string(f["missing"], "'missing'") ?? "",
                patterns: patterns.map(\.0), exclude: exclude.map(\.0), negation: negation))
        }

        var problems: [PatternProblem] = []
        let library = ConceptLibrary(concepts: concepts, sets: sets, compile: compile, problems: &problems)
        for p in problems {
            var loc = patternLocations[p.conceptID]?[p.pattern] ?? SourceLocation(file: file, line: 1, column: 1)
            if let offset = p.offset { loc.column += offset }
            diagnostics.error(p.unknownReference ? "PC0302" : "PC0301", at: loc, "pattern '\(p.pattern)': \(p.message)")
        }
        for id in requiredStrengths + requiredRedFlags where seen[id] == nil {
            diagnostics.warning("PC0201", at: SourceLocation(file: file, line: 1, column: 1),
                                "the library does not define '\(id)', which DESIGN.md requires")
        }
        return library
    }

    /// Ids hold lower-case ASCII letters, digits and '-', and start with a letter.
    public static func isValidID(_ id: String) -> Bool {
        guard let first = id.utf8.first, first >= 0x61 && first <= 0x7A else { return false }
        return id.utf8.allSatisfy { ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x2D }
    }
}
