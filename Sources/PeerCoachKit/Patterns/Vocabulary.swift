/// Interns the words that patterns mention, so matching compares integers, not strings.
///
/// Words a reply uses that no pattern mentions map to `Vocabulary.unknown`: the table only grows
/// while a library is compiled, never while replies are tagged.
public struct Vocabulary: Sendable {
    public static let unknown: Int32 = -1
    private(set) var ids: [String: Int32] = [:]

    public init() {}

    /// The id of `word`, adding it if new.
    mutating func intern(_ word: String) -> Int32 {
        if let id = ids[word] { return id }
        let id = Int32(ids.count)
        ids[word] = id
        return id
    }

    /// The id of `word`, or `unknown`.
    public func id(_ word: String) -> Int32 { ids[word] ?? Vocabulary.unknown }

    public var count: Int { ids.count }
}
