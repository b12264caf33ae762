import Foundation
import FuzzSupport
import PeerCoachKit

/// The tagger with the shipped concept library: any bytes as a reply. Matches must quote the
/// reply's own bytes, and a state's score must stay within what the rubric allows.
@_cdecl("FuzzTagger_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let reply = start.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""
    let dialogs = Shipped.dialogs
    let matches = dialogs.library.tag(reply)
    Shipped.checkMatches(matches, in: reply, library: dialogs.library)
    Shipped.check(dialogs.library.tag(reply) == matches, "tagging is not deterministic")
    if let scenario = dialogs.scenario(Dialogs.defaultScenarioID), let state = scenario.state(scenario.start) {
        let session = Session(scenario: scenario, library: dialogs.library)
        let turn = session.score(reply, in: state, turn: 1)
        Shipped.check(turn.points <= state.maxPoints, "\(turn.points) points above the state's \(state.maxPoints)")
    }
    return 0
}
