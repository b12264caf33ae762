/// A practice session: a deterministic state machine over a scenario.
///
/// Replies and commands go in; `Event`s come out. It does no I/O, and the same inputs always give
/// the same events, so a transcript replayed later scores exactly as it did live.
public struct Session: Sendable {
    public let scenario: Scenario
    public let library: ConceptLibrary
    public let mode: Mode
    /// A session ends by itself after this many replies, so no scenario can loop forever.
    public static let maxTurns = 60

    /// Everything that changes as the session goes; `Codable`, so a session can be saved and restored.
    public struct State: Sendable, Equatable, Codable {
        public var stateID: String
        public var visits: [String: Int] = [:]
        public var turnsInState = 0
        public var triedInState = false
        public var turns: [TurnScore] = []
        public var ended = false
        public var outcome: String?
        public var outcomeSummary: String?
        /// Scores held back in exam mode until the end.
        public var pending: [TurnScore] = []
    }
    public private(set) var state: State

    public init(scenario: Scenario, library: ConceptLibrary, mode: Mode = .coach) {
        self.scenario = scenario
        self.library = library
        self.mode = mode
        self.state = State(stateID: scenario.start)
    }

    /// Restores a saved state.
    public init(scenario: Scenario, library: ConceptLibrary, mode: Mode, state: State) {
        self.init(scenario: scenario, library: library, mode: mode)
        self.state = state
    }

    public var isOver: Bool { state.ended }
    public var currentState: ScenarioState? { scenario.state(state.stateID) }
    public var score: Int { state.turns.reduce(0) { $0 + $1.points } }
    public var maxScore: Int { state.turns.reduce(0) { $0 + $1.max } }
    public var percent: Int { Self.percent(score, maxScore) }

    public static func percent(_ score: Int, _ max: Int) -> Int {
        max > 0 ? Int((Double(Swift.max(0, score)) * 100 / Double(max)).rounded()) : 0
    }

    /// Opens the session: the start event and the peer's first line.
    public mutating func begin() -> [Event] {
        [.start(scenario: scenario.id, title: scenario.title, mode: mode)] + peerLine()
    }

    /// Scores a reply, moves to the next state and returns what happens.
    public mutating func reply(_ text: String) -> [Event] {
        guard !state.ended else { return [.error("the session has ended")] }
        guard let here = currentState else { return [.error("the scenario has no state '\(state.stateID)'")] }
        let trimmed = text.trimmingWhitespace()
        guard !trimmed.isEmpty else { return [.error("empty reply: type what you would say to \(scenario.persona.name)")] }

        let result = score(trimmed, in: here, turn: state.turns.count + 1)
        state.turns.append(result)
        state.turnsInState += 1
        state.triedInState = true
        var events: [Event] = []
        if mode == .coach { events.append(.score(result)) } else { state.pending.append(result) }

        let nextID = transition(from: here, after: result) ?? here.id
        if nextID != here.id {
            state.stateID = nextID
            state.turnsInState = 0
            state.triedInState = false
        }
        events += peerLine()
        if let now = currentState, now.isTerminal {
            state.outcome = now.outcome
            state.outcomeSummary = now.summary
            events += finish()
        } else if state.turns.count >= Self.maxTurns {
            events += finish()
        }
        return events
    }

    /// Runs a command.
    public mutating func command(_ c: SessionCommand) -> [Event] {
        switch c {
        case .hint:
            guard mode == .coach else { return [.error("hints are off in exam mode")] }
            guard !state.ended, let here = currentState else { return [.error("the session has ended")] }
            return [.hint(here.hint)]
        case .model:
            guard mode == .coach else { return [.error("model replies are off in exam mode")] }
            guard !state.ended, let here = currentState else { return [.error("the session has ended")] }
            guard state.triedInState else { return [.error("give your own reply first; then /model shows one way to say it")] }
            return [.model(here.model)]
        case .score:
            return [.progress(score: score, max: maxScore, percent: percent, turns: state.turns.count)]
        case .restart:
            state = State(stateID: scenario.start)
            return begin()
        case .quit:
            guard !state.ended else { return [] }
            return finish()
        }
    }

    // MARK: - Internals

    private mutating func peerLine() -> [Event] {
        guard let here = currentState, !here.peer.isEmpty else { return [] }
        let visit = state.visits[here.id, default: 0]
        state.visits[here.id] = visit + 1
        return [.peer(state: here.id, text: here.peer[visit % here.peer.count])]
    }

    private mutating func finish() -> [Event] {
        state.ended = true
        var events = state.pending.map { Event.score($0) }
        state.pending = []
        var skills: [String: Int] = [:]
        var flags: [FlagRecord] = []
        for t in state.turns {
            for c in t.concepts {
                if library.concept(c.id)?.isRedFlag == true {
                    flags.append(FlagRecord(id: c.id, evidence: c.evidence, turn: t.turn))
                } else {
                    skills[c.id, default: 0] += 1
                }
            }
        }
        events.append(.end(SessionSummary(
            scenario: scenario.id, score: score, max: maxScore, percent: percent, turns: state.turns.count,
            skills: skills, flags: flags, outcome: state.outcome, outcomeSummary: state.outcomeSummary, transcript: nil)))
        return events
    }

    /// Scores one reply against a state's rubric; red flags count in every state.
    public func score(_ reply: String, in here: ScenarioState, turn: Int) -> TurnScore {
        let concepts = library.tag(reply)
        var points = 0
        var flagItems: [FeedbackItem] = [], earned: [FeedbackItem] = [], noted: [FeedbackItem] = [], missed: [FeedbackItem] = []
        var flags: [String] = []
        for match in concepts {
            guard let concept = library.concept(match.id) else { continue }
            if concept.isRedFlag {
                flags.append(concept.id)
                points += concept.points
                flagItems.append(FeedbackItem(kind: .flag, concept: concept.id, label: concept.label, evidence: match.evidence,
                                              points: concept.points, explanation: concept.feedback))
            } else if let item = here.rubric.first(where: { $0.concept == concept.id }) {
                points += item.points
                earned.append(FeedbackItem(kind: .earned, concept: concept.id, label: concept.label, evidence: match.evidence,
                                           points: item.points, explanation: item.feedback ?? concept.feedback))
            } else {
                noted.append(FeedbackItem(kind: .noted, concept: concept.id, label: concept.label, evidence: match.evidence,
                                          points: 0, explanation: concept.feedback))
            }
        }
        let found = Set(concepts.map(\.id))
        for item in here.rubric where !found.contains(item.concept) && item.points > 0 {
            let concept = library.concept(item.concept)
            missed.append(FeedbackItem(kind: .missed, concept: item.concept, label: concept?.label ?? item.concept, evidence: nil,
                                       points: item.points, explanation: concept?.missing ?? ""))
        }
        return TurnScore(turn: turn, state: here.id, reply: reply, points: points, max: here.maxPoints, concepts: concepts,
                         flags: flags, feedback: flagItems + earned + noted + missed)
    }

    /// The first transition whose condition holds, or nil to stay.
    func transition(from here: ScenarioState, after result: TurnScore) -> String? {
        let found = Set(result.concepts.map(\.id))
        for t in here.next {
            switch t.condition {
            case nil: return t.to
            case .concept(let id)?: if found.contains(id) { return t.to }
            case .flag(nil)?: if !result.flags.isEmpty { return t.to }
            case .flag(let id?)?: if result.flags.contains(id) { return t.to }
            case .points(let n)?: if result.points >= n { return t.to }
            case .turns(let n)?: if state.turnsInState >= n { return t.to }
            }
        }
        return nil
    }
}

extension String {
    /// The string without leading and trailing spaces, tabs and line breaks.
    public func trimmingWhitespace() -> String {
        var s = Substring(self)
        while let f = s.first, f.isWhitespace { s.removeFirst() }
        while let l = s.last, l.isWhitespace { s.removeLast() }
        return String(s)
    }
}
