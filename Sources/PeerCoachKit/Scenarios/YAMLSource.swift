import Foundation

/// Reads a YAML file into a node tree, turning every way it can fail into a diagnostic.
///
/// Limits keep hostile files cheap, in time, memory and stack:
/// - at most `maxBytes` bytes are ever read (a 5 GB file or `/dev/zero` costs no more than a small one);
/// - at most `maxDepth` levels of nesting;
/// - aliases may stand for at most `maxAliasNodes` nodes in all (a "billion laughs" file is refused).
/// Depth and aliases are measured in the same pass over libyaml's events that builds the tree
/// (`YAMLComposer`), which uses constant stack; aliases share their anchor's node, not a copy.
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
        if data.withUnsafeBytes({ $0.contains(0) }) {
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

    /// Parses `text` to its root node, or reports why it cannot: a syntax error where it is
    /// (PC0002), a duplicate key (PC0104), a text too deep or an alias bomb (PC0004).
    /// One pass over libyaml's events does it all (`YAMLComposer`).
    public static func compose(_ text: String, file: String, diagnostics: DiagnosticCollector) -> YAMLNode? {
        var text = text
        let result = text.withUTF8 { YAMLComposer.compose($0, maxDepth: maxDepth, maxAliasNodes: maxAliasNodes) }
        switch result {
        case .success(let root?):
            return root
        case .success(nil):
            diagnostics.error("PC0003", at: SourceLocation(file: file, line: 1, column: 1), "file has no YAML content")
        case .failure(let problem):
            diagnostics.error(problem.code, at: SourceLocation(file: file, line: problem.line, column: problem.column), problem.message)
        }
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
