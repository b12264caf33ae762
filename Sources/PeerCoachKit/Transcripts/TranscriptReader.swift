/// Reads a transcript written by peercoach, or typed up by hand.
///
/// It is forgiving: a transcript cut off mid-line (a killed session) keeps every complete turn,
/// unknown lines are skipped, and a hand-typed role-play may label the learner `You:`, `Me:`,
/// `CPS:`, `Learner:` or `Specialist:` and the peer `Peer:` or `Them:`. A line without a label
/// continues the utterance before it.
public enum TranscriptReader {
    static let replyLabels = ["you", "me", "cps", "learner", "specialist", "peer specialist", "trainee"]
    static let peerLabels = ["peer", "them", "client"]

    public static func parse(_ text: String) -> Transcript {
        var t = Transcript()
        var inHeader = true
        var last: Int? = nil  // index of the last utterance, for continuation lines
        for raw in text.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            var line = Substring(raw)
            if line.hasSuffix("\r") { line = line.dropLast() }
            let trimmed = String(line).trimmingWhitespace()
            if trimmed.isEmpty { last = nil; continue }
            if trimmed.hasPrefix("#") {
                if inHeader, let colon = trimmed.firstIndex(of: ":") {
                    let key = String(trimmed[trimmed.index(after: trimmed.startIndex)..<colon]).trimmingWhitespace()
                    let value = String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace()
                    if !key.isEmpty && !key.contains(" ") { t.header.append((key.lowercased(), TranscriptFormat.unescape(value))) }
                }
                continue
            }
            inHeader = false
            guard let colon = trimmed.firstIndex(of: ":") else {
                appendContinuation(trimmed, to: &t, at: last)
                continue
            }
            let label = String(trimmed[..<colon]).trimmingWhitespace()
            let body = TranscriptFormat.unescape(String(trimmed[trimmed.index(after: colon)...]).trimmingWhitespace())
            let (name, bracket) = splitBracket(label)
            switch name.lowercased() {
            case let n where replyLabels.contains(n):
                t.lines.append(.reply(body)); last = t.lines.count - 1
            case let n where peerLabels.contains(n):
                t.lines.append(.peer(state: bracket, text: body)); last = t.lines.count - 1
            case "score":
                if let turn = bracket.flatMap({ Int($0.split(separator: " ").last ?? "") }),
                   let (p, m) = fraction(body) { t.lines.append(.score(turn: turn, points: p, max: m)) }
                last = nil
            case "resume":
                last = nil
            case "restart":
                // The learner started over: only the last attempt is graded.
                t.lines.removeAll(); last = nil
            case "end":
                if let (p, m) = fraction(body) { t.lines.append(.end(score: p, max: m)) }
                last = nil
            default:
                appendContinuation(trimmed, to: &t, at: last)
            }
        }
        return t
    }

    private static func appendContinuation(_ text: String, to t: inout Transcript, at index: Int?) {
        guard let i = index else { return }
        switch t.lines[i] {
        case .reply(let r): t.lines[i] = .reply(r + " " + text)
        case .peer(let s, let p): t.lines[i] = .peer(state: s, text: p + " " + text)
        default: break
        }
    }

    /// "Peer [opening]" -> ("Peer", "opening").
    private static func splitBracket(_ label: String) -> (String, String?) {
        guard let open = label.firstIndex(of: "["), label.hasSuffix("]") else { return (label, nil) }
        let name = String(label[..<open]).trimmingWhitespace()
        let inner = String(label[label.index(after: open)..<label.index(before: label.endIndex)])
        return (name, inner)
    }

    /// "7/12 (58%) | ..." -> (7, 12).
    private static func fraction(_ s: String) -> (Int, Int)? {
        let head = s.split(separator: " ").first ?? ""
        let parts = head.split(separator: "/")
        guard parts.count == 2, let a = Int(parts[0]), let b = Int(parts[1]) else { return nil }
        return (a, b)
    }
}
