import Yams

/// The keys of one YAML mapping, read with their positions.
struct Fields {
    let node: Node
    let location: SourceLocation
    private(set) var values: [String: Node] = [:]
    private(set) var keyLocations: [String: SourceLocation] = [:]

    init(node: Node, location: SourceLocation) {
        self.node = node
        self.location = location
    }

    mutating func set(_ key: String, _ value: Node, at location: SourceLocation) {
        values[key] = value
        keyLocations[key] = location
    }

    subscript(key: String) -> Node? { values[key] }
}

/// Typed reads of a YAML node tree that report every mismatch as a located diagnostic.
struct NodeReader {
    let file: String
    let diagnostics: DiagnosticCollector

    func location(_ node: Node) -> SourceLocation {
        let mark = node.mark
        return SourceLocation(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }

    func typeError(_ node: Node, _ what: String, expected: String) {
        diagnostics.error("PC0102", at: location(node), "\(what) should be \(expected), not \(describe(node))")
    }

    func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let s): return s.string.isEmpty ? "empty" : "'\(s.string.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// Reads a mapping; keys not in `required` or `optional` get a warning (a likely typo),
    /// missing required keys an error.
    func fields(_ node: Node, _ what: String, required: [String] = [], optional: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            typeError(node, what, expected: "a mapping (key: value lines)")
            return nil
        }
        var fields = Fields(node: node, location: location(node))
        let known = Set(required + optional)
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                typeError(keyNode, "a key in \(what)", expected: "a plain word")
                continue
            }
            if !known.isEmpty && !known.contains(key.string) {
                let hint = didYouMean(key.string, in: known)
                diagnostics.warning("PC0103", at: location(keyNode), "unknown key '\(key.string)' in \(what)\(hint)")
            }
            fields.set(key.string, value, at: location(keyNode))
        }
        for key in required where fields[key] == nil {
            diagnostics.error("PC0101", at: fields.location, "\(what) is missing '\(key)'")
        }
        return fields
    }

    /// Reads a mapping whose keys are names chosen by the author (state ids, rubric concepts).
    func entries(_ node: Node, _ what: String) -> [(key: String, keyLocation: SourceLocation, value: Node)]? {
        guard case .mapping(let mapping) = node else {
            typeError(node, what, expected: "a mapping")
            return nil
        }
        var out: [(String, SourceLocation, Node)] = []
        for (keyNode, value) in mapping {
            guard case .scalar(let key) = keyNode else {
                typeError(keyNode, "a key in \(what)", expected: "a plain word")
                continue
            }
            out.append((key.string, location(keyNode), value))
        }
        return out
    }

    func string(_ node: Node?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, !(s.style == .plain && ["", "~", "null", "Null", "NULL"].contains(s.string)) else {
            typeError(node, what, expected: "text")
            return nil
        }
        return s.string
    }

    func int(_ node: Node?, _ what: String) -> Int? {
        guard let node else { return nil }
        guard case .scalar(let s) = node, let value = Int(s.string.trimmingCharacters(in: .whitespaces)) else {
            typeError(node, what, expected: "a whole number")
            return nil
        }
        return value
    }

    /// Text or a list of texts.
    func strings(_ node: Node?, _ what: String) -> [(String, SourceLocation)]? {
        guard let node else { return nil }
        if case .sequence(let seq) = node {
            var out: [(String, SourceLocation)] = []
            for item in seq {
                if let s = string(item, "an item of \(what)") { out.append((s, location(item))) }
            }
            return out
        }
        guard let s = string(node, what) else { return nil }
        return [(s, location(node))]
    }

}

/// `"; did you mean 'x'?"` for the known word closest to `word` by edit distance, or `""` when
/// none is close.
func didYouMean(_ word: String, in candidates: Set<String>) -> String {
    let best = candidates.map { ($0, editDistance(word, $0)) }.min { ($0.1, $0.0) < ($1.1, $1.0) }
    guard let best, best.1 <= max(1, word.count / 3) else { return "" }
    return "; did you mean '\(best.0)'?"
}

/// Levenshtein distance, for "did you mean" suggestions.
func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    if a.isEmpty { return b.count }
    if b.isEmpty { return a.count }
    var previous = Array(0...b.count)
    for i in 1...a.count {
        var current = [i] + Array(repeating: 0, count: b.count)
        for j in 1...b.count {
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
        }
        previous = current
    }
    return previous[b.count]
}
