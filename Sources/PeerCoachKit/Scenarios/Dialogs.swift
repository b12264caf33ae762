import Foundation

/// Everything peercoach plays, loaded from a Dialogs folder: the concept library, the scenarios
/// and the quiz, with every problem found on the way.
public struct Dialogs: Sendable {
    public var directory: String
    public var library: ConceptLibrary
    /// Scenarios sorted by id.
    public var scenarios: [Scenario]
    public var quiz: [QuizQuestion]

    public func scenario(_ id: String) -> Scenario? { scenarios.first { $0.id == id } }

    /// The scenario a bare `peercoach` starts.
    public static let defaultScenarioID = "first-meeting"

    /// Where Dialogs are found: `--dialogs DIR`, else `$PEERCOACH_DIALOGS`, else `./Dialogs`.
    public static func resolveDirectory(_ option: String?, environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let option, !option.isEmpty { return option }
        if let env = environment["PEERCOACH_DIALOGS"], !env.isEmpty { return env }
        return "Dialogs"
    }

    /// Loads a Dialogs folder. `validate` also runs the scenario checks and example replies.
    /// Returns nil when the concept library itself cannot be loaded. With `compileLibrary: false`
    /// the library's patterns are not compiled, so it matches nothing (enough to list scenarios).
    /// With `loadQuiz: false` the quiz is not read (`quiz` is empty).
    public static func load(directory: String, validate: Bool = false, compileLibrary: Bool = true, loadQuiz: Bool = true,
                            diagnostics: DiagnosticCollector) -> Dialogs? {
        precondition(compileLibrary || !validate, "validating example replies needs the compiled library")
        let conceptsPath = (directory as NSString).appendingPathComponent("concepts.yaml")
        guard let library = ConceptLibraryLoader.load(conceptsPath, compile: compileLibrary, diagnostics: diagnostics) else { return nil }
        let scenarioDir = (directory as NSString).appendingPathComponent("scenarios")
        var scenarios: [Scenario] = []
        for file in yamlFiles(in: scenarioDir) {
            if let s = loadScenario(file, library: library, validate: validate, diagnostics: diagnostics) { scenarios.append(s) }
        }
        scenarios = deduplicated(scenarios, diagnostics: diagnostics)
        let quizPath = (directory as NSString).appendingPathComponent("quiz.yaml")
        let quiz = loadQuiz && FileManager.default.fileExists(atPath: quizPath) ? QuizLoader.load(quizPath, diagnostics: diagnostics) : []
        return Dialogs(directory: directory, library: library, scenarios: scenarios.sorted { $0.id < $1.id }, quiz: quiz)
    }

    /// Loads one scenario file and, when asked, validates it against the library.
    public static func loadScenario(_ path: String, library: ConceptLibrary, validate: Bool, diagnostics: DiagnosticCollector) -> Scenario? {
        guard let s = ScenarioLoader.load(path, diagnostics: diagnostics) else { return nil }
        if validate { ScenarioValidator.validate(s, library: library, diagnostics: diagnostics) }
        return s
    }

    /// Drops later scenarios that reuse an id, with an error at the duplicate.
    static func deduplicated(_ scenarios: [Scenario], diagnostics: DiagnosticCollector) -> [Scenario] {
        var seen: [String: String] = [:]
        var out: [Scenario] = []
        for s in scenarios {
            if let first = seen[s.id] {
                diagnostics.error("PC0104", at: SourceLocation(file: s.file, line: 1, column: 1), "scenario id '\(s.id)' is also used by \(first)")
                continue
            }
            seen[s.id] = s.file
            out.append(s)
        }
        return out
    }

    /// `.yaml` and `.yml` files directly in a folder, sorted by name.
    public static func yamlFiles(in directory: String) -> [String] {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: directory) else { return [] }
        return names.filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".yml") }.sorted()
            .map { (directory as NSString).appendingPathComponent($0) }
    }
}
