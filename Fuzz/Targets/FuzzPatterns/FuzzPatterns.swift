import Foundation
import FuzzSupport
import PeerCoachKit

/// The pattern language: the first line is a concept's pattern, later lines are entries of the set
/// `~s` (and the concept can name itself, `~x`). Parsing and compiling report problems; the
/// compiled library then tags a few replies and the input itself.
@_cdecl("FuzzPatterns_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = start.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""
    let lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    let pattern = lines.first ?? ""
    let setEntries = Array(lines.dropFirst().prefix(16))
    do throws(PatternSyntaxError) {
        _ = try PatternParser.parse(pattern)
    } catch {
        Shipped.check(error.offset >= 0 && error.offset <= pattern.count, "offset \(error.offset) outside the pattern")
    }
    var problems: [PatternProblem] = []
    let concepts = [
        Concept(id: "x", label: "X", kind: .strength, points: 1, patterns: [pattern], exclude: setEntries.prefix(1).map { $0 + " zzz" }),
        Concept(id: "y", label: "Y", kind: .redFlag, points: -1, patterns: ["~x", "~s"], negation: .ignore),
    ]
    let library = ConceptLibrary(concepts: concepts, sets: ["s": setEntries], problems: &problems)
    for reply in ["You don't have to stop your meds, that sounds hard.", "I've been there. What would help?", text] {
        Shipped.checkMatches(library.tag(reply), in: reply, library: library)
    }
    return 0
}
