internal import CYaml

/// Why a YAML text gives no node tree: a diagnostic code, where (1-based) and what.
struct YAMLProblem: Error, Equatable {
    var code: String
    var line: Int
    var column: Int
    var message: String
}

/// Builds a `YAMLNode` tree from libyaml's event stream in one pass, with no recursion, so a
/// hostile text costs no more stack than a small one.
///
/// Problems, in the order they win:
/// - nesting deeper than `maxDepth`, or aliases that together stand for more than `maxAliasNodes`
///   nodes (PC0004): found anywhere before a syntax error, they stop the pass at once;
/// - the first duplicate key (PC0104, known when its mapping ends), undefined alias or second
///   document (PC0002): the pass goes on, looking for the problems above, and reports it at the end
///   or at a syntax error;
/// - a libyaml syntax error (PC0002), or a reader error such as a control character (PC0001).
/// These are the diagnostics, positions and precedence of the Yams-based loader this replaced.
struct YAMLComposer {
    let maxDepth: Int
    let maxAliasNodes: Int
    /// Collections whose end has not arrived yet, innermost last.
    private var open: [OpenCollection] = []
    /// Anchored nodes, with how many nodes each stands for.
    private var anchors: [String: (node: YAMLNode, size: Int)] = [:]
    private var aliasNodes = 0
    private var documents = 0
    private var root: YAMLNode?
    /// The first problem that does not stop the pass.
    private var pending: YAMLProblem?

    /// The root node of the text's only document, nil when the text holds no document.
    static func compose(_ utf8: UnsafeBufferPointer<UInt8>, maxDepth: Int, maxAliasNodes: Int) -> Result<YAMLNode?, YAMLProblem> {
        guard let start = utf8.baseAddress, !utf8.isEmpty else { return .success(nil) }
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else {
            return .failure(YAMLProblem(code: "PC0002", line: 1, column: 1, message: "YAML error: Memory error"))
        }
        defer { yaml_parser_delete(&parser) }
        yaml_parser_set_encoding(&parser, YAML_UTF8_ENCODING)
        yaml_parser_set_input_string(&parser, start, utf8.count)
        var composer = YAMLComposer(maxDepth: maxDepth, maxAliasNodes: maxAliasNodes)
        var event = yaml_event_t()
        while yaml_parser_parse(&parser, &event) == 1 {
            let ended = event.type == YAML_STREAM_END_EVENT
            let problem = composer.take(event)
            yaml_event_delete(&event)
            if let problem { return .failure(problem) }
            if ended { return composer.pending.map { .failure($0) } ?? .success(composer.root) }
        }
        return .failure(composer.pending ?? syntaxProblem(parser, maxDepth: maxDepth))
    }

    /// Adds one event to the tree; returns a problem that stops the pass.
    private mutating func take(_ event: yaml_event_t) -> YAMLProblem? {
        let line = Int(event.start_mark.line) + 1, column = Int(event.start_mark.column) + 1
        switch event.type {
        case YAML_DOCUMENT_START_EVENT:
            documents += 1
            if documents == 2 {
                note(YAMLProblem(code: "PC0002", line: line, column: column,
                                 message: "YAML syntax: but found another document (expected a single document in the stream at line 1)"))
            }
        case YAML_SCALAR_EVENT:
            let scalar = event.data.scalar
            let text = String(decoding: UnsafeBufferPointer(start: scalar.value, count: scalar.length), as: UTF8.self)
            add(YAMLNode(.scalar(text, plain: scalar.style == YAML_PLAIN_SCALAR_STYLE), line: line, column: column),
                size: 1, anchor: Self.name(scalar.anchor))
        case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
            if open.count >= maxDepth {
                return YAMLProblem(code: "PC0004", line: line, column: column, message: Self.nestingMessage(maxDepth))
            }
            let isMapping = event.type == YAML_MAPPING_START_EVENT
            let anchor = isMapping ? event.data.mapping_start.anchor : event.data.sequence_start.anchor
            open.append(OpenCollection(isMapping: isMapping, anchor: Self.name(anchor), line: line, column: column))
        case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
            guard let collection = open.popLast() else { break }
            if let duplicates = collection.duplicateKeys() { note(duplicates) }
            add(collection.node, size: collection.size, anchor: collection.anchor)
        case YAML_ALIAS_EVENT:
            let target = Self.name(event.data.alias.anchor).flatMap { anchors[$0] }
            let size = target?.size ?? 1
            aliasNodes = min(aliasNodes + size, Int.max / 4)
            if aliasNodes > maxAliasNodes {
                return YAMLProblem(code: "PC0004", line: line, column: column,
                                   message: "aliases expand to more than \(maxAliasNodes) nodes, the limit (an alias bomb?)")
            }
            if target == nil { note(YAMLProblem(code: "PC0002", line: line, column: column, message: "YAML syntax: found undefined alias")) }
            add(target?.node ?? YAMLNode(.scalar("", plain: true), line: line, column: column), size: size, anchor: nil)
        default:
            break
        }
        return nil
    }

    /// Puts a finished node in the collection that holds it, or makes it the root.
    private mutating func add(_ node: YAMLNode, size: Int, anchor: String?) {
        if let anchor { anchors[anchor] = (node, size) }
        if open.isEmpty {
            if root == nil { root = node }
        } else {
            open[open.count - 1].add(node, size: size)
        }
    }

    private mutating func note(_ problem: YAMLProblem) {
        if pending == nil { pending = problem }
    }

    private static func name(_ anchor: UnsafeMutablePointer<yaml_char_t>?) -> String? {
        anchor.map { String(cString: $0) }
    }

    static func nestingMessage(_ maxDepth: Int) -> String {
        "nesting is more than \(maxDepth) levels deep, the limit"
    }

    /// libyaml's error, as a diagnostic where it found it.
    private static func syntaxProblem(_ parser: yaml_parser_t, maxDepth: Int) -> YAMLProblem {
        let problem = parser.problem.map { String(cString: $0) } ?? "unknown problem"
        let line = Int(parser.problem_mark.line) + 1, column = Int(parser.problem_mark.column) + 1
        switch parser.error {
        case YAML_READER_ERROR:
            return YAMLProblem(code: "PC0001", line: 1, column: 1, message: "cannot read: \(problem)")
        case YAML_SCANNER_ERROR, YAML_PARSER_ERROR:
            // libyaml's own nesting limit (1000) is above ours; kept in case it ever is not.
            if problem.hasPrefix("Maximum nesting level") {
                return YAMLProblem(code: "PC0004", line: line, column: column, message: nestingMessage(maxDepth))
            }
            var message = "YAML syntax: \(problem)"
            if let context = parser.context {
                message += " (\(String(cString: context)) at line \(parser.context_mark.line + 1))"
            }
            return YAMLProblem(code: "PC0002", line: line, column: column, message: message)
        default:
            return YAMLProblem(code: "PC0002", line: 1, column: 1, message: "YAML error: Memory error")
        }
    }
}

/// A mapping or list whose items are still arriving.
private struct OpenCollection {
    let isMapping: Bool
    let anchor: String?
    let line: Int
    let column: Int
    var items: [YAMLNode] = []
    var pairs: [(key: YAMLNode, value: YAMLNode)] = []
    /// A mapping's key still waiting for its value.
    var key: YAMLNode?
    /// Nodes in the collection, itself included, counting what its aliases stand for.
    var size = 1

    init(isMapping: Bool, anchor: String?, line: Int, column: Int) {
        self.isMapping = isMapping
        self.anchor = anchor
        self.line = line
        self.column = column
    }

    mutating func add(_ node: YAMLNode, size: Int) {
        self.size = min(self.size + size, Int.max / 4)
        if !isMapping {
            items.append(node)
        } else if let key {
            pairs.append((key, node))
            self.key = nil
        } else {
            key = node
        }
    }

    var node: YAMLNode {
        YAMLNode(isMapping ? .mapping(pairs) : .sequence(items), line: line, column: column)
    }

    /// PC0104 for the scalar keys a mapping holds more than once, listed in sorted order and placed
    /// at the first use of the first of them. (Other keys are type errors for the loaders.)
    func duplicateKeys() -> YAMLProblem? {
        guard pairs.count > 1 else { return nil }
        var seen = Set<String>(minimumCapacity: pairs.count)
        var duplicates = Set<String>()
        for pair in pairs {
            if let text = pair.key.scalar, !seen.insert(text).inserted { duplicates.insert(text) }
        }
        guard let first = duplicates.min(), let at = pairs.first(where: { $0.key.scalar == first })?.key else { return nil }
        return YAMLProblem(code: "PC0104", line: at.line, column: at.column,
                           message: "duplicate key \(duplicates.sorted().map { "'\($0)'" }.joined(separator: ", "))")
    }
}
