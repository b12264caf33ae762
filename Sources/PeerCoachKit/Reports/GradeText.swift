/// `grade --format text`: a readable report per transcript, then a cohort summary.
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
        if results.count > 1 {
            let mean = results.reduce(0) { $0 + $1.percent } / results.count
            let flagged = results.filter { !$0.flags.isEmpty }.count
            out += "\(results.count) transcripts · mean \(mean)% · \(flagged) with red flags\n"
        }
        return out
    }
}
