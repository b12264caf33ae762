/// A practice transcript: a header, then the conversation, one utterance per line.
///
/// ```
/// # peercoach transcript v1
/// # scenario: first-meeting
/// # scenario-hash: 5f0c2a9e1b7d3c44
/// # mode: coach
/// # learner: Sam Ortiz
/// # started: 2026-11-22T17:50:03Z
///
/// Peer [opening]: Hi. My therapist said I should come see you.
/// You: Thanks for coming. What made you say yes?
/// Score [turn 1]: 1/5 | open-question "What made you say yes"
/// End: 7/12 (58%) | outcome: success
/// ```
/// A typed-up role-play without a header (`Peer:` / `You:` lines) is a transcript too; `grade`
/// scores it with the concept library's default rubric.
public struct Transcript: Sendable, Equatable {
    /// Header fields (`# key: value`), in order.
    public var header: [(key: String, value: String)]
    public var lines: [Line]

    public enum Line: Sendable, Equatable {
        case peer(state: String?, text: String)
        case reply(String)
        /// A score line as recorded live: turn and points.
        case score(turn: Int, points: Int, max: Int)
        case end(score: Int, max: Int)
    }

    public init(header: [(key: String, value: String)] = [], lines: [Line] = []) {
        self.header = header
        self.lines = lines
    }

    public static func == (a: Transcript, b: Transcript) -> Bool {
        a.header.map(\.key) == b.header.map(\.key) && a.header.map(\.value) == b.header.map(\.value) && a.lines == b.lines
    }

    public func value(_ key: String) -> String? { header.first { $0.key == key }?.value }
    public var scenarioID: String? { value("scenario") }
    public var scenarioHash: String? { value("scenario-hash") }
    public var learner: String? { value("learner") }
    public var started: String? { value("started") }
    public var mode: Mode { value("mode").flatMap(Mode.init(rawValue:)) ?? .coach }
    public var replies: [String] { lines.compactMap { if case .reply(let r) = $0 { return r }; return nil } }
    /// The live score of each turn, by turn number.
    public var recordedScores: [Int: Int] {
        var out: [Int: Int] = [:]
        for case .score(let turn, let points, _) in lines { out[turn] = points }
        return out
    }
    /// True when the live session reached its end line.
    public var isComplete: Bool { lines.contains { if case .end = $0 { return true }; return false } }
}

/// Formats transcript lines. Text is kept on one line: line breaks and control characters in a
/// reply or a peer line are escaped, so a transcript can never be forged by what a learner types.
public enum TranscriptFormat {
    public static let magic = "# peercoach transcript v1"

    public static func header(_ fields: [(String, String)]) -> String {
        ([magic] + fields.map { "# \($0.0): \(oneLine($0.1))" }).joined(separator: "\n") + "\n\n"
    }

    public static func line(for event: Event) -> String? {
        switch event {
        case .peer(let state, let text): return "Peer [\(state)]: \(oneLine(text))\n"
        case .score(let t):
            var s = "Score [turn \(t.turn)]: \(t.points)/\(t.max)"
            if !t.concepts.isEmpty {
                s += " | " + t.concepts.map { "\($0.id) \"\(oneLine($0.evidence))\"" }.joined(separator: "; ")
            }
            return s + "\n"
        case .end(let summary):
            var s = "End: \(summary.score)/\(summary.max) (\(summary.percent)%)"
            if let o = summary.outcome { s += " | outcome: \(oneLine(o))" }
            return s + "\n"
        default: return nil
        }
    }

    public static func reply(_ text: String) -> String { "You: \(oneLine(text))\n" }

    /// Escapes what would break the one-line-per-utterance layout or reach a terminal raw.
    public static func oneLine(_ s: String) -> String {
        var out = ""
        for u in s.unicodeScalars {
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += " "
            case "\\": out += "\\\\"
            default:
                if isUnsafeForTerminal(u) {
                    out += "\\u{\(String(u.value, radix: 16))}"
                } else { out.unicodeScalars.append(u) }
            }
        }
        return out
    }

    /// Characters that must not reach a terminal or a one-line record raw: C0 and C1 controls
    /// (ESC starts colour, cursor and OSC sequences; CR and backspace overwrite what was shown),
    /// DEL, the Unicode line and paragraph separators, and the bidirectional overrides and
    /// isolates (U+202A-U+202E, U+2066-U+2069) that make text display in a different order.
    public static func isUnsafeForTerminal(_ u: Unicode.Scalar) -> Bool {
        let v = u.value
        return v < 0x20 || v == 0x7F || (v >= 0x80 && v < 0xA0) || v == 0x2028 || v == 0x2029
            || (v >= 0x202A && v <= 0x202E) || (v >= 0x2066 && v <= 0x2069)
    }

    /// Reverses `oneLine`'s escapes.
    public static func unescape(_ s: String) -> String {
        guard s.contains("\\") else { return s }
        var out = ""
        var it = s.unicodeScalars.makeIterator()
        while let u = it.next() {
            guard u == "\\" else { out.unicodeScalars.append(u); continue }
            guard let n = it.next() else { out += "\\"; break }
            switch n {
            case "n": out += "\n"
            case "r": out += "\r"
            case "\\": out += "\\"
            case "u":
                var hex = ""
                var closed = false
                if let b = it.next(), b == "{" {
                    while let h = it.next() { if h == "}" { closed = true; break }; hex.unicodeScalars.append(h); if hex.count > 6 { break } }
                }
                if closed, let v = UInt32(hex, radix: 16), let scalar = Unicode.Scalar(v) { out.unicodeScalars.append(scalar) }
                else { out += "\\u{" + hex }
            default: out += "\\"; out.unicodeScalars.append(n)
            }
        }
        return out
    }
}
