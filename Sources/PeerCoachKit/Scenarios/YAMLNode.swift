/// One node of a YAML document, with where it starts (1-based line and column).
///
/// Scalars keep their text as written, with no type resolution: the loaders decide what a scalar
/// means (`NodeReader.int` reads a whole number, `NodeReader.string` refuses a plain `~`, `null`
/// or empty value). An alias is the node its anchor names, position included.
public struct YAMLNode: Sendable {
    public enum Content: Sendable {
        /// Text; `plain` is false for quoted, literal (`|`) and folded (`>`) scalars.
        case scalar(String, plain: Bool)
        /// Key/value pairs in file order.
        case mapping([(key: YAMLNode, value: YAMLNode)])
        case sequence([YAMLNode])
    }

    public var content: Content
    public var line: Int
    public var column: Int

    public init(_ content: Content, line: Int, column: Int) {
        self.content = content
        self.line = line
        self.column = column
    }

    /// The text of a scalar, nil for a mapping or a list.
    public var scalar: String? {
        if case .scalar(let text, _) = content { return text }
        return nil
    }
}
