import ArgumentParser
import Foundation
import PeerCoachKit

/// `peercoach practice [SCENARIO]`: role-play a scenario.
struct Practice: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Practise a scenario (the default command).",
        discussion: """
            You play the peer specialist; peercoach plays the peer. With a terminal on standard input \
            you get an interactive prompt with history, editing and Tab completion (type /help). \
            Otherwise each input line is one reply, and the output is plain text, or JSON Lines with \
            --json (see docs/PROTOCOL.md).

            Every session is saved as it goes to Transcripts/<time>-<scenario>.txt (or --transcript \
            PATH), so nothing is lost if the terminal closes; --resume PATH carries on a cut-off session.

            EXAMPLES:
              peercoach
              peercoach practice med-doubts --mode exam --learner "Sam Ortiz"
              printf 'That sounds hard.\\n' | peercoach practice first-meeting --json --no-transcript
              peercoach practice --resume Transcripts/20261122T175003Z-first-meeting.txt
            """
    )

    @Argument(help: ArgumentHelp("The scenario id (see 'peercoach list'); default: \(Dialogs.defaultScenarioID).", valueName: "scenario"))
    var scenario: String?

    @Option(help: "coach: feedback after every reply; exam: feedback at the end.")
    var mode: Mode = .coach

    @Flag(help: "Speak JSON Lines on standard input and output (line mode).")
    var json = false

    @Option(help: ArgumentHelp("Save the transcript here instead of Transcripts/.", valueName: "path"))
    var transcript: String?

    @Flag(help: "Do not save a transcript.")
    var noTranscript = false

    @Option(help: ArgumentHelp("Carry on a cut-off session from its transcript, appending to it.", valueName: "path"))
    var resume: String?

    @Option(help: ArgumentHelp("Your name, recorded in the transcript for your instructor.", valueName: "name"))
    var learner: String?

    @OptionGroup var options: DialogsOptions

    func validate() throws {
        if transcript != nil && noTranscript { throw ValidationError("--transcript and --no-transcript cannot be used together") }
        if resume != nil && (transcript != nil || noTranscript) { throw ValidationError("--resume continues its own transcript; drop --transcript/--no-transcript") }
        if resume != nil && scenario != nil { throw ValidationError("--resume takes the scenario from the transcript; drop the scenario argument") }
    }

    func run() throws {
        let dialogs = try options.load()
        let interactive = !json && isTerminal(0)
        var (session, file) = try resume.map { try resumed(from: $0, dialogs: dialogs) } ?? (try fresh(dialogs: dialogs), nil)
        if file == nil && !noTranscript {
            file = try openTranscript(for: session.scenario)
        }
        let renderer = TextRenderer(style: TextStyle(colour: useColour()), width: interactive ? terminalWidth() : 0,
                                    peerName: session.scenario.persona.name, library: dialogs.library)
        let render: (Event) -> String = json ? { JSONRenderer.render($0) + "\n" } : { renderer.render($0) }
        let runner = PracticeRunner(session: session, transcript: file, render: render)
        if interactive {
            REPL(runner: runner, dialogs: dialogs, style: renderer.style) { id in
                guard let s = dialogs.scenario(id) else {
                    printError("unknown scenario '\(id)' (see /scenarios)")
                    return nil
                }
                let t = noTranscript ? nil : try? openTranscript(for: s)
                let r = TextRenderer(style: renderer.style, width: renderer.width, peerName: s.persona.name, library: dialogs.library)
                return PracticeRunner(session: Session(scenario: s, library: dialogs.library, mode: mode), transcript: t, render: { r.render($0) })
            }.run()
        } else {
            LineFrontEnd(runner: runner, json: json).run()
        }
    }

    private func fresh(dialogs: Dialogs) throws -> Session {
        let s = try DialogsOptions.playableScenario(scenario ?? Dialogs.defaultScenarioID, in: dialogs)
        return Session(scenario: s, library: dialogs.library, mode: mode)
    }

    private func openTranscript(for s: Scenario) throws -> TranscriptFile? {
        do {
            let file = try TranscriptFile.create(explicitPath: transcript, directory: "Transcripts", scenario: s.id)
            var fields: [(String, String)] = [
                ("scenario", s.id), ("title", s.title), ("scenario-hash", s.contentHash), ("mode", mode.rawValue),
            ]
            if let learner { fields.append(("learner", learner)) }
            fields.append(("started", TranscriptFile.iso8601(Date())))
            fields.append(("tool", "peercoach \(PeerCoachKitVersion.string)"))
            file.append(TranscriptFormat.header(fields))
            return file
        } catch let error as CLIError where transcript == nil {
            // The default folder is missing or read-only: practise anyway.
            printWarning("\(error.message); this session will not be saved")
            return nil
        } catch {
            if transcript == nil {
                printWarning("cannot create a transcript in 'Transcripts' (\(error.localizedDescription)); this session will not be saved")
                return nil
            }
            throw error
        }
    }

    /// Rebuilds a session from a transcript and reopens the file to append to it.
    private func resumed(from path: String, dialogs: Dialogs) throws -> (Session, TranscriptFile?) {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw CLIError.usage("cannot read transcript '\(path)'")
        }
        let t = TranscriptReader.parse(String(decoding: data, as: UTF8.self))
        guard let id = t.scenarioID else { throw CLIError.usage("'\(path)' has no scenario header; only peercoach transcripts can be resumed") }
        guard dialogs.scenario(id) != nil else { throw CLIError.usage("transcript '\(path)' is for unknown scenario '\(id)'") }
        if t.isComplete { throw CLIError.usage("'\(path)' is a finished session; start a new one with 'peercoach practice \(id)'") }
        let s = try DialogsOptions.playableScenario(id, in: dialogs)
        var session = Session(scenario: s, library: dialogs.library, mode: t.mode)
        _ = session.begin()
        for reply in t.replies where !session.isOver { _ = session.reply(reply) }
        if session.isOver { throw CLIError.usage("'\(path)' already reaches the end of the scenario") }
        let file = try TranscriptFile.reopen(path)
        file.append("Resume: carried on \(TranscriptFile.iso8601(Date()))\n")
        // The runner's begin() repeats where the conversation stands.
        return (session, file)
    }

    private func terminalWidth() -> Int {
        var size = winsize()
        if ioctl(1, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return min(Int(size.ws_col), 100) }
        return 80
    }
}

extension Mode: ExpressibleByArgument {}
