/// `grade --format json`: one object per transcript.
public enum GradeJSON {
    public static func render(_ r: GradeResult) -> String {
        var o = JSONObject()
        o.add("file", r.source)
        o.add("learner", r.learner)
        o.add("scenario", r.scenario)
        o.add("title", r.title)
        o.add("date", r.date)
        o.add("mode", r.mode.rawValue)
        o.add("score", r.score)
        o.add("max", r.max)
        o.add("percent", r.percent)
        o.add("complete", r.complete)
        o.add("outcome", r.outcome)
        var skills = JSONObject()
        for (k, v) in r.skills.sorted(by: { $0.key < $1.key }) { skills.add(k, v) }
        o.add("skills", skills)
        o.add("flags", objects: r.flags.map { f in var j = JSONObject(); j.add("id", f.id); j.add("evidence", f.evidence); j.add("turn", f.turn); return j })
        o.add("turns", objects: r.turns.map { t in
            var j = JSONObject()
            j.add("turn", t.turn); j.add("state", t.state); j.add("reply", t.reply); j.add("points", t.points); j.add("max", t.max)
            j.add("concepts", objects: t.concepts.map { c in var k = JSONObject(); k.add("id", c.id); k.add("evidence", c.evidence); return k })
            j.add("flags", strings: t.flags)
            return j
        })
        o.add("notes", strings: r.notes)
        return o.text
    }
}
