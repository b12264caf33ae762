/// A position in a Dialogs file (1-based line and column).
public struct SourceLocation: Sendable, Equatable, Hashable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }
}

/// A problem found in a Dialogs file, printed compiler-style:
/// `Dialogs/scenarios/x.yaml:12:5: error: [PC0203] transition goes to unknown state 'plann'`.
public struct Diagnostic: Sendable, Equatable, CustomStringConvertible {
    public enum Severity: String, Sendable { case error, warning }

    public var severity: Severity
    /// A stable code, documented in docs/AUTHORING.md.
    public var code: String
    public var location: SourceLocation
    public var message: String

    public init(_ severity: Severity, _ code: String, at location: SourceLocation, _ message: String) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
    }

    public var description: String {
        "\(location.file):\(location.line):\(location.column): \(severity.rawValue): [\(code)] \(message)"
    }
}

/// Collects diagnostics while files are loaded and checked.
public final class DiagnosticCollector {
    public private(set) var diagnostics: [Diagnostic] = []

    public init() {}

    public func add(_ d: Diagnostic) { diagnostics.append(d) }

    public func error(_ code: String, at location: SourceLocation, _ message: String) {
        add(Diagnostic(.error, code, at: location, message))
    }

    public func warning(_ code: String, at location: SourceLocation, _ message: String) {
        add(Diagnostic(.warning, code, at: location, message))
    }

    public var errorCount: Int { diagnostics.filter { $0.severity == .error }.count }
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    /// Diagnostics in file, line, column order (stable for equal positions).
    public var sorted: [Diagnostic] {
        diagnostics.enumerated().sorted {
            let a = $0.element.location, b = $1.element.location
            return (a.file, a.line, a.column, $0.offset) < (b.file, b.line, b.column, $1.offset)
        }.map(\.element)
    }
}
