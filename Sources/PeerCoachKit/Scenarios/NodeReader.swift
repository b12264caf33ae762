/// The keys of one YAML mapping, read with their positions.
struct Fields {
    let node: YAMLNode
    let location: SourceLocation
    /// Keys in file order. A mapping holds a handful, so a list is quicker than a dictionary.
    private var values: [(key: String, value: YAMLNode)] = []

    init(node: YAMLNode, location: SourceLocation) {
        self.node = node
        self.location = location
    }

    mutating func set(_ key: String, _ value: YAMLNode) {
        values.append((key, value))
    }

    /// The value of `key`; the last one if a key came twice.
    subscript(key: String) -> YAMLNode? { values.last { $0.key == key }?.value }
}

/// Typed reads of a YAML node tree that report every mismatch as a located diagnostic.
struct NodeReader {
    let file: String
    let diagnostics: DiagnosticCollector

    func location(_ node: YAMLNode) -> SourceLocation {
        SourceLocation(file: file, line: node.line, column: node.column)
    }

    func typeError(_ node: YAMLNode, _ what: String, expected: String) {
        diagnostics.error("PC0102", at: location(node), "\(what) should be \(expected), not \(describe(node))")
    }

    func describe(_ node: YAMLNode) -> String {
        switch node.content {
        case .scalar(let text, _): return text.isEmpty ? "empty" : "'\(text.prefix(40))'"
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        }
    }

    /// Reads a mapping; keys not in `required` or `optional` get a warning (a likely typo),
    /// missing required keys an error.
    func fields(_ node: YAMLNode, _ what: String, required: [String] = [], optional: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node.content else {
            typeError(node, what, expected: "a mapping (key: value lines)")
            return nil
        }
        var fields = Fields(node: node, location: location(node))
        let anyKey = required.isEmpty && optional.isEmpty
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar else {
                typeError(keyNode, "a key in \(what)", expected: "a plain word")
                continue
            }
            if !anyKey && !required.contains(key) && !optional.contains(key) {
                let hint = didYouMean(key, in: Set(required + optional))
                diagnostics.warning("PC0103", at: location(keyNode), "unknown key '\(key)' in \(what)\(hint)")
            }
            fields.set(key, value)
        }
        for key in required where fields[key] == nil {
            diagnostics.error("PC0101", at: fields.location, "\(what) is missing '\(key)'")
        }
        return fields
    }

    /// Reads a mapping whose keys are names chosen by the author (state ids, rubric concepts).
    func entries(_ node: YAMLNode, _ what: String) -> [(key: String, keyLocation: SourceLocation, value: YAMLNode)]? {
        guard case .mapping(let mapping) = node.content else {
            typeError(node, what, expected: "a mapping")
            return nil
        }
        var out: [(String, SourceLocation, YAMLNode)] = []
        for (keyNode, value) in mapping {
            guard let key = keyNode.scalar else {
                typeError(keyNode, "a key in \(what)", expected: "a plain word")
                continue
            }
            out.append((key, location(keyNode), value))
        }
        return out
    }

    func string(_ node: YAMLNode?, _ what: String) -> String? {
        guard let node else { return nil }
        guard case .scalar(let text, let plain) = node.content, !(plain && ["", "~", "null", "Null", "NULL"].contains(text)) else {
            typeError(node, what, expected: "text")
            return nil
        }
        return text
    }

    func int(_ node: YAMLNode?, _ what: String) -> Int? {
        guard let node else { return nil }
        // `Int` refuses surrounding spaces, so only a refused text needs trimming.
        guard let text = node.scalar, let value = Int(text) ?? Int(text.trimmingCharacters(in: .whitespaces)) else {
            typeError(node, what, expected: "a whole number")
            return nil
        }
        return value
    }

    /// Text or a list of texts.
    func strings(_ node: YAMLNode?, _ what: String) -> [(String, SourceLocation)]? {
        guard let node else { return nil }
        if case .sequence(let seq) = node.content {
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
