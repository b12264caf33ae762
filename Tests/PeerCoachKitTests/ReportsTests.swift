import XCTest
@testable import PeerCoachKit

/// The pure renderers behind `grade` and `progress`.
final class ReportsTests: XCTestCase {
    static func library() -> ConceptLibrary {
        var problems: [PatternProblem] = []
        return ConceptLibrary(concepts: [
            Concept(id: "empathy", label: "Empathy", kind: .strength, points: 2, patterns: ["sound hard"]),
            Concept(id: "hope", label: "Hope", kind: .strength, points: 1, patterns: ["get better"]),
            Concept(id: "referral", label: "Referral", kind: .strength, points: 1, patterns: ["prescriber"]),
            Concept(id: "directive", label: "Directive", kind: .redFlag, points: -2, patterns: ["you should"]),
        ], problems: &problems)
    }

    static func result(_ learner: String?, _ scenario: String?, _ date: String?, percent: Int,
                       skills: [String: Int] = [:], flags: [FlagRecord] = [], reply: String = "hello", source: String? = nil) -> GradeResult {
        GradeResult(source: source ?? "\(learner ?? "x")-\(date ?? "none").txt", learner: learner, scenario: scenario, title: scenario.map { "Title of \($0)" },
                    date: date, mode: .coach, score: percent / 10, max: 10, percent: percent,
                    turns: [TurnScore(turn: 1, state: "s", reply: reply, points: 0, max: 4, concepts: [], flags: flags.map(\.id), feedback: [])],
                    skills: skills, flags: flags, outcome: nil, complete: true, notes: [])
    }

    static let cohort: [GradeResult] = [
        result("Sam", "a", "2026-11-09T10:00:00Z", percent: 50, skills: ["empathy": 2]),
        result("Sam", "b", "2026-11-02T10:00:00Z", percent: 10, flags: [FlagRecord(id: "directive", evidence: "You should", turn: 1)],
               reply: "<b>You should</b> stop"),
        result("ana", "a", "2026-11-05T10:00:00Z", percent: 100, skills: ["empathy": 1, "hope": 1]),
        result(nil, nil, nil, percent: 35),
    ]

    // MARK: Cohort

    func testCohortGroupsByLearnerScenarioAndSkill() {
        let c = Cohort(Self.cohort, library: Self.library())
        XCTAssertEqual(c.total, 4)
        XCTAssertEqual(c.meanPercent, 49)  // 195 / 4 = 48.75
        XCTAssertEqual(c.flaggedSessions, 1)
        XCTAssertEqual(c.learners.map(\.name), ["ana", "Sam", Cohort.unnamed])
        let sam = c.learners[1]
        XCTAssertEqual(sam.sessions.map(\.percent), [10, 50], "oldest first")
        XCTAssertEqual(sam.meanPercent, 30)
        XCTAssertEqual(sam.latestPercent, 50)
        XCTAssertEqual(sam.redFlags, 1)
        XCTAssertEqual(c.scenarios.map(\.id), ["a", "b", Cohort.defaultRubric])
        XCTAssertEqual(c.scenarios[0].sessions, 2)
        XCTAssertEqual(c.scenarios[0].meanPercent, 75)
        XCTAssertEqual(c.skills.map(\.id), ["empathy", "hope", "referral"])
        XCTAssertEqual(c.skills.map(\.sessions), [2, 1, 0])
        XCTAssertEqual(c.skills[0].occurrences, 3)
        XCTAssertEqual(c.flags.map(\.id), ["directive"])
        XCTAssertEqual(c.flagExamples.first?.reply, "<b>You should</b> stop")
        XCTAssertEqual(c.histogram, [0, 1, 0, 1, 0, 1, 0, 0, 0, 1], "100% belongs to the top band")
    }

    func testChronologicalPutsUndatedLast() {
        let rs = Cohort.chronological([Self.result("a", nil, nil, percent: 1), Self.result("a", nil, "2026-01-02", percent: 2),
                                       Self.result("a", nil, "2026-01-01", percent: 3)])
        XCTAssertEqual(rs.map(\.percent), [3, 2, 1])
    }

    func testEmptyCohort() {
        let c = Cohort([], library: Self.library())
        XCTAssertEqual(c.total, 0)
        XCTAssertEqual(c.meanPercent, 0)
        XCTAssertEqual(c.histogram, Array(repeating: 0, count: 10))
        XCTAssertEqual(c.skills.map(\.sessions), [0, 0, 0])
    }

    // MARK: Text

    func testTextReportEndsWithCohortTables() {
        let text = GradeText.render(Self.cohort, library: Self.library())
        let tail = text[text.range(of: "4 transcripts · mean 49% · 1 with red flags")!.lowerBound...]
        XCTAssertTrue(tail.contains("By learner\n"))
        XCTAssertTrue(tail.contains("  Sam               2   30%     50%          1\n"), String(tail))
        XCTAssertTrue(tail.contains("By scenario\n"))
        XCTAssertTrue(tail.contains("  Referral       0/4  ░░░░░░░░░░  never shown\n"), String(tail))
        XCTAssertTrue(tail.contains("  Directive       1/4      1\n"), String(tail))
    }

    func testTextReportForOneTranscriptHasNoCohort() {
        XCTAssertFalse(GradeText.render([Self.cohort[0]], library: Self.library()).contains("By learner"))
    }

    // MARK: CSV

    func testCSVQuotesAndGuardsFormulas() {
        XCTAssertEqual(GradeCSV.field("plain"), "plain")
        XCTAssertEqual(GradeCSV.field("a,b"), "\"a,b\"")
        XCTAssertEqual(GradeCSV.field("say \"hi\""), "\"say \"\"hi\"\"\"")
        XCTAssertEqual(GradeCSV.field("two\nlines"), "\"two\nlines\"")
        XCTAssertEqual(GradeCSV.field("=1+1"), "'=1+1")
        XCTAssertEqual(GradeCSV.field("@SUM(A1)"), "'@SUM(A1)")
        XCTAssertEqual(GradeCSV.field("\t=1"), "'\t=1")
        XCTAssertEqual(GradeCSV.field("-3"), "-3", "a negative score stays a number")
        XCTAssertEqual(GradeCSV.field("=HYPERLINK(\"x\",\"y\")"), "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")
    }

    func testCSVHasAColumnPerSkillAndFlag() {
        let csv = GradeCSV.render(Self.cohort, library: Self.library())
        let lines = csv.components(separatedBy: "\r\n")
        XCTAssertEqual(lines.first, "learner,scenario,date,score,max,percent,complete,outcome,red_flags,file,skill_empathy,skill_hope,skill_referral,flag_directive")
        XCTAssertEqual(lines.count, 1 + 4 + 1, "CRLF after the last row too")
        XCTAssertEqual(lines[2], "Sam,b,2026-11-02T10:00:00Z,1,10,10,yes,,1,Sam-2026-11-02T10:00:00Z.txt,0,0,0,1")
    }

    // MARK: HTML

    func testHTMLEscapesEverythingFromTranscripts() {
        let evil = Self.result("<img src=x onerror=alert(1)>", "a", "2026-11-02", percent: 10,
                               flags: [FlagRecord(id: "directive", evidence: "You should", turn: 1)],
                               reply: "</blockquote><script>alert('x')</script> You should", source: "\"quoted\".txt")
        let html = HTMLReport.render([evil], library: Self.library())
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<script"))
        XCTAssertTrue(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; <mark>You should</mark>"))
        XCTAssertTrue(html.contains("&quot;quoted&quot;.txt"))
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt;"))
        XCTAssertFalse(html.contains("src=\""))
        XCTAssertFalse(html.contains("href="))
    }

    func testHTMLHasChartsTablesAndPrintStyles() {
        let html = HTMLReport.render(Self.cohort, library: Self.library())
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"en\">"))
        let svgs = html.components(separatedBy: "<svg ").count - 1
        XCTAssertEqual(svgs, 3 + 3, "histogram, skills, red flags, and a trend per learner")
        XCTAssertEqual(svgs, html.components(separatedBy: "</svg>").count - 1)
        XCTAssertEqual(html.components(separatedBy: "role=\"img\"").count - 1, svgs)
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<details>").count - 1, svgs)
        XCTAssertTrue(html.contains("@media print"))
        XCTAssertTrue(html.contains("<polyline"), "Sam's trend joins two sessions")
    }

    func testHTMLWithNoTranscriptsSaysSo() {
        let html = HTMLReport.render([], library: Self.library())
        XCTAssertTrue(html.contains("No transcripts were graded"))
        XCTAssertFalse(html.contains("<svg"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
    }

    func testHighlightMarksEvidenceCaseInsensitively() {
        XCTAssertEqual(HTMLReport.highlight("Well, YOU SHOULD <go>", "you should"), "Well, <mark>YOU SHOULD</mark> &lt;go&gt;")
        XCTAssertEqual(HTMLReport.highlight("nothing here", "absent"), "nothing here")
    }

    func testNiceScaleAndShortDate() {
        XCTAssertEqual(HTMLReport.niceScale(0).ceiling, 1)
        XCTAssertEqual(HTMLReport.niceScale(4).step, 1)
        XCTAssertEqual(HTMLReport.niceScale(7).step, 2)
        XCTAssertEqual(HTMLReport.niceScale(7).ceiling, 8)
        XCTAssertEqual(HTMLReport.niceScale(23).step, 5)
        XCTAssertEqual(HTMLReport.shortDate("2026-11-02T10:00:00Z", index: 0), "2 Nov")
        XCTAssertEqual(HTMLReport.shortDate(nil, index: 2), "#3")
    }

    // MARK: progress

    func testSparklines() {
        XCTAssertEqual(ProgressText.spark([0, 50, 100], scale: 100, zeroDot: false), "▁▅█")
        XCTAssertEqual(ProgressText.spark([0, 1, 2, 4], scale: 4, zeroDot: true), "·▂▄█")
        XCTAssertEqual(ProgressText.spark([0, 0], scale: 0, zeroDot: true), "··")
    }

    func testProgressBlockHasARowPerSkillInDateOrder() {
        let c = Cohort(Self.cohort, library: Self.library())
        let sam = c.learners.first { $0.name == "Sam" }!
        let text = ProgressText.block(sam, library: Self.library())
        XCTAssertEqual(text, """
            Sam · 2 sessions, 2026-11-02 to 2026-11-09
              overall    ▂▅  10% 50%
              Empathy    ·█  1 of 2 sessions
              Hope       ··  not shown yet
              Referral   ··  not shown yet
              red flags  █·  1 in 1 session
              sessions: 1 b 2026-11-02 · 2 a 2026-11-09

            """)
        XCTAssertFalse(text.contains("\u{1B}"))
        XCTAssertTrue(ProgressText.block(sam, library: Self.library(), colour: true).contains("\u{1B}[32m·█\u{1B}[0m"))
    }
}
