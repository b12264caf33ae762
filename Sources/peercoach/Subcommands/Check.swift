import ArgumentParser
import Foundation
import PeerCoachKit

/// `peercoach check [PATH...]`: validates Dialogs files and runs their example replies.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Validate scenarios, the concept library and the quiz.",
        discussion: """
            Loads every file and prints compiler-style diagnostics on standard error:
              Dialogs/scenarios/x.yaml:12:5: error: [PC0203] transition goes to unknown state 'plann'
            Example replies in scenarios are run through the rubric as unit tests. Codes are listed in \
            docs/AUTHORING.md. A PATH may be a Dialogs folder, a scenarios folder or single files; \
            scenario files are checked against the concept library of the Dialogs folder they are in \
            (or --dialogs).

            Exit status: 0 no errors (warnings allowed), 1 any error.

            EXAMPLES:
              peercoach check
              peercoach check Dialogs/scenarios/stopping-meds.yaml
            """,
    )

    @Argument(help: "Dialogs folders or YAML files (default: the Dialogs folder).")
    var paths: [String] = []

    @OptionGroup var options: DialogsOptions

    @Flag(name: .shortAndLong, help: "Only print errors, not warnings.")
    var quiet = false

    func run() throws {
        let diagnostics = DiagnosticCollector()
        var files = 0
        var examples = 0
        let targets = paths.isEmpty ? [options.directory] : paths
        for target in targets {
            let (f, e) = checkTarget(target, diagnostics: diagnostics)
            files += f; examples += e
        }
        let colour = useColour(fd: 2)
        var errors = 0, warnings = 0
        for d in diagnostics.sorted {
            if d.severity == .error { errors += 1 } else { warnings += 1; if quiet { continue } }
            printStderr(render(d, colour: colour))
        }
        let summary = "checked \(files) file\(files == 1 ? "" : "s") and \(examples) example repl\(examples == 1 ? "y" : "ies"): \(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s")"
        printStderr(summary)
        if errors > 0 { throw ExitCode.failure }
    }

    private func render(_ d: Diagnostic, colour: Bool) -> String {
        let text = Sanitizer.clean(d.description)
        guard colour else { return text }
        let tag = d.severity == .error ? "\u{1B}[1;31merror\u{1B}[0m" : "\u{1B}[1;35mwarning\u{1B}[0m"
        return text.replacingOccurrences(of: ": \(d.severity.rawValue): ", with: ": \(tag): ")
    }

    /// Checks a folder or a file; returns how many files and example replies were checked.
    private func checkTarget(_ path: String, diagnostics: DiagnosticCollector) -> (Int, Int) {
        var isDir: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else {
            diagnostics.error("PC0001", at: SourceLocation(file: path, line: 1, column: 1), "no such file or folder")
            return (0, 0)
        }
        if isDir.boolValue {
            let concepts = (path as NSString).appendingPathComponent("concepts.yaml")
            if FileManager.default.fileExists(atPath: concepts) {
                return checkDialogs(path, diagnostics: diagnostics)
            }
            // A scenarios folder: check each file against the library one level up (or --dialogs).
            let files = Dialogs.yamlFiles(in: path)
            if files.isEmpty {
                diagnostics.error("PC0001", at: SourceLocation(file: path, line: 1, column: 1), "folder has no concepts.yaml and no .yaml files")
                return (0, 0)
            }
            var n = (0, 0)
            for f in files { let r = checkFile(f, diagnostics: diagnostics); n.0 += r.0; n.1 += r.1 }
            return n
        }
        return checkFile(path, diagnostics: diagnostics)
    }

    private func checkDialogs(_ dir: String, diagnostics: DiagnosticCollector) -> (Int, Int) {
        guard let dialogs = Dialogs.load(directory: dir, validate: true, diagnostics: diagnostics) else { return (1, 0) }
        let examples = dialogs.scenarios.reduce(0) { $0 + $1.states.reduce(0) { $0 + $1.examples.count } }
        let quizFile = FileManager.default.fileExists(atPath: (dir as NSString).appendingPathComponent("quiz.yaml")) ? 1 : 0
        return (1 + Dialogs.yamlFiles(in: (dir as NSString).appendingPathComponent("scenarios")).count + quizFile, examples)
    }

    private func checkFile(_ path: String, diagnostics: DiagnosticCollector) -> (Int, Int) {
        let name = (path as NSString).lastPathComponent
        if name == "concepts.yaml" {
            _ = ConceptLibraryLoader.load(path, diagnostics: diagnostics)
            return (1, 0)
        }
        if name == "quiz.yaml" {
            _ = QuizLoader.load(path, diagnostics: diagnostics)
            return (1, 0)
        }
        // A scenario: find its concept library.
        let parent = ((path as NSString).deletingLastPathComponent as NSString)
        let candidates = [options.dialogs, parent.deletingLastPathComponent, parent as String, Dialogs.resolveDirectory(nil)]
            .compactMap { $0 }
        let libraryPath = candidates.map { ($0 as NSString).appendingPathComponent("concepts.yaml") }
            .first { FileManager.default.fileExists(atPath: $0) }
        guard let libraryPath, let library = ConceptLibraryLoader.load(libraryPath, diagnostics: DiagnosticCollector()) else {
            diagnostics.error("PC0001", at: SourceLocation(file: path, line: 1, column: 1), "no concept library found to check this scenario against (use --dialogs DIR)")
            return (1, 0)
        }
        let scenario = Dialogs.loadScenario(path, library: library, validate: true, diagnostics: diagnostics)
        return (1, scenario?.states.reduce(0) { $0 + $1.examples.count } ?? 0)
    }
}
