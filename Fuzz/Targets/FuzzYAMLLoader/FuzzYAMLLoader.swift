import Foundation
import FuzzSupport
import PeerCoachKit

/// The YAML loaders: any bytes as a scenario, a concept library and a quiz. Every way a file can be
/// wrong must end in diagnostics, never a crash, a hang or unbounded memory.
@_cdecl("FuzzYAMLLoader_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let data = start.map { Data(bytes: $0, count: count) } ?? Data()
    let library = Shipped.dialogs.library
    let d = DiagnosticCollector()
    if let s = ScenarioLoader.load(data: data, file: "fuzz.yaml", diagnostics: d) {
        ScenarioValidator.validate(s, library: library, diagnostics: d)
        // A scenario that validates must be playable without a trap.
        if !d.hasErrors {
            var session = Session(scenario: s, library: library)
            _ = session.begin()
            for reply in ["That sounds hard.", "What would help?", "I've been there too."] where !session.isOver {
                _ = session.reply(reply)
            }
            _ = session.command(.quit)
        }
    }
    _ = ConceptLibraryLoader.load(data: data, file: "concepts.yaml", diagnostics: d)
    _ = QuizLoader.load(data: data, file: "quiz.yaml", diagnostics: d)
    for diagnostic in d.diagnostics {
        Shipped.check(diagnostic.location.line >= 1 && diagnostic.location.column >= 1, "diagnostic at \(diagnostic.location)")
    }
    return 0
}
