import Foundation
import Yams
#if canImport(CYaml)
internal import CYaml
#endif

/// Reads a YAML file into a node tree, turning every way it can fail into a diagnostic.
///
/// Limits keep hostile files cheap, in time, memory and stack:
/// - at most `maxBytes` bytes are ever read (a 5 GB file or `/dev/zero` costs no more than a small one);
/// - at most `maxDepth` levels of nesting;
/// - aliases may stand for at most `maxAliasNodes` nodes in all (a "billion laughs" file is refused).
/// Depth and aliases are measured by a streaming pass over libyaml's events before any tree is built,
/// so the checks themselves use constant stack and no more memory than the file.
public enum YAMLSource {
    public static let maxBytes = 4 * 1024 * 1024
    public static let maxDepth = 100
    /// How many nodes all aliases may expand to, together.
    public static let maxAliasNodes = 10_000

    /// Reads the file's text, or reports why it cannot (PC0001, PC0003, PC0004).
    public static func readText(_ path: String, diagnostics: DiagnosticCollector) -> String? {
        let here = SourceLocation(file: path, line: 1, column: 1)
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
            diagnostics.error("PC0001", at: here, "no such file")
            return nil
        }
        if isDirectory.boolValue {
            diagnostics.error("PC0001", at: here, "is a directory, not a YAML file")
            return nil
        }
        guard let handle = FileHandle(forReadingAtPath: path) else {
            diagnostics.error("PC0001", at: here, "cannot be read (permission denied?)")
            return nil
        }
        defer { try? handle.close() }
        // Never read more than one byte past the limit, whatever the file claims to be.
        let data: Data
        do { data = try handle.read(upToCount: maxBytes + 1) ?? Data() } catch {
            diagnostics.error("PC0001", at: here, "cannot be read: \(error.localizedDescription)")
            return nil
        }
        return text(from: data, file: path, diagnostics: diagnostics)
    }

    /// Checks a file's bytes and decodes them, or reports why they are not YAML text
    /// (too large, binary, not UTF-8, empty).
    public static func text(from data: Data, file path: String, diagnostics: DiagnosticCollector) -> String? {
        let here = SourceLocation(file: path, line: 1, column: 1)
        if data.count > maxBytes {
            diagnostics.error("PC0004", at: here, "file is larger than \(maxBytes) bytes, the limit")
            return nil
        }
        if data.contains(0) {
            diagnostics.error("PC0001", at: here, "is a binary file (it contains NUL bytes), not YAML")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            let offset = firstInvalidUTF8(data)
            let (line, column) = lineColumn(data, offset)
            diagnostics.error("PC0001", at: SourceLocation(file: path, line: line, column: column),
                              "invalid UTF-8 (byte offset \(offset)); save the file as UTF-8")
            return nil
        }
        if text.allSatisfy({ $0.isWhitespace }) {
            diagnostics.error("PC0003", at: here, "file is empty")
            return nil
        }
        return text
    }

    /// Parses `text` to its root node, or reports the syntax error where it is (PC0002, PC0004).
    public static func compose(_ text: String, file: String, diagnostics: DiagnosticCollector) -> Node? {
        if let problem = shapeProblem(text) {
            diagnostics.error("PC0004", at: SourceLocation(file: file, line: problem.line, column: problem.column), problem.message)
            return nil
        }
        do {
            guard let node = try Yams.compose(yaml: text) else {
                diagnostics.error("PC0003", at: SourceLocation(file: file, line: 1, column: 1), "file has no YAML content")
                return nil
            }
            return node
        } catch let error as YamlError {
            report(error, file: file, diagnostics: diagnostics)
        } catch {
            diagnostics.error("PC0002", at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
        return nil
    }

    static func report(_ error: YamlError, file: String, diagnostics: DiagnosticCollector) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            if problem.hasPrefix("Maximum nesting level") {
                diagnostics.error("PC0004", at: SourceLocation(file: file, line: mark.line, column: mark.column),
                                  "nesting is more than \(maxDepth) levels deep, the limit")
                return
            }
            var message = "YAML syntax: \(problem)"
            if let context { message += " (\(context.text) at line \(context.mark.line))" }
            diagnostics.error("PC0002", at: SourceLocation(file: file, line: mark.line, column: mark.column), message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            diagnostics.error("PC0104", at: SourceLocation(file: file, line: context.mark.line, column: context.mark.column),
                              "duplicate key \(duplicates.map { "'\($0)'" }.joined(separator: ", "))")
        case .reader(let problem, _, _, _):
            diagnostics.error("PC0001", at: SourceLocation(file: file, line: 1, column: 1), "cannot read: \(problem)")
        default:
            diagnostics.error("PC0002", at: SourceLocation(file: file, line: 1, column: 1), "YAML error: \(error)")
        }
    }

    /// Why a text is too costly to build into a tree, with where (1-based), or nil.
    struct ShapeProblem: Equatable {
        var line: Int
        var column: Int
        var message: String
    }

    /// Walks libyaml's event stream once, keeping one counter per open collection: reports nesting
    /// past `maxDepth`, and aliases that would expand to more than `maxAliasNodes` nodes (each
    /// anchor's size is known when its node ends, including the aliases inside it). A syntax error
    /// stops the walk and is left to `Yams.compose`, which reports it with its position.
    static func shapeProblem(_ text: String) -> ShapeProblem? {
        #if canImport(CYaml)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return nil }
        defer { yaml_parser_delete(&parser) }
        var bytes = Array(text.utf8)
        return bytes.withUnsafeMutableBufferPointer { buffer -> ShapeProblem? in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            // Per open collection: nodes inside it so far, and its anchor.
            var open: [(nodes: Int, anchor: String?)] = []
            var anchors: [String: Int] = [:]
            var aliasNodes = 0
            var event = yaml_event_t()
            func anchorName(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            func close(_ nodes: Int, anchor: String?) {
                if let anchor { anchors[anchor] = nodes }
                if !open.isEmpty { open[open.count - 1].nodes = min(open[open.count - 1].nodes + nodes, Int.max / 4) }
            }
            while yaml_parser_parse(&parser, &event) == 1 {
                defer { yaml_event_delete(&event) }
                let mark = event.start_mark
                let at = (Int(mark.line) + 1, Int(mark.column) + 1)
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return nil
                case YAML_SEQUENCE_START_EVENT, YAML_MAPPING_START_EVENT:
                    if open.count >= maxDepth {
                        return ShapeProblem(line: at.0, column: at.1, message: "nesting is more than \(maxDepth) levels deep, the limit")
                    }
                    let anchor = event.type == YAML_SEQUENCE_START_EVENT
                        ? anchorName(event.data.sequence_start.anchor) : anchorName(event.data.mapping_start.anchor)
                    open.append((0, anchor))
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let top = open.popLast() { close(top.nodes + 1, anchor: top.anchor) }
                case YAML_SCALAR_EVENT:
                    close(1, anchor: anchorName(event.data.scalar.anchor))
                case YAML_ALIAS_EVENT:
                    let size = anchorName(event.data.alias.anchor).flatMap { anchors[$0] } ?? 1
                    aliasNodes = min(aliasNodes + size, Int.max / 4)
                    if aliasNodes > maxAliasNodes {
                        return ShapeProblem(line: at.0, column: at.1,
                                            message: "aliases expand to more than \(maxAliasNodes) nodes, the limit (an alias bomb?)")
                    }
                    close(size, anchor: nil)
                default:
                    break
                }
            }
            return nil
        }
        #else
        return nil
        #endif
    }

    static func firstInvalidUTF8(_ data: Data) -> Int {
        var decoder = UTF8()
        var it = data.makeIterator()
        var consumed = 0
        while true {
            switch decoder.decode(&it) {
            case .scalarValue(let s): consumed += UTF8.width(s)
            case .emptyInput: return data.count
            case .error: return consumed
            }
        }
    }

    static func lineColumn(_ data: Data, _ offset: Int) -> (Int, Int) {
        var line = 1, column = 1
        for (i, b) in data.enumerated() {
            if i >= offset { break }
            if b == 0x0A { line += 1; column = 1 } else { column += 1 }
        }
        return (line, column)
    }
}
