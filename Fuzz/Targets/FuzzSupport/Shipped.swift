import Foundation
import PeerCoachKit
import CFuzzDriver

/// The shipped Dialogs folder, loaded once per fuzzing process.
public enum Shipped {
    /// `$PEERCOACH_DIALOGS`, else the repository's Dialogs (found from this file's path).
    public static let directory: String = {
        if let env = ProcessInfo.processInfo.environment["PEERCOACH_DIALOGS"], !env.isEmpty { return env }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Dialogs").path
    }()

    public static let dialogs: Dialogs = {
        let d = DiagnosticCollector()
        guard let dialogs = Dialogs.load(directory: directory, diagnostics: d), !d.hasErrors else {
            fatalError("cannot load the shipped Dialogs at \(directory): \(d.sorted.first.map(String.init(describing:)) ?? "?")")
        }
        return dialogs
    }()

    /// Stops the run with a message libFuzzer records as a crash.
    public static func check(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String) {
        if !condition() { fatalError("invariant broken: \(message())") }
    }

    /// Checks what every match must satisfy: a non-empty byte range inside the reply whose text is the evidence.
    public static func checkMatches(_ matches: [ConceptMatch], in reply: String, library: ConceptLibrary) {
        let bytes = Array(reply.utf8)
        var seen: Set<String> = []
        for m in matches {
            check(library.concept(m.id) != nil, "unknown concept \(m.id)")
            check(seen.insert(m.id).inserted, "concept \(m.id) reported twice")
            check(0 <= m.start && m.start < m.end && m.end <= bytes.count, "range \(m.start)..<\(m.end) outside \(bytes.count) bytes")
            check(String(decoding: bytes[m.start..<m.end], as: UTF8.self) == m.evidence, "evidence is not the reply's text at its range")
        }
    }
}

/// Runs libFuzzer with `callback`; each target's `<Module>_main` (what SwiftPM links as `main`) calls it.
public func runFuzzer(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?,
                      _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32) -> Int32 {
    var argc = argc
    var argv = argv
    return LLVMFuzzerRunDriver(&argc, &argv, callback)
}
