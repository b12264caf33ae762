/// A quiz run: questions in a fixed or seeded order, one answer each, explanations after each.
/// Like `Session`, it is a deterministic state machine with no I/O.
public struct QuizSession: Sendable {
    public let questions: [QuizQuestion]
    public private(set) var index = 0
    public private(set) var correct = 0
    public private(set) var answered = 0

    /// The quiz's events.
    public enum Event: Sendable, Equatable {
        case question(QuizQuestion, number: Int, total: Int)
        case answer(id: String, chosen: String, correct: Bool, answer: String, explanation: String, whyNot: String?)
        case end(correct: Int, total: Int)
        case error(String)
    }

    /// `seed` nil keeps the file's order; a seed shuffles it the same way on every machine.
    public init(questions: [QuizQuestion], seed: UInt64? = nil, limit: Int? = nil) {
        var list = questions
        if let seed { var rng = SplitMix64(seed: seed); list.shuffle(using: &rng) }
        if let limit, limit < list.count { list = Array(list.prefix(max(0, limit))) }
        self.questions = list
    }

    public var isOver: Bool { index >= questions.count }

    /// The first question (or the end, for an empty quiz).
    public func begin() -> [Event] { current() }

    /// Answers the current question with a letter (case-insensitive).
    public mutating func answer(_ text: String) -> [Event] {
        guard !isOver else { return [.error("the quiz is over")] }
        let q = questions[index]
        let letter = text.trimmingWhitespace().uppercased()
        guard q.choices.contains(where: { $0.letter == letter }) else {
            return [.error("answer with one letter: \(q.choices.map(\.letter).joined(separator: ", "))")]
        }
        let right = letter == q.answer
        answered += 1
        if right { correct += 1 }
        index += 1
        return [.answer(id: q.id, chosen: letter, correct: right, answer: q.answer, explanation: q.explanation,
                        whyNot: right ? nil : q.distractors[letter])] + current()
    }

    /// Stops early with the score so far.
    public mutating func quit() -> [Event] {
        index = questions.count
        return [.end(correct: correct, total: answered)]
    }

    private func current() -> [Event] {
        isOver ? [.end(correct: correct, total: answered)]
            : [.question(questions[index], number: index + 1, total: questions.count)]
    }
}

/// A small, fast, seedable generator (SplitMix64), so `--seed` shuffles identically everywhere.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
