/// `grade --format html`: one self-contained page for instructors. No network: inline CSS, inline
/// SVG charts, no scripts, no fonts. Every chart has its data as a table (with a caption) in a
/// `<details>` next to it, for screen readers and for anyone who wants the numbers. Everything that
/// comes from a transcript or from Dialogs is escaped.
public enum HTMLReport {
    public static func render(_ results: [GradeResult], library: ConceptLibrary) -> String {
        let c = Cohort(results, library: library)
        var ids = IDs()
        var body = ""
        body += "<header><h1>peercoach report</h1>\n"
        body += "<p class=\"sub\">Practice transcripts re-scored by replaying them through the scenario engine.</p></header>\n"
        if c.total == 0 {
            body += "<section><p class=\"empty\">No transcripts were graded, so there is nothing to report yet. "
            body += "Run <code>peercoach practice --learner NAME</code> to record sessions, then grade their folder.</p></section>\n"
            return page(body)
        }
        body += tiles(c)
        body += learnersSection(c)
        body += distributionSection(c, ids: &ids)
        body += skillsSection(c, ids: &ids)
        body += flagsSection(c, ids: &ids)
        body += trendsSection(c, ids: &ids)
        body += scenariosSection(c)
        body += transcriptsSection(c)
        return page(body)
    }

    // MARK: Page

    static func page(_ body: String) -> String {
        """
        <!DOCTYPE html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>peercoach report</title>
        <style>
        \(css)</style>
        </head>
        <body>
        <main>
        \(body)</main>
        </body>
        </html>

        """
    }

    static let css = """
        :root { --ink: #1b1f24; --muted: #4a5561; --line: #d0d7de; --panel: #f6f8fa; --accent: #1f5f99;
                --track: #e6ebf0; --flag: #a4262c; --flag-bg: #fbeeee; --mark: #ffe08a; }
        * { box-sizing: border-box; }
        body { margin: 0; background: #fff; color: var(--ink);
               font: 15px/1.5 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
        main { max-width: 1080px; margin: 0 auto; padding: 24px 32px 48px; }
        h1 { font-size: 1.7rem; margin: 0 0 2px; }
        h2 { font-size: 1.25rem; margin: 0 0 4px; padding-bottom: 4px; border-bottom: 1px solid var(--line); break-after: avoid; }
        h3 { font-size: 1.02rem; margin: 0 0 2px; }
        section { margin-top: 36px; }
        .sub, .note { color: var(--muted); margin: 0 0 12px; }
        .empty { font-size: 1.1rem; padding: 24px; border: 1px dashed var(--line); border-radius: 8px; background: var(--panel); }
        .tiles { display: grid; grid-template-columns: repeat(auto-fit, minmax(170px, 1fr)); gap: 12px; margin-top: 20px; }
        .tile { border: 1px solid var(--line); border-radius: 8px; padding: 10px 16px; background: var(--panel); }
        .tile b { display: block; font-size: 1.7rem; line-height: 1.2; }
        .tile span { color: var(--muted); }
        table { border-collapse: collapse; width: 100%; font-variant-numeric: tabular-nums; margin: 4px 0 8px; }
        caption { text-align: left; font-weight: 600; padding: 4px 0; color: var(--muted); }
        th, td { text-align: left; padding: 5px 10px; border-bottom: 1px solid var(--line); vertical-align: top; white-space: nowrap; }
        th.wrap, td.wrap { white-space: normal; }
        thead th { border-bottom: 2px solid var(--muted); }
        .num { text-align: right; }
        td.warn { color: var(--flag); font-weight: 600; }
        td.file { font-size: 0.85em; color: var(--muted); overflow-wrap: anywhere; white-space: normal; }
        figure { margin: 12px 0 0; break-inside: avoid; }
        svg { display: block; max-width: 100%; height: auto; }
        svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 12px; fill: var(--ink); }
        svg .muted { fill: var(--muted); }
        svg .axis { stroke: var(--muted); stroke-width: 1; }
        svg .grid { stroke: var(--line); stroke-width: 1; }
        svg .bar { fill: var(--accent); }
        svg .bar.flag { fill: var(--flag); }
        svg .track { fill: var(--track); }
        svg .line { fill: none; stroke: var(--accent); stroke-width: 2; }
        svg .dot { fill: var(--accent); stroke: #fff; stroke-width: 1.5; }
        details { margin: 6px 0 0; }
        summary { cursor: pointer; color: var(--accent); }
        .examples { margin: 16px 0 0; }
        .example { margin: 8px 0; padding: 6px 12px; border-left: 4px solid var(--flag); background: var(--flag-bg); break-inside: avoid; }
        .example p { margin: 0; }
        .example footer { color: var(--muted); font-size: 0.88em; }
        mark { background: var(--mark); color: inherit; padding: 0 2px; }
        .trends { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 16px; margin-top: 12px; }
        .card { border: 1px solid var(--line); border-radius: 8px; padding: 12px 14px; break-inside: avoid; }
        .card figure { margin: 6px 0 0; }
        @media print {
          * { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
          body { font-size: 10pt; }
          main { max-width: none; padding: 0; }
          section { margin-top: 20px; }
          details { display: none; }
          .trends { grid-template-columns: repeat(2, 1fr); gap: 10px; }
          tr, .tile { break-inside: avoid; }
          h2, h3, .note { break-after: avoid; }
          .keep { break-inside: avoid; }
          .file { display: none; }
        }

        """

    // MARK: Sections

    static func tiles(_ c: Cohort) -> String {
        let items = [
            (String(c.total), c.total == 1 ? "transcript" : "transcripts"),
            (String(c.learners.count), c.learners.count == 1 ? "learner" : "learners"),
            ("\(c.meanPercent)%", "mean score"),
            ("\(c.flaggedSessions)", c.flaggedSessions == 1 ? "session with red flags" : "sessions with red flags"),
        ]
        return "<div class=\"tiles\">" + items.map { "<div class=\"tile\"><b>\($0.0)</b><span>\($0.1)</span></div>" }.joined() + "</div>\n"
    }

    static func learnersSection(_ c: Cohort) -> String {
        var s = "<section aria-labelledby=\"learners\"><h2 id=\"learners\">Learners</h2>\n"
        s += "<p class=\"note\">Mean and latest score over each learner's sessions; red flags are counted over all of them.</p>\n"
        s += table(caption: "Learners: sessions, scores and red flags",
                   header: ["Learner", "Sessions", "Mean score", "Latest score", "Red flags"], numeric: [1, 2, 3, 4], wrap: [0],
                   rows: c.learners.map { l in
                       [escape(l.name), String(l.sessions.count), "\(l.meanPercent)%", "\(l.latestPercent)%",
                        l.redFlags > 0 ? warn(l.redFlags) : "0"]
                   })
        return s + "</section>\n"
    }

    static func distributionSection(_ c: Cohort, ids: inout IDs) -> String {
        var s = "<section aria-labelledby=\"distribution\"><div class=\"keep\"><h2 id=\"distribution\">Score distribution</h2>\n"
        s += "<p class=\"note\">How many sessions fall in each 10-point band of the percentage score.</p>\n<figure>\n"
        s += histogram(c.histogram, ids: &ids)
        s += details(table(caption: "Sessions per score band", header: ["Score band", "Sessions"], numeric: [1],
                           rows: zip(Cohort.bandLabels, c.histogram).map { ["\($0)%", String($1)] }))
        return s + "</figure></div></section>\n"
    }

    static func skillsSection(_ c: Cohort, ids: inout IDs) -> String {
        var s = "<section aria-labelledby=\"skills\"><div class=\"keep\"><h2 id=\"skills\">Skills across the cohort</h2>\n"
        s += "<p class=\"note\">Share of the \(c.total) session\(c.total == 1 ? "" : "s") in which each skill was shown at least once. "
        s += "The skills at the bottom are what the cohort most needs to practise.</p>\n<figure>\n"
        s += bars(c.skills.map { k in
            (k.label, k.sessions, k.sessions == 0 ? "never shown" : "\(k.sessions) of \(c.total) · \(percentText(k.sessions, c.total))")
        }, total: c.total, flag: false, title: "Skills shown across the cohort",
                  desc: "Horizontal bars: for each skill, the share of sessions that showed it.", ids: &ids)
        s += details(table(caption: "Sessions that showed each skill", header: ["Skill", "Sessions", "Share", "Replies"],
                           numeric: [1, 2, 3],
                           rows: c.skills.map { [escape($0.label), "\($0.sessions) of \(c.total)", percentText($0.sessions, c.total), String($0.occurrences)] }))
        return s + "</figure></div></section>\n"
    }

    static func flagsSection(_ c: Cohort, ids: inout IDs) -> String {
        var s = "<section aria-labelledby=\"flags\"><div class=\"keep\"><h2 id=\"flags\">Red flags</h2>\n"
        guard c.flags.contains(where: { $0.occurrences > 0 }) else {
            return s + "<p class=\"note\">No red flags in any session.</p></div></section>\n"
        }
        s += "<p class=\"note\">Share of sessions with each red flag, and how often it was found; examples below quote the learners' replies, "
        s += "with the words that raised the flag highlighted.</p>\n<figure>\n"
        s += bars(c.flags.map { f in
            (f.label, f.sessions, f.occurrences == 0 ? "none" : "\(f.sessions) of \(c.total) · \(f.occurrences)×")
        }, total: c.total, flag: true, title: "Red flags across the cohort",
                  desc: "Horizontal bars: for each red flag, the share of sessions in which it was found.", ids: &ids)
        s += details(table(caption: "Red flags: sessions and times found", header: ["Red flag", "Sessions", "Share", "Times"],
                           numeric: [1, 2, 3],
                           rows: c.flags.map { [escape($0.label), "\($0.sessions) of \(c.total)", percentText($0.sessions, c.total), String($0.occurrences)] }))
        s += "</figure></div>\n<div class=\"examples\">\n"
        for f in c.flags where f.occurrences > 0 {
            let examples = c.flagExamples.filter { $0.flag == f.id }
            s += "<h3>\(escape(f.label))</h3>\n"
            for e in examples {
                s += "<blockquote class=\"example\"><p>“\(highlight(e.reply ?? e.evidence, e.evidence))”</p>"
                s += "<footer>\(escape(e.learner)) · \(escape(e.scenario)) · reply \(e.turn)<span class=\"file\"> · \(escape(e.source))</span></footer></blockquote>\n"
            }
            if f.occurrences > examples.count {
                s += "<p class=\"note\">… and \(f.occurrences - examples.count) more.</p>\n"
            }
        }
        return s + "</div></section>\n"
    }

    static func trendsSection(_ c: Cohort, ids: inout IDs) -> String {
        var s = "<section aria-labelledby=\"trends\"><h2 id=\"trends\">Each learner over time</h2>\n"
        s += "<p class=\"note\">Score of each session, oldest on the left.</p>\n<div class=\"trends\">\n"
        for l in c.learners {
            let n = l.sessions.count
            s += "<div class=\"card\"><h3>\(escape(l.name))</h3>"
            s += "<p class=\"note\">\(n) session\(n == 1 ? "" : "s") · mean \(l.meanPercent)% · latest \(l.latestPercent)% · "
            s += "\(l.redFlags) red flag\(l.redFlags == 1 ? "" : "s")</p>\n<figure>\n"
            s += trend(l, ids: &ids)
            s += details(table(caption: "Sessions of \(escape(l.name)), oldest first", header: ["Date", "Scenario", "Score", "Percent", "Red flags"],
                               numeric: [2, 3, 4], wrap: [1],
                               rows: l.sessions.map { r in
                                   [escape(r.date.map(Cohort.day) ?? "—"), escape(Cohort.scenarioName(r)), "\(r.score)/\(r.max)", "\(r.percent)%",
                                    r.flags.isEmpty ? "0" : warn(r.flags.count)]
                               }))
            s += "</figure></div>\n"
        }
        return s + "</div></section>\n"
    }

    static func scenariosSection(_ c: Cohort) -> String {
        var s = "<section class=\"keep\" aria-labelledby=\"scenarios\"><h2 id=\"scenarios\">Scenarios</h2>\n"
        s += table(caption: "Sessions and mean score per scenario", header: ["Scenario", "Title", "Sessions", "Mean score"], numeric: [2, 3], wrap: [1],
                   rows: c.scenarios.map { [escape($0.id), escape($0.title ?? "—"), String($0.sessions), "\($0.meanPercent)%"] })
        return s + "</section>\n"
    }

    static func transcriptsSection(_ c: Cohort) -> String {
        var s = "<section aria-labelledby=\"transcripts\"><h2 id=\"transcripts\">All transcripts</h2>\n"
        var rows: [[String]] = []
        for l in c.learners {
            for r in l.sessions {
                var notes = r.notes.map(escape).joined(separator: "; ")
                if notes.isEmpty { notes = "—" }
                rows.append([escape(l.name), escape(Cohort.scenarioName(r)), escape(Cohort.day(r.date)), "\(r.score)/\(r.max)", "\(r.percent)%",
                             r.flags.isEmpty ? "0" : warn(r.flags.count), notes, escape(r.source)])
            }
        }
        s += table(caption: "Every transcript graded, by learner and date",
                   header: ["Learner", "Scenario", "Date", "Score", "Percent", "Red flags", "Notes", "File"], numeric: [3, 4, 5],
                   wrap: [0, 6], file: 7, rows: rows)
        return s + "</section>\n"
    }

    // MARK: Tables

    /// A table of already escaped cells; `numeric` columns are right-aligned, `wrap` columns may
    /// wrap, `file` is a column of file paths (left out when printed). A cell starting with U+0002 is
    /// a warning, shown in the red-flag colour, bold (`escape` never leaves a control character, so
    /// escaped text cannot start with it).
    static func table(caption: String, header: [String], numeric: Set<Int>, wrap: Set<Int> = [], file: Int? = nil,
                      rows: [[String]]) -> String {
        var s = "<table><caption>\(caption)</caption>\n<thead><tr>"
        for (i, h) in header.enumerated() {
            let cls = (numeric.contains(i) ? ["num"] : []) + (wrap.contains(i) ? ["wrap"] : []) + (file == i ? ["file"] : [])
            s += "<th scope=\"col\"\(cls.isEmpty ? "" : " class=\"\(cls.joined(separator: " "))\"")>\(h)</th>"
        }
        s += "</tr></thead>\n<tbody>\n"
        for row in rows {
            s += "<tr>"
            for (i, cell) in row.enumerated() {
                var classes: [String] = []
                var text = cell
                if numeric.contains(i) { classes.append("num") }
                if wrap.contains(i) { classes.append("wrap") }
                if file == i { classes.append("file") }
                if text.hasPrefix("\u{2}") { classes.append("warn"); text.removeFirst() }
                let cls = classes.isEmpty ? "" : " class=\"\(classes.joined(separator: " "))\""
                s += i == 0 ? "<th scope=\"row\"\(cls)>\(text)</th>" : "<td\(cls)>\(text)</td>"
            }
            s += "</tr>\n"
        }
        return s + "</tbody></table>\n"
    }

    static func warn(_ n: Int) -> String { "\u{2}\(n)" }

    static func details(_ table: String) -> String {
        "<details><summary>Show the data as a table</summary>\n\(table)</details>\n"
    }

    // MARK: Charts

    /// Column chart of sessions per score band.
    static func histogram(_ bins: [Int], ids: inout IDs) -> String {
        let w = 720.0, h = 270.0, left = 52.0, right = 12.0, top = 24.0, bottom = 52.0
        let plotW = w - left - right, plotH = h - top - bottom
        let (step, ceiling) = niceScale(bins.max() ?? 0)
        let total = bins.reduce(0, +)
        var s = svgOpen(width: w, height: h, title: "Score distribution",
                        desc: "Column chart: sessions in each 10-point score band, \(total) session\(total == 1 ? "" : "s") in all.", ids: &ids)
        var tick = 0
        while tick <= ceiling {
            let y = top + plotH - Double(tick) / Double(ceiling) * plotH
            s += "<line class=\"grid\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(w - right))\" y2=\"\(f(y))\"/>"
            s += "<text class=\"muted\" x=\"\(f(left - 8))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(tick)</text>\n"
            tick += step
        }
        let band = plotW / Double(bins.count)
        for (i, n) in bins.enumerated() {
            let x = left + Double(i) * band
            let barH = Double(n) / Double(ceiling) * plotH
            if n > 0 {
                s += "<rect class=\"bar\" x=\"\(f(x + 5))\" y=\"\(f(top + plotH - barH))\" width=\"\(f(band - 10))\" height=\"\(f(barH))\">"
                s += "<title>\(Cohort.bandLabels[i])%: \(n) session\(n == 1 ? "" : "s")</title></rect>"
                s += "<text x=\"\(f(x + band / 2))\" y=\"\(f(top + plotH - barH - 6))\" text-anchor=\"middle\">\(n)</text>\n"
            }
            s += "<text class=\"muted\" x=\"\(f(x + band / 2))\" y=\"\(f(top + plotH + 18))\" text-anchor=\"middle\">\(Cohort.bandLabels[i])</text>\n"
        }
        s += "<line class=\"axis\" x1=\"\(f(left))\" y1=\"\(f(top + plotH))\" x2=\"\(f(w - right))\" y2=\"\(f(top + plotH))\"/>"
        s += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">Score (%)</text>"
        s += "<text x=\"14\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\" transform=\"rotate(-90 14 \(f(top + plotH / 2)))\">Sessions</text>\n"
        return s + "</svg>\n"
    }

    /// Horizontal bars, one per row, each the share `count / total`, with a value label.
    static func bars(_ rows: [(label: String, count: Int, value: String)], total: Int, flag: Bool,
                     title: String, desc: String, ids: inout IDs) -> String {
        let w = 720.0, labelW = 230.0, valueW = 140.0, rowH = 28.0, top = 8.0, axisH = 26.0
        let barW = w - labelW - valueW
        let h = top + Double(rows.count) * rowH + axisH
        var s = svgOpen(width: w, height: h, title: title, desc: desc, ids: &ids)
        for pct in stride(from: 0, through: 100, by: 25) {
            let x = labelW + Double(pct) / 100 * barW
            s += "<line class=\"grid\" x1=\"\(f(x))\" y1=\"\(f(top))\" x2=\"\(f(x))\" y2=\"\(f(top + Double(rows.count) * rowH))\"/>"
            s += "<text class=\"muted\" x=\"\(f(x))\" y=\"\(f(h - 8))\" text-anchor=\"middle\">\(pct)%</text>\n"
        }
        for (i, row) in rows.enumerated() {
            let y = top + Double(i) * rowH
            let share = total > 0 ? Double(row.count) / Double(total) : 0
            s += "<text x=\"\(f(labelW - 10))\" y=\"\(f(y + rowH / 2 + 4))\" text-anchor=\"end\">\(escape(clip(row.label, 34)))</text>"
            s += "<rect class=\"track\" x=\"\(f(labelW))\" y=\"\(f(y + 6))\" width=\"\(f(barW))\" height=\"\(f(rowH - 12))\"/>"
            if row.count > 0 {
                s += "<rect class=\"bar\(flag ? " flag" : "")\" x=\"\(f(labelW))\" y=\"\(f(y + 6))\" width=\"\(f(max(2, share * barW)))\" height=\"\(f(rowH - 12))\">"
                s += "<title>\(escape(row.label)): \(escape(row.value))</title></rect>"
            }
            s += "<text class=\"muted\" x=\"\(f(labelW + barW + 10))\" y=\"\(f(y + rowH / 2 + 4))\">\(escape(row.value))</text>\n"
        }
        return s + "</svg>\n"
    }

    /// A learner's score per session, oldest first, as dots joined by a line on a 0–100% scale.
    static func trend(_ l: Cohort.Learner, ids: inout IDs) -> String {
        let w = 460.0, h = 190.0, left = 44.0, right = 16.0, top = 18.0, bottom = 34.0, inset = 14.0
        let plotW = w - left - right, plotH = h - top - bottom
        let n = l.sessions.count
        var s = svgOpen(width: w, height: h, title: "Scores of \(l.name) over time",
                        desc: "Line chart: percentage score of each of \(n) session\(n == 1 ? "" : "s"), oldest first.", ids: &ids)
        for pct in stride(from: 0, through: 100, by: 25) {
            let y = top + plotH - Double(pct) / 100 * plotH
            s += "<line class=\"\(pct == 0 ? "axis" : "grid")\" x1=\"\(f(left))\" y1=\"\(f(y))\" x2=\"\(f(w - right))\" y2=\"\(f(y))\"/>"
            if pct % 50 == 0 { s += "<text class=\"muted\" x=\"\(f(left - 6))\" y=\"\(f(y + 4))\" text-anchor=\"end\">\(pct)%</text>" }
            s += "\n"
        }
        func x(_ i: Int) -> Double { n == 1 ? left + plotW / 2 : left + inset + Double(i) * (plotW - 2 * inset) / Double(n - 1) }
        func y(_ p: Int) -> Double { top + plotH - Double(min(100, max(0, p))) / 100 * plotH }
        if n > 1 {
            let points = l.sessions.enumerated().map { "\(f(x($0.offset))),\(f(y($0.element.percent)))" }.joined(separator: " ")
            s += "<polyline class=\"line\" points=\"\(points)\"/>\n"
        }
        // Label at most about six dates, counting back from the latest, so they never run into each other.
        let every = max(1, Int((Double(n) / 6).rounded(.up)))
        let showValues = n <= 8
        for (i, r) in l.sessions.enumerated() {
            s += "<circle class=\"dot\" cx=\"\(f(x(i)))\" cy=\"\(f(y(r.percent)))\" r=\"4.5\">"
            s += "<title>\(escape(Cohort.day(r.date).isEmpty ? "undated" : Cohort.day(r.date))) · \(escape(Cohort.scenarioName(r))) · \(r.percent)%</title></circle>"
            if showValues {
                let above = r.percent < 88
                s += "<text x=\"\(f(x(i)))\" y=\"\(f(y(r.percent) + (above ? -9 : 17)))\" text-anchor=\"middle\">\(r.percent)%</text>"
            }
            if (n - 1 - i) % every == 0 {
                s += "<text class=\"muted\" x=\"\(f(x(i)))\" y=\"\(f(h - 12))\" text-anchor=\"middle\">\(escape(shortDate(r.date, index: i)))</text>"
            }
            s += "\n"
        }
        return s + "</svg>\n"
    }

    static func svgOpen(width: Double, height: Double, title: String, desc: String, ids: inout IDs) -> String {
        let t = ids.next("t"), d = ids.next("d")
        return "<svg viewBox=\"0 0 \(f(width)) \(f(height))\" width=\"\(f(width))\" height=\"\(f(height))\" role=\"img\" aria-labelledby=\"\(t) \(d)\">"
            + "<title id=\"\(t)\">\(escape(title))</title><desc id=\"\(d)\">\(escape(desc))</desc>\n"
    }

    /// A step and a top for a count axis: at most about five gridlines, whole numbers.
    static func niceScale(_ maximum: Int) -> (step: Int, ceiling: Int) {
        let m = max(1, maximum)
        let raw = Double(m) / 5
        var step = 1
        for candidate in [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000] where Double(candidate) >= raw { step = candidate; break }
        if Double(step) < raw { step = Int(raw.rounded(.up)) }
        let ceiling = ((m + step - 1) / step) * step
        return (step, ceiling)
    }

    /// "2026-11-22T17:50:03Z" -> "22 Nov"; undated sessions are numbered.
    static func shortDate(_ date: String?, index: Int) -> String {
        let parts = Cohort.day(date).split(separator: "-")
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        guard parts.count == 3, let m = Int(parts[1]), (1...12).contains(m), let d = Int(parts[2]) else { return "#\(index + 1)" }
        return "\(d) \(months[m - 1])"
    }

    static func percentText(_ n: Int, _ total: Int) -> String {
        total > 0 ? "\(Int((Double(n) * 100 / Double(total)).rounded()))%" : "0%"
    }

    static func clip(_ s: String, _ limit: Int) -> String { s.count <= limit ? s : String(s.prefix(limit - 1)) + "…" }

    /// A coordinate with at most one decimal.
    static func f(_ d: Double) -> String {
        let r = (d * 10).rounded() / 10
        return r == r.rounded() ? String(Int(r)) : String(r)
    }

    /// Escapes `reply` and wraps the first occurrence of `evidence` (case-insensitively) in `<mark>`.
    static func highlight(_ reply: String, _ evidence: String) -> String {
        let r = Array(reply), e = Array(evidence)
        guard !e.isEmpty, e.count <= r.count else { return escape(reply) }
        let rl = r.map { $0.lowercased() }, el = e.map { $0.lowercased() }
        for start in 0...(r.count - e.count) where rl[start] == el[0] {
            if Array(rl[start..<start + e.count]) == el {
                return escape(String(r[..<start])) + "<mark>" + escape(String(r[start..<start + e.count])) + "</mark>"
                    + escape(String(r[(start + e.count)...]))
            }
        }
        return escape(reply)
    }

    /// Unique element ids within one page.
    struct IDs {
        private var n = 0
        mutating func next(_ prefix: String) -> String { n += 1; return "c\(n)\(prefix)" }
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
                // Control and direction-override characters: shown escaped, as in transcripts.
                if ch != "\n" && ch != "\t" && TranscriptFormat.isUnsafeForTerminal(ch) { out += "\\u{\(String(ch.value, radix: 16))}" }
                else { out.unicodeScalars.append(ch) }
            }
        }
        return out
    }
}
