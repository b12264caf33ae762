import ArgumentParser
import PeerCoachKit

/// `--dialogs DIR`, shared by every command that reads scenarios.
struct DialogsOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The Dialogs folder (default: $PEERCOACH_DIALOGS, else ./Dialogs).", valueName: "dir"))
    var dialogs: String?

    var directory: String { Dialogs.resolveDirectory(dialogs) }

    /// Loads the Dialogs for use (not for `check`): errors in the concept library stop the command
    /// with exit 2 and a pointer to `peercoach check`. Without `compileLibrary` its patterns are
    /// skipped (neither compiled nor checked): for commands that never tag a reply. Without
    /// `quiz` the quiz is not read.
    func load(compileLibrary: Bool = true, quiz: Bool = true) throws -> Dialogs {
        let dir = directory
        let diagnostics = DiagnosticCollector()
        guard let dialogs = Dialogs.load(directory: dir, compileLibrary: compileLibrary, loadQuiz: quiz, diagnostics: diagnostics) else {
            let first = diagnostics.sorted.first { $0.severity == .error }
            throw CLIError.usage("cannot load the concept library in '\(dir)': \(first.map { $0.description } ?? "unknown problem") (run 'peercoach check \(dir)')")
        }
        if let first = diagnostics.sorted.first(where: { $0.severity == .error && $0.location.file.hasSuffix("concepts.yaml") }) {
            throw CLIError.usage("the concept library has errors: \(first) (run 'peercoach check \(dir)')")
        }
        return dialogs
    }

    /// Loads only the concept library (fast path for `analyze`).
    func loadLibrary() throws -> ConceptLibrary {
        let path = directory + "/concepts.yaml"
        let diagnostics = DiagnosticCollector()
        guard let library = ConceptLibraryLoader.load(path, diagnostics: diagnostics), !diagnostics.hasErrors else {
            let first = diagnostics.sorted.first { $0.severity == .error }
            throw CLIError.usage("cannot load the concept library: \(first.map { $0.description } ?? path) (run 'peercoach check')")
        }
        return library
    }

    /// The scenario `id`, if it exists and can be played: structural errors (unknown states or
    /// concepts, dead ends) stop the command with exit 2, naming the first. Example replies
    /// that disagree with the rubric (PC04xx) do not stop play; `peercoach check` reports them.
    static func playableScenario(_ id: String, in dialogs: Dialogs) throws -> Scenario {
        guard let s = dialogs.scenario(id) else {
            let hint = dialogs.scenarios.isEmpty ? " (no scenarios found in '\(dialogs.directory)/scenarios')" : " (see 'peercoach list')"
            throw CLIError.usage("unknown scenario '\(id)'\(hint)")
        }
        if let first = ScenarioValidator.playabilityError(s, library: dialogs.library) {
            throw CLIError.usage("scenario '\(s.id)' has errors: \(first) (run 'peercoach check')")
        }
        return s
    }
}
