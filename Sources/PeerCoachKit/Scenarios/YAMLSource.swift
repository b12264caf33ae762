import Foundation
import Yams

/// Reads a YAML file into a node tree, turning every way it can fail into a diagnostic.
///
/// Limits keep hostile files cheap: at most `maxBytes` bytes and `maxDepth` levels of nesting
/// (checked before parsing, so a deeply nested file cannot exhaust the stack). Alias bombs cost
/// nothing: aliases share the anchored node and loaders only read the shapes they expect.
public enum YAMLSource {
    public static let maxBytes = 4 * 1024 * 1024
    public static let maxDepth = 100

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
        guard let data = FileManager.default.contents(atPath: path) else {
            diagnostics.error("PC0001", at: here, "cannot be read (permission denied?)")
            return nil
        }
        if data.count > maxBytes {
            diagnostics.error("PC0004", at: here, "file is \(data.count) bytes; the limit is \(maxBytes)")
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
        if let (line, depth) = excessiveNesting(text) {
            diagnostics.error("PC0004", at: SourceLocation(file: file, line: line, column: 1),
                              "nesting is \(depth) levels deep; the limit is \(maxDepth)")
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

    /// A cheap over-estimate of nesting: flow brackets plus block indentation and `- ` runs.
    /// Returns the first line (1-based) and depth past `maxDepth`, or nil.
    static func excessiveNesting(_ text: String) -> (Int, Int)? {
        var flow = 0
        var line = 1
        var atLineStart = true
        var indent = 0
        var dashes = 0
        var inQuote: UInt8? = nil
        var inComment = false
        for b in text.utf8 {
            if b == 0x0A {
                line += 1; atLineStart = true; indent = 0; dashes = 0; inComment = false
                continue
            }
            if inComment { continue }
            if atLineStart {
                if b == 0x20 { indent += 1; continue }
                if b == UInt8(ascii: "-") || b == UInt8(ascii: "?") { dashes += 1; indent += 1; continue }
                atLineStart = false
                if indent / 2 + dashes > maxDepth * 2 { return (line, indent / 2 + dashes) }
            }
            if let q = inQuote { if b == q { inQuote = nil }; continue }
            switch b {
            case UInt8(ascii: "\""), UInt8(ascii: "'"): inQuote = b
            case UInt8(ascii: "#"): inComment = true
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                flow += 1
                if flow > maxDepth { return (line, flow) }
            case UInt8(ascii: "]"), UInt8(ascii: "}"): flow = max(0, flow - 1)
            default: break
            }
        }
        if atLineStart, indent / 2 + dashes > maxDepth * 2 { return (line, indent / 2 + dashes) }
        return nil
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
