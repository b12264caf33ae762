import Foundation

/// A multiple-choice practice question with explanations for the answer and every distractor.
public struct QuizQuestion: Sendable, Equatable {
    public var id: String
    public var topic: String
    public var question: String
    /// Letters with their text, in letter order ("A", "B", ...).
    public var choices: [(letter: String, text: String)]
    public var answer: String
    public var explanation: String
    /// Why each wrong letter is wrong.
    public var distractors: [String: String]

    public static func == (a: QuizQuestion, b: QuizQuestion) -> Bool {
        a.id == b.id && a.question == b.question && a.answer == b.answer
            && a.choices.map(\.letter) == b.choices.map(\.letter) && a.choices.map(\.text) == b.choices.map(\.text)
    }
}

/// Loads `Dialogs/quiz.yaml`.
public enum QuizLoader {
    public static func load(_ path: String, diagnostics: DiagnosticCollector) -> [QuizQuestion] {
        guard let text = YAMLSource.readText(path, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: path, diagnostics: diagnostics) else { return [] }
        return load(root, file: path, diagnostics: diagnostics)
    }

    /// Loads questions from a file's bytes, as `load(_:diagnostics:)` does once it has read them.
    public static func load(data: Data, file: String, diagnostics: DiagnosticCollector) -> [QuizQuestion] {
        guard let text = YAMLSource.text(from: data, file: file, diagnostics: diagnostics),
              let root = YAMLSource.compose(text, file: file, diagnostics: diagnostics) else { return [] }
        return load(root, file: file, diagnostics: diagnostics)
    }

    static func load(_ root: YAMLNode, file path: String, diagnostics: DiagnosticCollector) -> [QuizQuestion] {
        let r = NodeReader(file: path, diagnostics: diagnostics)
        guard let top = r.fields(root, "the quiz", required: ["questions"], optional: ["version"]) else { return [] }
        guard case .sequence(let items)? = top["questions"]?.content else {
            if let n = top["questions"] { r.typeError(n, "'questions'", expected: "a list") }
            return []
        }
        var out: [QuizQuestion] = []
        var seen: Set<String> = []
        for item in items {
            guard let f = r.fields(item, "a question", required: ["id", "question", "choices", "answer", "explanation"],
                                   optional: ["topic", "distractors"]),
                  let id = r.string(f["id"], "'id'"), let q = r.string(f["question"], "'question'"),
                  let answer = r.string(f["answer"], "'answer'") else { continue }
            let at = r.location(f["id"]!)
            if !seen.insert(id).inserted { diagnostics.error("PC0104", at: at, "question id '\(id)' is used twice"); continue }
            var choices: [(letter: String, text: String)] = []
            if let node = f["choices"], let entries = r.entries(node, "'choices'") {
                for (letter, loc, value) in entries {
                    guard letter.count == 1, letter.uppercased() == letter, letter.first!.isLetter else {
                        diagnostics.error("PC0501", at: loc, "choice keys are single capital letters (A, B, C, D), not '\(letter)'")
                        continue
                    }
                    if let t = r.string(value, "choice \(letter)") { choices.append((letter, t)) }
                }
            }
            choices.sort { $0.letter < $1.letter }
            if choices.count < 2 { diagnostics.error("PC0501", at: at, "question '\(id)' needs at least two choices"); continue }
            if !choices.contains(where: { $0.letter == answer }) {
                diagnostics.error("PC0501", at: r.location(f["answer"]!), "answer '\(answer)' is not one of the choices")
                continue
            }
            var distractors: [String: String] = [:]
            if let node = f["distractors"], let entries = r.entries(node, "'distractors'") {
                for (letter, loc, value) in entries {
                    if !choices.contains(where: { $0.letter == letter }) || letter == answer {
                        diagnostics.warning("PC0501", at: loc, "'distractors' explains '\(letter)', which is not a wrong choice")
                    }
                    distractors[letter] = r.string(value, "distractor \(letter)")
                }
            }
            out.append(QuizQuestion(id: id, topic: r.string(f["topic"], "'topic'") ?? "", question: q, choices: choices,
                                    answer: answer, explanation: r.string(f["explanation"], "'explanation'") ?? "",
                                    distractors: distractors))
        }
        return out
    }
}
