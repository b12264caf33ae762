import PeerCoachKit

/// Renders session events as JSON Lines (docs/PROTOCOL.md), one object per event.
enum JSONRenderer {
    static let protocolVersion = 1

    static func render(_ event: Event) -> String {
        var o = JSONObject()
        switch event {
        case .start(let scenario, let title, let mode):
            o.add("type", "start"); o.add("protocol", protocolVersion)
            o.add("scenario", scenario); o.add("title", title); o.add("mode", mode.rawValue)
        case .peer(let state, let text):
            o.add("type", "peer"); o.add("state", state); o.add("text", text)
        case .score(let t):
            o.add("type", "score"); o.add("turn", t.turn); o.add("state", t.state); o.add("reply", t.reply)
            o.add("points", t.points); o.add("max", t.max)
            o.add("concepts", objects: t.concepts.map { c in var j = JSONObject(); j.add("id", c.id); j.add("evidence", c.evidence); return j })
            o.add("flags", strings: t.flags)
            o.add("feedback", strings: t.feedback.map(\.text))
        case .hint(let text):
            o.add("type", "hint"); o.add("text", text)
        case .model(let text):
            o.add("type", "model"); o.add("text", text)
        case .progress(let score, let max, let percent, let turns):
            o.add("type", "progress"); o.add("score", score); o.add("max", max); o.add("percent", percent); o.add("turns", turns)
        case .end(let s):
            o.add("type", "end"); o.add("scenario", s.scenario)
            o.add("score", s.score); o.add("max", s.max); o.add("percent", s.percent); o.add("turns", s.turns)
            var skills = JSONObject()
            for (k, v) in s.skills.sorted(by: { $0.key < $1.key }) { skills.add(k, v) }
            o.add("skills", skills)
            o.add("flags", objects: s.flags.map { f in var j = JSONObject(); j.add("id", f.id); j.add("evidence", f.evidence); j.add("turn", f.turn); return j })
            o.add("outcome", s.outcome)
            o.add("transcript", s.transcript)
        case .error(let message):
            o.add("type", "error"); o.add("message", message)
        }
        return o.text
    }
}
