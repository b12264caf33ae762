/// `grade --format html`: a self-contained report for instructors.
public enum HTMLReport {
    public static func render(_ results: [GradeResult], library: ConceptLibrary) -> String {
        var rows = ""
        for r in results {
            rows += "<tr><td>\(escape(r.learner ?? "—"))</td><td>\(escape(r.scenario ?? "default rubric"))</td><td>\(r.score)/\(r.max)</td><td>\(r.percent)%</td><td>\(r.flags.count)</td></tr>\n"
        }
        return """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>peercoach report</title></head>
        <body><h1>peercoach report</h1>
        <table><thead><tr><th>Learner</th><th>Scenario</th><th>Score</th><th>Percent</th><th>Red flags</th></tr></thead>
        <tbody>
        \(rows)</tbody></table>
        </body></html>

        """
    }

    /// Escapes text for HTML element content and attribute values.
    public static func escape(_ s: String) -> String {
        var out = ""
        for ch in s.unicodeScalars {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if ch.value < 0x20 && ch != "\n" && ch != "\t" { out += "\\u{\(String(ch.value, radix: 16))}" }
                else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
