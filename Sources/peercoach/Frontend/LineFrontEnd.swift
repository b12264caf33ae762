import Foundation
import PeerCoachKit

/// The line protocol (stdin not a terminal): one input line is one reply or command.
///
/// Plain mode: a line starting with `/` is a command (`/hint`, `/score`, `/model`, `/restart`,
/// `/quit`), anything else a reply. JSON mode: a line is a bare reply or an object
/// `{"reply": "..."}` / `{"command": "hint"}`; a bad line gets an `error` event and the session
/// goes on. End of input, SIGINT or SIGTERM end the session with its summary.
struct LineFrontEnd {
    let runner: PracticeRunner
    let json: Bool

    func run() {
        Signals.stopOnInterrupt()
        runner.begin()
        var reader = LineReader()
        while !runner.isOver, let line = reader.next() {
            switch line {
            case .tooLong:
                runner.emit([.error("line longer than \(LineReader.maxLineBytes) bytes ignored")])
            case .text(let text):
                handle(text)
            }
        }
        runner.finish()
    }

    private func handle(_ text: String) {
        let trimmed = text.trimmingWhitespace()
        if trimmed.isEmpty { return }
        if json && trimmed.hasPrefix("{") {
            switch Self.parseJSONInput(trimmed) {
            case .reply(let r): runner.reply(r)
            case .command(let c): runner.command(c)
            case .invalid(let why): runner.emit([.error(why)])
            }
            return
        }
        if !json && trimmed.hasPrefix("/") {
            let word = String(trimmed.dropFirst().split(separator: " ").first ?? "").lowercased()
            if let c = SessionCommand(rawValue: word) { runner.command(c) }
            else { runner.emit([.error("unknown command '/\(word)'; commands: /hint /score /model /restart /quit")]) }
            return
        }
        runner.reply(trimmed)
    }

    enum JSONInput: Equatable {
        case reply(String)
        case command(SessionCommand)
        case invalid(String)
    }

    static func parseJSONInput(_ line: String) -> JSONInput {
        guard let data = line.data(using: .utf8),
              let object = try? JSONSerialization.jsonObject(with: data, options: [.fragmentsAllowed]) else {
            return .invalid("not valid JSON: expected {\"reply\": \"...\"} or {\"command\": \"hint\"}")
        }
        guard let dict = object as? [String: Any] else {
            return .invalid("expected a JSON object with \"reply\" or \"command\"")
        }
        if let reply = dict["reply"] {
            guard let text = reply as? String else { return .invalid("\"reply\" must be a string") }
            return .reply(text)
        }
        if let command = dict["command"] {
            guard let name = command as? String, let c = SessionCommand(rawValue: name) else {
                return .invalid("unknown command; use one of: \(SessionCommand.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .command(c)
        }
        return .invalid("expected a JSON object with \"reply\" or \"command\"")
    }
}
