/// `grade --format text`: a readable report per transcript, then a cohort section grouping the
/// results by learner, by scenario and by skill.
public enum GradeText {
    public static func render(_ results: [GradeResult], library: ConceptLibrary) -> String {
        var out = ""
        for r in results {
            let who = r.learner.map { "\($0) · " } ?? ""
            let what = r.scenario.map { "\($0)" } ?? "default rubric"
            out += "\(r.source)\n  \(who)\(what)\(r.date.map { " · \($0)" } ?? "")\n"
            out += "  score \(r.score)/\(r.max) (\(r.percent)%) over \(r.turns.count) repl\(r.turns.count == 1 ? "y" : "ies")"
            if let o = r.outcome { out += " · outcome: \(o)" }
            out += "\n"
            if !r.skills.isEmpty {
                out += "  skills: " + r.skills.sorted { ($1.value, $0.key) < ($0.value, $1.key) }
                    .map { "\(library.concept($0.key)?.label ?? $0.key) \($0.value)" }.joined(separator: ", ") + "\n"
            }
            for f in r.flags {
                out += "  red flag, reply \(f.turn): \(library.concept(f.id)?.label ?? f.id): \"\(f.evidence)\"\n"
            }
            for n in r.notes { out += "  note: \(n)\n" }
            out += "\n"
        }
        if results.count > 1 { out += cohort(Cohort(results, library: library)) }
        return out
    }

    /// The cohort section: who is ready, and what the cohort lacks.
    public static func cohort(_ c: Cohort) -> String {
        var out = "\(c.total) transcripts · mean \(c.meanPercent)% · \(c.flaggedSessions) with red flags\n\n"

        out += "By learner\n"
        out += TextTable.render(
            header: ["", "sessions", "mean", "latest", "red flags"],
            rows: c.learners.map { [$0.name, String($0.sessions.count), "\($0.meanPercent)%", "\($0.latestPercent)%", String($0.redFlags)] },
            rightAligned: [1, 2, 3, 4])
        out += "\nBy scenario\n"
        out += TextTable.render(
            header: ["", "sessions", "mean"],
            rows: c.scenarios.map { [$0.id, String($0.sessions), "\($0.meanPercent)%"] },
            rightAligned: [1, 2])
        out += "\nBy skill (sessions that showed it, of \(c.total))\n"
        out += TextTable.render(
            header: ["", "sessions", "", ""],
            rows: c.skills.map { s in
                [s.label, "\(s.sessions)/\(c.total)", bar(s.sessions, of: c.total), s.sessions == 0 ? "never shown" : "\(percent(s.sessions, c.total))%"]
            },
            rightAligned: [1])
        let found = c.flags.filter { $0.occurrences > 0 }
        if found.isEmpty {
            out += "\nRed flags: none in any session\n"
        } else {
            out += "\nRed flags (sessions with it, of \(c.total))\n"
            out += TextTable.render(
                header: ["", "sessions", "times"],
                rows: found.map { [$0.label, "\($0.sessions)/\(c.total)", String($0.occurrences)] },
                rightAligned: [1, 2])
        }
        return out
    }

    /// A ten-cell bar: `█` for the share shown, `░` for the rest.
    static func bar(_ n: Int, of total: Int, width: Int = 10) -> String {
        let filled = total > 0 ? Int((Double(n) * Double(width) / Double(total)).rounded()) : 0
        return String(repeating: "█", count: filled) + String(repeating: "░", count: width - filled)
    }

    static func percent(_ n: Int, _ total: Int) -> Int {
        total > 0 ? Int((Double(n) * 100 / Double(total)).rounded()) : 0
    }
}

/// Plain-text columns, padded by character count, two spaces apart, rows indented by two.
enum TextTable {
    static func render(header: [String], rows: [[String]], rightAligned: Set<Int> = []) -> String {
        let all = [header] + rows
        let columns = all.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in all { for (i, cell) in row.enumerated() { widths[i] = max(widths[i], cell.count) } }
        return all.map { row in
            var line = "  "
            for (i, cell) in row.enumerated() {
                let pad = String(repeating: " ", count: widths[i] - cell.count)
                line += rightAligned.contains(i) ? pad + cell : cell + pad
                if i < row.count - 1 { line += "  " }
            }
            while line.hasSuffix(" ") { line.removeLast() }
            return line + "\n"
        }.joined()
    }
}
