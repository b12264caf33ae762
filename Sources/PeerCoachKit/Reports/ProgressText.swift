/// `peercoach progress`: each learner's skills over their sessions, oldest first, as sparklines.
///
/// ```
/// Sam Ortiz · 4 sessions, 2 Nov to 14 Nov
///   overall             ▁▃▅▃  0% 27% 50% 29%
///   Empathy             ·█▄·  2 of 4 sessions
///   ...
///   red flags           █▃··  4 in 2 sessions
///   sessions: 1 first-meeting 2026-11-02 · 2 med-doubts 2026-11-05 · ...
/// ```
/// A skill's cell is `·` when the session did not show it; otherwise its height is the number of
/// replies that showed it, on one scale shared by all the learner's skills. The overall row is the
/// session's percentage on a 0–100 scale.
public enum ProgressText {
    public static let levels: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    /// Percentages listed after the overall sparkline (the latest ones).
    public static let listedPercents = 8

    /// One block per learner, separated by a blank line.
    public static func render(_ learners: [Cohort.Learner], library: ConceptLibrary, colour: Bool = false) -> String {
        learners.map { block($0, library: library, colour: colour) }.joined(separator: "\n")
    }

    public static func block(_ learner: Cohort.Learner, library: ConceptLibrary, colour: Bool = false) -> String {
        let style = TextStyle(colour: colour)
        let sessions = learner.sessions
        let n = sessions.count
        var skillIDs = library.concepts.filter { !$0.isRedFlag }.map(\.id)
        for r in sessions { for id in r.skills.keys.sorted() where !skillIDs.contains(id) { skillIDs.append(id) } }
        let labels = skillIDs.map { library.concept($0)?.label ?? $0 }
        let width = max(labels.map(\.count).max() ?? 0, "red flags".count)
        func pad(_ s: String) -> String { s + String(repeating: " ", count: width - s.count) }

        var out = style.bold(learner.name) + style.dim(" · \(n) session\(n == 1 ? "" : "s")\(span(sessions))") + "\n"

        let percents = sessions.map(\.percent)
        var listed = percents.suffix(listedPercents).map { "\($0)%" }.joined(separator: " ")
        if percents.count > listedPercents { listed = "… " + listed }
        out += "  " + pad("overall") + "  " + style.cyan(spark(percents.map { Double(max(0, min(100, $0))) }, scale: 100, zeroDot: false))
            + "  " + listed + "\n"

        let counts = skillIDs.map { id in sessions.map { $0.skills[id] ?? 0 } }
        let top = Double(counts.joined().max() ?? 0)
        for (label, row) in zip(labels, counts) {
            let shown = row.filter { $0 > 0 }.count
            let line = spark(row.map(Double.init), scale: top, zeroDot: true)
            out += "  " + pad(label) + "  " + (shown == 0 ? style.dim(line) : style.green(line))
                + "  " + (shown == 0 ? style.dim("not shown yet") : "\(shown) of \(n) session\(n == 1 ? "" : "s")") + "\n"
        }

        let flags = sessions.map(\.flags.count)
        let flagged = flags.filter { $0 > 0 }.count
        let flagLine = spark(flags.map(Double.init), scale: Double(flags.max() ?? 0), zeroDot: true)
        out += "  " + pad("red flags") + "  " + (flagged == 0 ? style.dim(flagLine) : style.red(flagLine)) + "  "
            + (flagged == 0 ? "none" : "\(flags.reduce(0, +)) in \(flagged) session\(flagged == 1 ? "" : "s")") + "\n"

        let list = sessions.enumerated().map { i, r in
            "\(i + 1) \(Cohort.scenarioName(r))" + (r.date.map { " " + Cohort.day($0) } ?? "")
        }
        out += style.dim("  sessions: " + list.joined(separator: " · ")) + "\n"
        return out
    }

    /// One character per value: `·` for zero when `zeroDot`, else `▁`…`█` by `value / scale`.
    public static func spark(_ values: [Double], scale: Double, zeroDot: Bool) -> String {
        String(values.map { v -> Character in
            if zeroDot && v <= 0 { return "·" }
            guard scale > 0 else { return levels[0] }
            let f = max(0, min(1, v / scale))
            let i = zeroDot ? Int((f * Double(levels.count)).rounded(.up)) - 1 : Int((f * Double(levels.count - 1)).rounded())
            return levels[max(0, min(levels.count - 1, i))]
        })
    }

    /// ", 2 Nov to 14 Nov" from the first and last dated sessions.
    static func span(_ sessions: [GradeResult]) -> String {
        let days = sessions.compactMap(\.date).map(Cohort.day).filter { !$0.isEmpty }
        guard let first = days.first, let last = days.last else { return "" }
        return first == last ? ", \(first)" : ", \(first) to \(last)"
    }

}
