/// What a set of graded transcripts says about a cohort: per learner, per scenario, per skill and
/// per red flag. Every report format (text, HTML, `progress`) reads these numbers from here, so they
/// always agree.
public struct Cohort: Sendable {
    /// The name shown for transcripts without a `# learner:` header.
    public static let unnamed = "(no name)"
    /// The name shown for transcripts graded with the default rubric (no scenario header).
    public static let defaultRubric = "default rubric"

    public struct Learner: Sendable {
        public var name: String
        /// This learner's sessions, oldest first.
        public var sessions: [GradeResult]
        public var meanPercent: Int
        /// The most recent session's percentage.
        public var latestPercent: Int
        /// Red flags found over all sessions.
        public var redFlags: Int
    }

    public struct Scenario: Sendable {
        public var id: String
        public var title: String?
        public var sessions: Int
        public var meanPercent: Int
    }

    /// A strength or a red flag, and how many sessions showed it.
    public struct ConceptCount: Sendable {
        public var id: String
        public var label: String
        /// Sessions in which it appeared at least once.
        public var sessions: Int
        /// Times it appeared over all sessions (replies for a strength, findings for a red flag).
        public var occurrences: Int
    }

    /// A red flag as the learner said it.
    public struct FlagExample: Sendable {
        public var flag: String
        public var learner: String
        public var scenario: String
        public var source: String
        public var turn: Int
        /// The words that raised the flag.
        public var evidence: String
        /// The whole reply, when the transcript has it.
        public var reply: String?
    }

    public var total: Int
    public var meanPercent: Int
    /// Sessions with at least one red flag.
    public var flaggedSessions: Int
    /// By name (case-insensitive), unnamed last.
    public var learners: [Learner]
    /// By scenario id, the default rubric last.
    public var scenarios: [Scenario]
    /// Every strength in the library (and any other found), most often shown first.
    public var skills: [ConceptCount]
    /// Every red flag in the library (and any other found), most frequent first.
    public var flags: [ConceptCount]
    /// Up to `examplesPerFlag` examples of each red flag, in the order of `flags`.
    public var flagExamples: [FlagExample]
    /// Sessions per score band: 0–9, 10–19, ..., 80–89, 90–100.
    public var histogram: [Int]

    public static let examplesPerFlag = 5

    public init(_ results: [GradeResult], library: ConceptLibrary) {
        total = results.count
        meanPercent = Cohort.mean(results.map(\.percent))
        flaggedSessions = results.filter { !$0.flags.isEmpty }.count
        histogram = Cohort.histogram(results.map(\.percent))

        var byLearner: [String: [GradeResult]] = [:]
        for r in results { byLearner[Cohort.learnerName(r), default: []].append(r) }
        learners = byLearner.map { name, rs in
            let ordered = Cohort.chronological(rs)
            return Learner(name: name, sessions: ordered, meanPercent: Cohort.mean(ordered.map(\.percent)),
                           latestPercent: ordered.last?.percent ?? 0, redFlags: ordered.reduce(0) { $0 + $1.flags.count })
        }.sorted { a, b in
            if (a.name == Cohort.unnamed) != (b.name == Cohort.unnamed) { return b.name == Cohort.unnamed }
            return (a.name.lowercased(), a.name) < (b.name.lowercased(), b.name)
        }

        var byScenario: [String: [GradeResult]] = [:]
        for r in results { byScenario[Cohort.scenarioName(r), default: []].append(r) }
        scenarios = byScenario.map { id, rs in
            Scenario(id: id, title: rs.first?.title, sessions: rs.count, meanPercent: Cohort.mean(rs.map(\.percent)))
        }.sorted { a, b in
            if (a.id == Cohort.defaultRubric) != (b.id == Cohort.defaultRubric) { return b.id == Cohort.defaultRubric }
            return a.id < b.id
        }

        // Strengths and red flags: the library's, in its order, then any unknown ids found.
        var strengthIDs = library.concepts.filter { !$0.isRedFlag }.map(\.id)
        var flagIDs = library.concepts.filter(\.isRedFlag).map(\.id)
        for r in results {
            for id in r.skills.keys.sorted() where !strengthIDs.contains(id) { strengthIDs.append(id) }
            for f in r.flags where !flagIDs.contains(f.id) { flagIDs.append(f.id) }
        }
        func label(_ id: String) -> String { library.concept(id)?.label ?? id }
        let order = { (a: ConceptCount, b: ConceptCount, rank: [String: Int]) -> Bool in
            a.sessions != b.sessions ? a.sessions > b.sessions
                : a.occurrences != b.occurrences ? a.occurrences > b.occurrences : rank[a.id]! < rank[b.id]!
        }
        let strengthRank = Dictionary(uniqueKeysWithValues: strengthIDs.enumerated().map { ($1, $0) })
        skills = strengthIDs.map { id in
            ConceptCount(id: id, label: label(id), sessions: results.filter { ($0.skills[id] ?? 0) > 0 }.count,
                         occurrences: results.reduce(0) { $0 + ($1.skills[id] ?? 0) })
        }.sorted { order($0, $1, strengthRank) }
        let flagRank = Dictionary(uniqueKeysWithValues: flagIDs.enumerated().map { ($1, $0) })
        flags = flagIDs.map { id in
            ConceptCount(id: id, label: label(id), sessions: results.filter { $0.flags.contains { $0.id == id } }.count,
                         occurrences: results.reduce(0) { $0 + $1.flags.filter { $0.id == id }.count })
        }.sorted { order($0, $1, flagRank) }

        var examples: [FlagExample] = []
        let ordered = Cohort.chronological(results)
        for flag in flags where flag.occurrences > 0 {
            var n = 0
            for r in ordered {
                for f in r.flags where f.id == flag.id && n < Cohort.examplesPerFlag {
                    examples.append(FlagExample(flag: f.id, learner: Cohort.learnerName(r), scenario: Cohort.scenarioName(r),
                                                source: r.source, turn: f.turn, evidence: f.evidence,
                                                reply: r.turns.first { $0.turn == f.turn }?.reply))
                    n += 1
                }
            }
        }
        flagExamples = examples
    }

    public static func learnerName(_ r: GradeResult) -> String {
        let name = (r.learner ?? "").trimmingWhitespace()
        return name.isEmpty ? unnamed : name
    }

    public static func scenarioName(_ r: GradeResult) -> String { r.scenario ?? defaultRubric }

    /// Oldest first; undated sessions last; ties by file name.
    public static func chronological(_ results: [GradeResult]) -> [GradeResult] {
        results.sorted { a, b in
            switch (a.date, b.date) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return a.source < b.source
            }
        }
    }

    /// The rounded mean, 0 for no values.
    public static func mean(_ values: [Int]) -> Int {
        values.isEmpty ? 0 : Int((Double(values.reduce(0, +)) / Double(values.count)).rounded())
    }

    /// Ten bands: 0–9, ..., 80–89, 90–100 (100 belongs to the top band).
    public static func histogram(_ percents: [Int]) -> [Int] {
        var bins = Array(repeating: 0, count: 10)
        for p in percents { bins[Swift.min(9, Swift.max(0, p) / 10)] += 1 }
        return bins
    }

    /// The labels of `histogram`'s bands.
    public static let bandLabels = (0..<10).map { $0 == 9 ? "90–100" : "\($0 * 10)–\($0 * 10 + 9)" }

    /// The date part of an ISO 8601 timestamp ("2026-11-22T17:50:03Z" -> "2026-11-22").
    public static func day(_ date: String?) -> String {
        guard let d = date else { return "" }
        return String(d.prefix { $0 != "T" && $0 != " " })
    }
}
