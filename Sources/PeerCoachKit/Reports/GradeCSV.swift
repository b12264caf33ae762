/// `grade --format csv`: one row per transcript for a spreadsheet or LMS gradebook (RFC 4180:
/// comma-separated, fields with commas, quotes or line breaks quoted, CRLF line ends).
public enum GradeCSV {
    /// The header row's fixed columns; a column per strength follows, then one per red flag.
    public static let fixedColumns = ["learner", "scenario", "date", "score", "max", "percent", "complete", "outcome", "red_flags", "file"]

    public static func render(_ results: [GradeResult], library: ConceptLibrary) -> String {
        let strengths = library.concepts.filter { !$0.isRedFlag }.map(\.id)
        var rows = [fixedColumns + strengths.map { "skill_" + $0 }]
        for r in results {
            var row = [r.learner ?? "", r.scenario ?? "", r.date ?? "", String(r.score), String(r.max), String(r.percent),
                       r.complete ? "yes" : "no", r.outcome ?? "", String(r.flags.count), r.source]
            row += strengths.map { String(r.skills[$0] ?? 0) }
            rows.append(row)
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it needs it; a leading `=`, `+`, `-` or `@` is prefixed with `'` so a
    /// spreadsheet never runs a learner's text as a formula.
    static func field(_ s: String) -> String {
        var s = s
        if s.count > 1, let first = s.first, "=+-@".contains(first), Int(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
