/// `grade --format csv`: one row per transcript for a spreadsheet or LMS gradebook (RFC 4180:
/// comma-separated, fields with commas, quotes or line breaks quoted, CRLF line ends; UTF-8 without
/// a byte-order mark).
public enum GradeCSV {
    /// The header row's fixed columns; a `skill_<id>` column per strength follows (replies that
    /// showed it), then a `flag_<id>` column per red flag (times it was found).
    public static let fixedColumns = ["learner", "scenario", "date", "score", "max", "percent", "complete", "outcome", "red_flags", "file"]

    public static func header(library: ConceptLibrary) -> [String] {
        fixedColumns + library.concepts.filter { !$0.isRedFlag }.map { "skill_" + $0.id }
            + library.concepts.filter(\.isRedFlag).map { "flag_" + $0.id }
    }

    public static func render(_ results: [GradeResult], library: ConceptLibrary) -> String {
        let strengths = library.concepts.filter { !$0.isRedFlag }.map(\.id)
        let redFlags = library.concepts.filter(\.isRedFlag).map(\.id)
        var rows = [header(library: library)]
        for r in results {
            var row = [r.learner ?? "", r.scenario ?? "", r.date ?? "", String(r.score), String(r.max), String(r.percent),
                       r.complete ? "yes" : "no", r.outcome ?? "", String(r.flags.count), r.source]
            row += strengths.map { String(r.skills[$0] ?? 0) }
            row += redFlags.map { id in String(r.flags.filter { $0.id == id }.count) }
            rows.append(row)
        }
        return rows.map { $0.map(field).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }

    /// Quotes a field when it needs it. A field that a spreadsheet would read as a formula (leading
    /// `=`, `+`, `-`, `@`, tab or carriage return, and not a plain number) is prefixed with `'`, so
    /// a spreadsheet never runs a learner's text.
    static func field(_ s: String) -> String {
        var s = s
        if let first = s.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(first), Int(s) == nil { s = "'" + s }
        guard s.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return s }
        return "\"" + s.replacingAll("\"", with: "\"\"") + "\""
    }
}
