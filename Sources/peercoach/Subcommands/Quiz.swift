import ArgumentParser
import PeerCoachKit

/// `peercoach quiz`: multiple-choice practice for the CPS exam.
struct Quiz: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Multiple-choice practice questions with explanations.",
        discussion: """
            Answer each question with its letter. After each answer you see why the right answer is \
            right and, if you missed, why your choice was not. Type q to stop early. Questions come \
            in a fixed order; --seed N shuffles them (the same N gives the same order everywhere).

            With --json, input is one letter per line and output is JSON Lines: question {id, text, \
            choices}, answer {id, correct, answer, explanation}, end {correct, total}.

            EXAMPLES:
              peercoach quiz
              peercoach quiz --seed 7 --count 10
              printf 'B\\nA\\n' | peercoach quiz --json --count 2
            """
    )

    @Flag(help: "Speak JSON Lines (one letter per input line).")
    var json = false

    @Option(help: ArgumentHelp("Shuffle the questions with this seed.", valueName: "n"))
    var seed: UInt64?

    @Option(help: ArgumentHelp("Ask at most this many questions.", valueName: "n"))
    var count: Int?

    @OptionGroup var options: DialogsOptions

    func validate() throws {
        if let count, count < 1 { throw ValidationError("--count must be at least 1") }
    }

    func run() throws {
        let dialogs = try options.load()
        guard !dialogs.quiz.isEmpty else {
            throw CLIError.usage("no quiz questions in '\(dialogs.directory)/quiz.yaml'")
        }
        var quiz = QuizSession(questions: dialogs.quiz, seed: seed, limit: count)
        let style = TextStyle(colour: !json && useColour())
        let interactive = !json && isTerminal(0)
        let out = StandardOutput.shared
        func emit(_ events: [QuizSession.Event]) {
            for e in events { out.write(json ? Self.json(e) + "\n" : Self.text(e, style: style)) }
            out.flush()
        }
        emit(quiz.begin())
        let input = PromptInput(interactive: interactive)
        while !quiz.isOver, let line = input.next(prompt: "answer> ") {
            let text = line.trimmingWhitespace()
            if text.isEmpty { continue }
            if ["q", "quit", "/quit"].contains(text.lowercased()) { emit(quiz.quit()); return }
            emit(quiz.answer(text))
        }
        if !quiz.isOver { emit(quiz.quit()) }
    }

    static func text(_ e: QuizSession.Event, style: TextStyle) -> String {
        switch e {
        case .question(let q, let number, let total):
            var s = "\n" + style.bold("Question \(number) of \(total)") + "\n" + Sanitizer.clean(q.question) + "\n"
            for c in q.choices { s += "  \(c.letter)) \(Sanitizer.clean(c.text))\n" }
            return s
        case .answer(_, let chosen, let correct, let answer, let explanation, let whyNot):
            var s = correct ? style.green("Correct.") : style.red("Not quite: the answer is \(answer).")
            if let whyNot { s += " " + Sanitizer.clean("\(chosen): \(whyNot)") }
            return s + "\n" + Sanitizer.clean(explanation) + "\n"
        case .end(let correct, let total):
            let pct = total > 0 ? correct * 100 / total : 0
            return "\n" + style.bold("You answered \(correct) of \(total) correctly (\(pct)%).") + "\n"
        case .error(let m):
            return style.yellow(Sanitizer.clean(m)) + "\n"
        }
    }

    static func json(_ e: QuizSession.Event) -> String {
        var o = JSONObject()
        switch e {
        case .question(let q, let number, let total):
            o.add("type", "question"); o.add("id", q.id); o.add("number", number); o.add("total", total)
            o.add("text", q.question)
            o.add("choices", objects: q.choices.map { c in var j = JSONObject(); j.add("letter", c.letter); j.add("text", c.text); return j })
        case .answer(let id, let chosen, let correct, let answer, let explanation, let whyNot):
            o.add("type", "answer"); o.add("id", id); o.add("chosen", chosen); o.add("correct", correct)
            o.add("answer", answer); o.add("explanation", explanation); o.add("why_not", whyNot)
        case .end(let correct, let total):
            o.add("type", "end"); o.add("correct", correct); o.add("total", total)
        case .error(let m):
            o.add("type", "error"); o.add("message", m)
        }
        return o.text
    }
}
