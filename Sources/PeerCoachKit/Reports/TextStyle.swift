/// ANSI styling for terminal text that switches itself off when colour is not wanted (not a
/// terminal, or `NO_COLOR`): the front ends and `ProgressText` share it.
public struct TextStyle: Sendable {
    public let colour: Bool

    public init(colour: Bool) { self.colour = colour }

    public func bold(_ s: String) -> String { wrap(s, "1") }
    public func dim(_ s: String) -> String { wrap(s, "2") }
    public func red(_ s: String) -> String { wrap(s, "31") }
    public func green(_ s: String) -> String { wrap(s, "32") }
    public func yellow(_ s: String) -> String { wrap(s, "33") }
    public func cyan(_ s: String) -> String { wrap(s, "36") }

    /// Empty text stays empty, so padding and alignment are not disturbed.
    private func wrap(_ s: String, _ code: String) -> String {
        colour && !s.isEmpty ? "\u{1B}[\(code)m\(s)\u{1B}[0m" : s
    }
}
