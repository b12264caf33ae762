/// The result of grading one transcript.
public struct GradeResult: Sendable {
    /// Where the transcript came from (a path, or `-` for standard input).
    public var source: String
    public var learner: String?
    /// The scenario id, or nil when graded with the default rubric.
    public var scenario: String?
    public var title: String?
    /// When the session started (ISO 8601), if recorded.
    public var date: String?
    public var mode: Mode
    public var score: Int
    public var max: Int
    public var percent: Int
    public var turns: [TurnScore]
    /// Strength id -> replies that showed it.
    public var skills: [String: Int]
    public var flags: [FlagRecord]
    public var outcome: String?
    /// True when the session ran to its end (not cut off).
    public var complete: Bool
    /// Things an instructor should know: the scenario changed, the replay diverged, ...
    public var notes: [String]
}

/// Why a transcript could not be graded.
public struct GradeError: Error, Sendable {
    public var message: String
}

/// Grades transcripts by replaying their replies through the same `Session` engine that ran them,
/// so a transcript graded later scores exactly as it did live.
public struct Grader: Sendable {
    public let dialogs: Dialogs
    /// A transcript with no scenario is scored per reply against every strength, at most this much a reply.
    public static let defaultRubricMaxPerReply = 4

    public init(dialogs: Dialogs) { self.dialogs = dialogs }

    public func grade(_ text: String, source: String) throws(GradeError) -> GradeResult {
        let transcript = TranscriptReader.parse(text)
        if transcript.replies.isEmpty {
            throw GradeError(message: "\(source): no replies found (expected 'You:' lines)")
        }
        if let id = transcript.scenarioID {
            guard let scenario = dialogs.scenario(id) else {
                throw GradeError(message: "\(source): unknown scenario '\(id)' (see 'peercoach list')")
            }
            if let problem = ScenarioValidator.playabilityError(scenario, library: dialogs.library) {
                throw GradeError(message: "\(source): scenario '\(id)' has errors: \(problem) (run 'peercoach check')")
            }
            return replay(transcript, scenario: scenario, source: source)
        }
        return gradeWithDefaultRubric(transcript, source: source)
    }

    /// Replays the replies through a fresh session and compares with the live scores.
    func replay(_ t: Transcript, scenario: Scenario, source: String) -> GradeResult {
        var session = Session(scenario: scenario, library: dialogs.library, mode: t.mode)
        _ = session.begin()
        var events: [Event] = []
        var notes: [String] = []
        var unplayed = 0
        for reply in t.replies {
            if session.isOver { unplayed += 1; continue }
            events += session.reply(reply)
        }
        let changed = t.scenarioHash != nil && t.scenarioHash != scenario.contentHash
        let recorded = t.recordedScores
        let diverged = session.state.turns.first { turn in recorded[turn.turn].map { $0 != turn.points } ?? false }
        if let d = diverged {
            notes.append("replay differs from the live score at turn \(d.turn) (live \(recorded[d.turn]!), now \(d.points))"
                         + (changed ? "; the scenario has changed since the session" : ""))
        } else if changed {
            notes.append("the scenario has changed since the session; the replay still gives the live scores")
        }
        if unplayed > 0 { notes.append("\(unplayed) repl\(unplayed == 1 ? "y" : "ies") after the end of the scenario ignored") }
        if !t.isComplete { notes.append("the session was cut off before its end") }
        if !session.isOver { events += session.command(.quit) }
        let summary = events.compactMap { if case .end(let s) = $0 { return s }; return nil }.last
        return GradeResult(
            source: source, learner: t.learner, scenario: scenario.id, title: scenario.title, date: t.started,
            mode: t.mode, score: session.score, max: session.maxScore, percent: session.percent,
            turns: session.state.turns, skills: summary?.skills ?? [:], flags: summary?.flags ?? [],
            outcome: session.state.outcome, complete: t.isComplete, notes: notes)
    }

    /// Scores each reply against every strength (capped per reply) minus red flags.
    func gradeWithDefaultRubric(_ t: Transcript, source: String) -> GradeResult {
        var turns: [TurnScore] = []
        var skills: [String: Int] = [:]
        var flags: [FlagRecord] = []
        let cap = Self.defaultRubricMaxPerReply
        for (i, reply) in t.replies.enumerated() {
            let concepts = dialogs.library.tag(reply)
            var earned = 0, penalty = 0
            var flagIDs: [String] = []
            var feedback: [FeedbackItem] = []
            for m in concepts {
                guard let c = dialogs.library.concept(m.id) else { continue }
                if c.isRedFlag {
                    penalty += c.points
                    flagIDs.append(c.id)
                    flags.append(FlagRecord(id: c.id, evidence: m.evidence, turn: i + 1))
                    feedback.append(FeedbackItem(kind: .flag, concept: c.id, label: c.label, evidence: m.evidence, points: c.points, explanation: c.feedback))
                } else {
                    earned += c.points
                    skills[c.id, default: 0] += 1
                    feedback.append(FeedbackItem(kind: .earned, concept: c.id, label: c.label, evidence: m.evidence, points: c.points, explanation: c.feedback))
                }
            }
            turns.append(TurnScore(turn: i + 1, state: "", reply: reply, points: min(earned, cap) + penalty, max: cap,
                                   concepts: concepts, flags: flagIDs, feedback: feedback))
        }
        let score = turns.reduce(0) { $0 + $1.points }
        let max = turns.count * cap
        return GradeResult(
            source: source, learner: t.learner, scenario: nil, title: nil, date: t.started, mode: .coach,
            score: score, max: max, percent: Session.percent(score, max), turns: turns, skills: skills, flags: flags,
            outcome: nil, complete: true, notes: ["no scenario header: scored with the default rubric (up to \(cap) points a reply)"])
    }
}
