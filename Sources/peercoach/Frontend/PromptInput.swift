import CReadline
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Reads lines: with readline on a terminal (editing, no history file), from the byte-safe
/// `LineReader` otherwise.
final class PromptInput {
    private let interactive: Bool
    private var reader = LineReader()

    init(interactive: Bool) { self.interactive = interactive }

    func next(prompt: String) -> String? {
        if interactive {
            StandardOutput.shared.flush()
            guard let raw = readline(prompt) else { return nil }
            defer { free(raw) }
            return String(cString: raw)
        }
        while let line = reader.next() {
            if case .text(let t) = line { return t }
        }
        return nil
    }
}
