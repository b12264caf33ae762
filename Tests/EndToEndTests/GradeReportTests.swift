import Foundation
import PeerCoachKit
import XCTest

/// Instructor reports: a small cohort recorded with `practice --learner`, then graded as CSV, HTML
/// and text, and followed with `progress`.
final class GradeReportTests: XCTestCase {
    /// Learner, scenario, replies (one per line).
    static let sessions: [(String, String, String)] = [
        ("Sam Ortiz", "first-meeting", "You should stop taking your meds.\nJust calm down, it's not that bad.\n"),
        ("Sam Ortiz", "med-doubts", "That sounds hard. What would you like to ask your prescriber?\nIt is your choice.\n"),
        ("Ana Ruiz", "first-meeting", "That sounds like a lot. What would make today worth your time?\nI've been there too; it got better for me.\n"),
        ("Ana Ruiz", "crisis-988", "I'm really glad you told me. You can call or text 988 any time.\n"),
        ("Lee, \"Jr\"", "is-it-bipolar", "<script>alert('x')</script> It sounds like you have bipolar disorder.\n"),
        ("=HYPERLINK(\"http://x\")", "just-stories", "What goal would you like to work on?\n"),
    ]

    nonisolated(unsafe) static var cohort: URL?

    /// Records the cohort once: each session through `peercoach practice` with piped replies.
    func cohortDir() throws -> URL {
        if let dir = Self.cohort { return dir }
        let dir = Harness.tempDir()
        for (i, s) in Self.sessions.enumerated() {
            let sub = dir.appendingPathComponent("group\(i % 2)")
            try FileManager.default.createDirectory(at: sub, withIntermediateDirectories: true)
            let path = sub.appendingPathComponent("\(i)-\(s.1).txt").path
            let r = try Harness.run(["practice", s.1, "--learner", s.0, "--transcript", path], input: s.2)
            XCTAssertEqual(r.status, 0, r.stderr)
        }
        Self.cohort = dir
        return dir
    }

    static func library() throws -> ConceptLibrary {
        try XCTUnwrap(ConceptLibraryLoader.load(Harness.dialogs + "/concepts.yaml", diagnostics: DiagnosticCollector()))
    }

    // MARK: CSV

    func testCSVParsesBackWithHeaderAndOneRowPerTranscript() throws {
        let r = try Harness.run(["grade", "--format", "csv", try cohortDir().path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.hasSuffix("\r\n"))
        let rows = try CSV.parse(r.stdout)
        let library = try Self.library()
        let skills = library.concepts.filter { !$0.isRedFlag }.map { "skill_" + $0.id }
        let header = try XCTUnwrap(rows.first)
        XCTAssertEqual(Array(header.prefix(10)), ["learner", "scenario", "date", "score", "max", "percent", "complete", "outcome", "red_flags", "file"])
        XCTAssertEqual(Array(header[10..<10 + skills.count]), skills)
        XCTAssertEqual(rows.count, 1 + Self.sessions.count)
        for row in rows.dropFirst() { XCTAssertEqual(row.count, header.count, "\(row)") }
        let col = { (name: String) in header.firstIndex(of: name)! }
        let learners = rows.dropFirst().map { $0[col("learner")] }
        XCTAssertEqual(Set(learners), ["Sam Ortiz", "Ana Ruiz", "Lee, \"Jr\"", "'=HYPERLINK(\"http://x\")"])
        for row in rows.dropFirst() {
            XCTAssertNotNil(Int(row[col("score")]))
            XCTAssertNotNil(Int(row[col("percent")]))
            XCTAssertTrue(row[col("date")].hasPrefix("20"), row[col("date")])
        }
        let sam = try XCTUnwrap(rows.first { $0[col("learner")] == "Sam Ortiz" && $0[col("scenario")] == "first-meeting" })
        XCTAssertGreaterThan(Int(sam[col("red_flags")]) ?? 0, 0)
        XCTAssertGreaterThan(Int(sam[col("flag_medical-advice")]) ?? 0, 0)
    }

    // MARK: HTML

    func testHTMLIsOneSelfContainedPageWithChartsAndTables() throws {
        let out = Harness.tempDir().appendingPathComponent("report.html")
        let r = try Harness.run(["grade", "--format", "html", "--output", out.path, try cohortDir().path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertEqual(r.stdout, "")
        let html = try String(contentsOf: out, encoding: .utf8)
        XCTAssertTrue(html.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(html.hasSuffix("</html>\n"))
        let svgs = html.components(separatedBy: "<svg ").count - 1
        XCTAssertEqual(svgs, html.components(separatedBy: "</svg>").count - 1, "unbalanced <svg>")
        // Histogram, skills, red flags, one trend per learner (4).
        XCTAssertEqual(svgs, 3 + 4)
        XCTAssertEqual(html.components(separatedBy: "<table>").count, html.components(separatedBy: "</table>").count)
        XCTAssertGreaterThanOrEqual(html.components(separatedBy: "<caption>").count - 1, svgs, "a table behind every chart")
        for section in ["Score distribution", "Skills across the cohort", "Red flags", "Each learner over time", "@media print"] {
            XCTAssertTrue(html.contains(section), section)
        }
        for attr in ["src=", "href=", "@import", "url("] {
            XCTAssertFalse(html.contains(attr), "external reference: \(attr)")
        }
        XCTAssertFalse(html.contains("<script"), "unescaped script")
    }

    func testHTMLEscapesScriptInAReplyAndQuotesIt() throws {
        let r = try Harness.run(["grade", "--format", "html", try cohortDir().path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertFalse(r.stdout.contains("<script>"))
        XCTAssertTrue(r.stdout.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        XCTAssertTrue(r.stdout.contains("<mark>"), "the flagged words are highlighted")
        XCTAssertTrue(r.stdout.contains("Lee, &quot;Jr&quot;"))
    }

    func testHTMLWithOneTranscriptAndWithNone() throws {
        let dir = try cohortDir()
        let one = try Harness.run(["grade", "--format", "html", dir.appendingPathComponent("group1/1-med-doubts.txt").path], input: "")
        XCTAssertEqual(one.status, 0, one.stderr)
        XCTAssertGreaterThanOrEqual(one.stdout.components(separatedBy: "<svg ").count - 1, 3)
        XCTAssertTrue(one.stdout.contains(">Score distribution</title>"))
        XCTAssertTrue(one.stdout.contains(">Scores of Sam Ortiz over time</title>"))

        let empty = Harness.tempDir()
        let none = try Harness.run(["grade", "--format", "html", empty.path], input: "")
        XCTAssertEqual(none.status, 0, none.stderr)
        XCTAssertTrue(none.stdout.hasPrefix("<!DOCTYPE html>"))
        XCTAssertTrue(none.stdout.contains("No transcripts were graded"))
        XCTAssertFalse(none.stdout.contains("<svg"))
    }

    // MARK: Text

    func testTextReportEndsWithCohortGroupedByLearnerScenarioAndSkill() throws {
        let r = try Harness.run(["grade", try cohortDir().path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        let cohort = try XCTUnwrap(r.stdout.range(of: "\(Self.sessions.count) transcripts · mean ")).lowerBound
        let tail = String(r.stdout[cohort...])
        let byLearner = try XCTUnwrap(tail.range(of: "By learner\n"))
        let byScenario = try XCTUnwrap(tail.range(of: "By scenario\n"))
        let bySkill = try XCTUnwrap(tail.range(of: "By skill (sessions that showed it, of \(Self.sessions.count))\n"))
        XCTAssertTrue(byLearner.upperBound < byScenario.lowerBound && byScenario.upperBound < bySkill.lowerBound)
        let learnerRows = tail[byLearner.upperBound..<byScenario.lowerBound].split(separator: "\n")
        let sam = try XCTUnwrap(learnerRows.first { $0.contains("Sam Ortiz") })
        XCTAssertEqual(sam.split(separator: " ").filter { !$0.isEmpty }.suffix(4).first, "2", "Sam has 2 sessions: \(sam)")
        XCTAssertTrue(learnerRows.contains { $0.contains("Ana Ruiz") })
        XCTAssertTrue(tail[byScenario.upperBound..<bySkill.lowerBound].contains("first-meeting"))
        for label in try Self.library().concepts.filter({ !$0.isRedFlag }).map(\.label) {
            XCTAssertTrue(tail[bySkill.upperBound...].contains(label), label)
        }
    }

    // MARK: progress

    func testProgressShowsARowPerSkillWithSparklines() throws {
        let r = try Harness.run(["progress", "--learner", "sam ortiz", try cohortDir().path], input: "")
        XCTAssertEqual(r.status, 0, r.stderr)
        let lines = r.stdoutLines
        XCTAssertTrue(lines.first?.hasPrefix("Sam Ortiz · 2 sessions") ?? false, r.stdout)
        XCTAssertFalse(r.stdout.contains("Ana Ruiz"))
        XCTAssertFalse(r.stdout.contains("\u{1B}["), "no colour with NO_COLOR")
        let overall = try XCTUnwrap(lines.first { $0.hasPrefix("  overall ") })
        XCTAssertEqual(overall.filter { "▁▂▃▄▅▆▇█".contains($0) }.count, 2, overall)
        XCTAssertEqual(overall.filter { $0 == "%" }.count, 2, overall)
        for label in try Self.library().concepts.filter({ !$0.isRedFlag }).map(\.label) {
            let row = try XCTUnwrap(lines.first { $0.hasPrefix("  \(label) ") }, "no row for \(label)")
            let spark = row.dropFirst(2 + label.count).trimmingCharacters(in: .whitespaces).prefix(2)
            XCTAssertTrue(spark.allSatisfy { "·▁▂▃▄▅▆▇█".contains($0) }, row)
        }
        XCTAssertTrue(lines.contains { $0.hasPrefix("  red flags ") })
    }

    func testProgressWithoutLearnerShowsEveryLearnerAndUnknownLearnerExitsTwo() throws {
        let dir = try cohortDir()
        let all = try Harness.run(["progress", dir.path], input: "")
        XCTAssertEqual(all.status, 0, all.stderr)
        for name in ["Ana Ruiz", "Sam Ortiz", "Lee, \"Jr\""] {
            XCTAssertTrue(all.stdoutLines.contains { $0.hasPrefix(name + " · ") }, name)
        }
        let nobody = try Harness.run(["progress", "--learner", "Nobody", dir.path], input: "")
        XCTAssertEqual(nobody.status, 2)
        XCTAssertEqual(nobody.stdout, "")
        XCTAssertTrue(nobody.stderr.hasPrefix("peercoach: error: no transcripts for learner 'Nobody'"), nobody.stderr)
    }

    func testProgressDefaultsToTheTranscriptsFolder() throws {
        let dir = try cohortDir()
        let work = Harness.tempDir()
        try FileManager.default.copyItem(at: dir.appendingPathComponent("group0"), to: work.appendingPathComponent("Transcripts"))
        let r = try Harness.run(["progress"], input: "", cwd: work)
        XCTAssertEqual(r.status, 0, r.stderr)
        XCTAssertTrue(r.stdout.contains("Sam Ortiz · "), r.stdout)
    }
}

/// A small RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records
/// end with CRLF.
enum CSV {
    struct Malformed: Error { var at: Int }

    static func parse(_ text: String) throws -> [[String]] {
        var rows: [[String]] = []
        var row: [String] = []
        var field = ""
        var quoted = false
        var chars = Array(text.unicodeScalars)[...]
        var position = 0
        while let c = chars.popFirst() {
            position += 1
            if quoted {
                if c == "\"" {
                    if chars.first == "\"" { field.unicodeScalars.append("\""); chars.removeFirst() } else { quoted = false }
                } else { field.unicodeScalars.append(c) }
                continue
            }
            switch c {
            case "\"":
                guard field.isEmpty else { throw Malformed(at: position) }
                quoted = true
            case ",":
                row.append(field); field = ""
            case "\r":
                guard chars.popFirst() == "\n" else { throw Malformed(at: position) }
                row.append(field); field = ""
                rows.append(row); row = []
            case "\n":
                throw Malformed(at: position)  // a bare LF is not a record end in RFC 4180
            default:
                field.unicodeScalars.append(c)
            }
        }
        if quoted { throw Malformed(at: position) }
        if !field.isEmpty || !row.isEmpty { row.append(field); rows.append(row) }
        return rows
    }
}
