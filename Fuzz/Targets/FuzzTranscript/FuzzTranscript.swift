import Foundation
import FuzzSupport
import PeerCoachKit

/// The transcript reader and grader: any text as a transcript, graded against the shipped Dialogs.
/// Also: one-line escaping round-trips, and a grade is never above its maximum.
@_cdecl("FuzzTranscript_main")
public func main(_ argc: Int32, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> Int32 {
    runFuzzer(argc, argv) { start, count in fuzz(start, count) }
}

func fuzz(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let text = start.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""
    let transcript = TranscriptReader.parse(text)
    let escaped = TranscriptFormat.oneLine(text)
    Shipped.check(!escaped.contains("\n") && !escaped.contains("\r") && !escaped.unicodeScalars.contains("\u{1B}"), "oneLine left a control character")
    Shipped.check(TranscriptFormat.unescape(escaped) == text.replacingOccurrences(of: "\t", with: " "), "unescape(oneLine(s)) != s")
    // A transcript that is written and read back keeps its replies.
    let replies = transcript.replies.prefix(8).map { $0.trimmingWhitespace() }.filter { !$0.isEmpty }
    let rewritten = TranscriptFormat.header([("scenario", "first-meeting")]) + replies.map(TranscriptFormat.reply).joined()
    let reread = TranscriptReader.parse(rewritten).replies
    Shipped.check(reread == replies.map { TranscriptFormat.unescape(TranscriptFormat.oneLine($0)) }, "replies changed on a round trip: \(replies) -> \(reread)")
    let grader = Grader(dialogs: Shipped.dialogs)
    for source in [text, rewritten] {
        if let result = try? grader.grade(source, source: "fuzz.txt") {
            Shipped.check(result.percent >= 0 && result.percent <= 100, "percent \(result.percent)")
            Shipped.check(result.score <= result.max, "score \(result.score) above max \(result.max)")
        }
    }
    return 0
}
