import PeerCoachKit

/// Neutralises terminal control characters in text from Dialogs files or replies, so nothing
/// reaches the terminal raw: ESC becomes `\e`, other C0/C1 controls `\u{..}`. Tabs become spaces.
enum Sanitizer {
    static func clean(_ s: String) -> String {
        guard s.unicodeScalars.contains(where: isControl) else { return s }
        var out = ""
        for u in s.unicodeScalars {
            if u == "\t" { out += " " }
            else if u.value == 0x1B { out += "\\e" }
            else if isControl(u) { out += "\\u{\(String(u.value, radix: 16))}" }
            else { out.unicodeScalars.append(u) }
        }
        return out
    }

    /// Like `clean`, but keeps line breaks (for multi-line text).
    static func cleanKeepingLines(_ s: String) -> String {
        s.split(separator: "\n", omittingEmptySubsequences: false).map { clean(String($0)) }.joined(separator: "\n")
    }

    private static func isControl(_ u: Unicode.Scalar) -> Bool { TranscriptFormat.isUnsafeForTerminal(u) }
}
