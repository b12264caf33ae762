import PeerCoachKit

/// Drives one practice session for a front end: feeds replies and commands to the `Session`,
/// records the transcript as it goes, and writes each event out through `render`.
final class PracticeRunner {
    private(set) var session: Session
    let transcript: TranscriptFile?
    private let render: (Event) -> String
    private let out = StandardOutput.shared

    init(session: Session, transcript: TranscriptFile?, render: @escaping (Event) -> String) {
        self.session = session
        self.transcript = transcript
        self.render = render
    }

    var isOver: Bool { session.isOver }

    func begin() { emit(session.begin()) }

    /// Scores a reply. The reply reaches the transcript before anything else happens.
    func reply(_ text: String) {
        if !session.isOver && !text.trimmingWhitespace().isEmpty {
            transcript?.append(TranscriptFormat.reply(text.trimmingWhitespace()))
        }
        emit(session.reply(text))
    }

    func command(_ c: SessionCommand) {
        if c == .restart {
            transcript?.append("Restart: started over\n")
        }
        emit(session.command(c))
    }

    /// Ends the session (if it has not ended) with its summary.
    func finish() {
        if !session.isOver { command(.quit) }
    }

    /// Writes events: transcript first (it is the record), then the screen or pipe.
    func emit(_ events: [Event]) {
        for var event in events {
            if case .end(var summary) = event {
                summary.transcript = transcript?.path
                event = .end(summary)
            }
            transcript?.record(event)
            out.write(render(event))
        }
        out.flush()
    }

    /// Shows something that is not a session event (help text, scenario lists).
    func say(_ text: String) {
        out.write(text)
        out.flush()
    }
}
