import ArgumentParser
import Foundation
import PeerCoachKit

/// `peercoach grade`: re-scores transcripts by replaying them through the engine.
struct Grade: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Grade practice transcripts (files, folders, or - for standard input).",
        discussion: """
            Each transcript's replies are replayed through the same engine that ran the session, so \
            a transcript graded later scores exactly as it did live; if the scenario has changed \
            since and the scores differ, the report says so. A typed-up role-play without a scenario \
            header (Peer: / You: lines) is scored with the concept library's default rubric. Folders \
            are searched for .txt files recursively. Cut-off transcripts are graded as far as they go.

            Formats: text (the default) reports each transcript, then a cohort section grouped by \
            learner (the name given to 'practice --learner'), by scenario and by skill; csv is one \
            row per transcript with a column per skill and per red flag, for a gradebook; html is \
            one self-contained page with charts (score distribution, skills, red flags with quoted \
            replies, each learner over time), each with its data as a table; json is one object per \
            line. See docs/REPORTS.md, and 'peercoach progress' for one learner's skills over time.

            Exit status: 0 graded; 1 some transcript scored below --min-score; 2 bad usage or an \
            unreadable transcript (the others are still graded).

            EXAMPLES:
              peercoach grade Transcripts/
              peercoach grade Transcripts/ --format csv --output gradebook.csv
              peercoach grade cohort/ --format html --output report.html
              peercoach grade --min-score 70 Transcripts/*.txt
            """
    )

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case text, json, csv, html
    }

    @Argument(help: ArgumentHelp("Transcript files or folders; - reads one transcript from standard input.", valueName: "file"))
    var files: [String] = []

    @Option(help: "text, json (one object per line), csv, or html.")
    var format: Format = .text

    @Option(help: ArgumentHelp("Write the report here (atomically) instead of standard output.", valueName: "path"))
    var output: String?

    @Option(help: ArgumentHelp("Exit 1 if any transcript scores below this percentage.", valueName: "n"))
    var minScore: Int?

    @OptionGroup var options: DialogsOptions

    func validate() throws {
        if let m = minScore, !(0...100).contains(m) { throw ValidationError("--min-score is a percentage from 0 to 100") }
    }

    func run() throws {
        var inputs = files
        if inputs.isEmpty {
            guard !isTerminal(0) else { throw CLIError.usage("give transcript files or folders to grade, or - for standard input") }
            inputs = ["-"]
        }
        let dialogs = try options.load()
        let grader = Grader(dialogs: dialogs)
        var results: [GradeResult] = []
        var failures = 0
        for (source, text) in try TranscriptSources.read(inputs, failures: &failures) {
            do {
                results.append(try grader.grade(text, source: source))
            } catch {
                printError(error.message)
                failures += 1
            }
        }
        let report: String
        switch format {
        case .text: report = GradeText.render(results, library: dialogs.library)
        case .json: report = results.map { GradeJSON.render($0) + "\n" }.joined()
        case .csv: report = GradeCSV.render(results, library: dialogs.library)
        case .html: report = HTMLReport.render(results, library: dialogs.library)
        }
        if let output {
            try AtomicFile.write(report, to: output)
        } else {
            StandardOutput.shared.write(format == .text ? Sanitizer.cleanKeepingLines(report) : report)
        }
        if failures > 0 { throw ExitCode(2) }
        if let m = minScore, results.contains(where: { $0.percent < m }) {
            let below = results.filter { $0.percent < m }
            printStderr("peercoach: \(below.count) of \(results.count) transcript\(results.count == 1 ? "" : "s") below \(m)%")
            throw ExitCode.failure
        }
    }
}

/// Finds and reads transcripts named on the command line.
enum TranscriptSources {
    static let maxBytes = 16 * 1024 * 1024

    static func read(_ inputs: [String], failures: inout Int) throws -> [(String, String)] {
        var out: [(String, String)] = []
        for input in inputs {
            if input == "-" {
                let data = (try? FileHandle.standardInput.read(upToCount: maxBytes + 1)) ?? Data()
                if data.count > maxBytes { printError("-: larger than 16 MiB; not a transcript"); failures += 1; continue }
                out.append(("-", String(decoding: data, as: UTF8.self)))
                continue
            }
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: input, isDirectory: &isDir) else {
                printError("\(input): no such file or folder"); failures += 1; continue
            }
            let paths = isDir.boolValue ? transcriptFiles(under: input) : [input]
            if isDir.boolValue && paths.isEmpty { printWarning("\(input): no .txt transcripts found") }
            for path in paths {
                guard let handle = FileHandle(forReadingAtPath: path) else {
                    printError("\(path): cannot be read"); failures += 1; continue
                }
                let data = (try? handle.read(upToCount: maxBytes + 1)) ?? Data()
                try? handle.close()
                if data.count > maxBytes { printError("\(path): larger than 16 MiB; not a transcript"); failures += 1; continue }
                if data.prefix(4096).contains(0) { printError("\(path): binary file, not a transcript"); failures += 1; continue }
                out.append((path, String(decoding: data, as: UTF8.self)))
            }
        }
        return out
    }

    /// `.txt` files under a folder, recursively, sorted.
    static func transcriptFiles(under dir: String) -> [String] {
        guard let e = FileManager.default.enumerator(atPath: dir) else { return [] }
        var out: [String] = []
        while let rel = e.nextObject() as? String {
            if rel.hasSuffix(".txt") { out.append((dir as NSString).appendingPathComponent(rel)) }
        }
        return out.sorted()
    }
}
