import PeerCoachKit

/// Renders session events as text for people: the REPL and plain line mode.
struct TextRenderer {
    let style: TextStyle
    /// Wrap width in columns (0: no wrapping).
    let width: Int
    let peerName: String
    let library: ConceptLibrary

    func render(_ event: Event) -> String {
        switch event {
        case .start(_, let title, let mode):
            let modeText = mode == .exam ? "exam mode: feedback at the end" : "coach mode: feedback after each reply"
            return style.bold("== \(clean(title)) ==") + style.dim("  (\(modeText); /help for commands)") + "\n"
        case .peer(_, let text):
            return wrap(style.bold(style.cyan(clean(peerName) + ":")) + " " + clean(text), indent: "  ") + "\n"
        case .score(let t):
            return renderScore(t)
        case .hint(let text):
            return wrap(style.yellow("Hint:") + " " + clean(text), indent: "  ") + "\n"
        case .model(let text):
            return wrap(style.yellow("One way to say it:") + " " + clean(text), indent: "  ") + "\n"
        case .progress(let score, let max, let percent, let turns):
            return "Score so far: \(score)/\(max) (\(percent)%) after \(turns) repl\(turns == 1 ? "y" : "ies")\n"
        case .end(let s):
            return renderEnd(s)
        case .error(let message):
            return style.red("! ") + clean(message) + "\n"
        }
    }

    func renderScore(_ t: TurnScore) -> String {
        var out = style.dim("  [reply \(t.turn)] ") + style.bold("\(t.points >= 0 ? "+" : "")\(t.points) of \(t.max)") + "\n"
        for item in t.feedback {
            let mark: String
            switch item.kind {
            case .flag: mark = style.red("  ✗ ")
            case .earned: mark = style.green("  ✓ ")
            case .noted: mark = style.dim("  · ")
            case .missed: mark = style.yellow("  ○ ")
            }
            out += wrap(mark + clean(item.text), indent: "    ") + "\n"
        }
        return out
    }

    func renderEnd(_ s: SessionSummary) -> String {
        var out = "\n" + style.bold("== Session over: \(s.score)/\(s.max) (\(s.percent)%)")
        if let o = s.outcome { out += style.bold(" · outcome: \(clean(o))") }
        out += style.bold(" ==") + "\n"
        if let summary = s.outcomeSummary { out += wrap(clean(summary), indent: "") + "\n" }
        if !s.skills.isEmpty {
            out += "Skills shown:\n"
            let labelled = s.skills.map { (library.concept($0.key)?.label ?? $0.key, $0.value) }.sorted { ($1.1, $0.0) < ($0.1, $1.0) }
            let pad = labelled.map(\.0.count).max() ?? 0
            for (label, count) in labelled {
                let bar = String(repeating: "█", count: min(count, 30))
                out += "  " + label + String(repeating: " ", count: pad - label.count) + "  " + style.green(bar) + " \(count)\n"
            }
        }
        if s.flags.isEmpty {
            out += style.green("No red flags.") + "\n"
        } else {
            out += style.red("Red flags:") + "\n"
            for f in s.flags {
                let label = library.concept(f.id)?.label ?? f.id
                out += wrap("  reply \(f.turn): \(label): \"\(clean(f.evidence))\"", indent: "    ") + "\n"
            }
        }
        if let path = s.transcript { out += style.dim("Transcript saved to \(clean(path))") + "\n" }
        return out
    }

    private func wrap(_ s: String, indent: String) -> String {
        width > 0 ? wrapStyled(s, indent: indent) : s
    }

    /// Wrapping text with escape codes: measure without them. Keeps one column spare so a full
    /// line never triggers the terminal's own wrap.
    private func wrapStyled(_ s: String, indent: String) -> String {
        var lines: [String] = []
        var line = "", visible = 0
        for (i, word) in s.split(separator: " ", omittingEmptySubsequences: false).enumerated() {
            let w = visibleLength(String(word))
            let limit = width - 1 - (lines.isEmpty ? 0 : indent.count)
            if i > 0 && visible > 0 && visible + 1 + w > limit && w > 0 {
                lines.append(line); line = String(word); visible = w
            } else {
                line += (i == 0 || (line.isEmpty && !lines.isEmpty) ? "" : " ") + word
                visible += (i == 0 || (visible == 0 && !lines.isEmpty) ? 0 : 1) + w
            }
        }
        lines.append(line)
        return lines.enumerated().map { $0.offset == 0 ? $0.element : indent + $0.element }.joined(separator: "\n")
    }

    private func visibleLength(_ s: String) -> Int {
        var n = 0, inEscape = false
        for ch in s.unicodeScalars {
            if inEscape { if ch == "m" { inEscape = false }; continue }
            if ch == "\u{1B}" { inEscape = true; continue }
            n += 1
        }
        return n
    }

    private func clean(_ s: String) -> String { Sanitizer.clean(s) }
}
