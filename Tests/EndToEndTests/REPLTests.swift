import Foundation
import XCTest
#if canImport(Glibc)
import Glibc
#endif

/// The interactive prompt, driven through a real pseudo-terminal as a person at a keyboard would.
final class REPLTests: XCTestCase {
    /// A child process whose terminal is the slave side of a pty we hold the master of.
    final class Terminal {
        let master: Int32
        let process = Process()
        private(set) var screen = ""

        init(args: [String], env: [String: String], cwd: URL) throws {
            // posix_openpt and friends are not visible to Swift here; these are their Linux ioctls.
            master = open("/dev/ptmx", O_RDWR | O_NOCTTY)
            var unlock: Int32 = 0
            var number: UInt32 = 0
            let TIOCSPTLCK: UInt = 0x4004_5431, TIOCGPTN: UInt = 0x8004_5430
            guard master >= 0, ioctl(master, TIOCSPTLCK, &unlock) == 0, ioctl(master, TIOCGPTN, &number) == 0 else {
                throw XCTSkip("no pseudo-terminals available")
            }
            let name = "/dev/pts/\(number)"
            var size = winsize(ws_row: 40, ws_col: 100, ws_xpixel: 0, ws_ypixel: 0)
            _ = ioctl(master, UInt(TIOCSWINSZ), &size)
            guard let slave = FileHandle(forUpdatingAtPath: name) else { throw XCTSkip("cannot open \(name)") }
            _ = fcntl(master, F_SETFL, fcntl(master, F_GETFL) | O_NONBLOCK)
            // setsid -c makes the pty the controlling terminal, so Ctrl-C raises SIGINT as in a real terminal.
            process.executableURL = URL(fileURLWithPath: "/usr/bin/setsid")
            process.arguments = ["-c", Harness.binary.path] + args
            process.environment = env
            process.currentDirectoryURL = cwd
            process.standardInput = slave
            process.standardOutput = slave
            process.standardError = slave
            try process.run()
            try slave.close()
        }

        deinit {
            if process.isRunning { process.terminate() }
            close(master)
        }

        func type(_ keys: String) {
            let bytes = Array(keys.utf8)
            _ = bytes.withUnsafeBytes { write(master, $0.baseAddress!, $0.count) }
        }

        /// Reads output until `text` has appeared (after `since`) or the timeout passes.
        @discardableResult
        func waitFor(_ text: String, after since: String.Index? = nil, timeout: TimeInterval = 10) -> Bool {
            let deadline = Date().addingTimeInterval(timeout)
            while Date() < deadline {
                drain()
                let start = since ?? screen.startIndex
                if screen[start...].contains(text) { return true }
                usleep(20_000)
            }
            return false
        }

        func drain() {
            var buffer = [UInt8](repeating: 0, count: 4096)
            while true {
                let n = buffer.withUnsafeMutableBytes { read(master, $0.baseAddress!, $0.count) }
                if n <= 0 { break }
                screen += String(decoding: buffer[0..<n], as: UTF8.self)
            }
        }

        var mark: String.Index { drain(); return screen.endIndex }
    }

    func testPromptFeedbackHistoryCompletionCtrlCAndCtrlD() throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/setsid") else { throw XCTSkip("setsid (util-linux) not installed") }
        let home = Harness.tempDir()
        var env = ProcessInfo.processInfo.environment
        env["TERM"] = "xterm"
        env["NO_COLOR"] = "1"
        env["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
        env["PEERCOACH_DIALOGS"] = Harness.dialogs
        let term = try Terminal(args: [], env: env, cwd: home)

        XCTAssertTrue(term.waitFor("you> "), "no prompt:\n\(term.screen)")
        var m = term.mark
        term.type("That sounds exhausting. What would help?\r")
        XCTAssertTrue(term.waitFor("[reply 1]", after: m), term.screen)
        XCTAssertTrue(term.waitFor("Empathy: \"sounds exhausting\"", after: m), term.screen)

        // Tab completes a slash command.
        m = term.mark
        term.type("/hi\t")
        XCTAssertTrue(term.waitFor("/hint", after: m), term.screen)
        term.type("\r")
        XCTAssertTrue(term.waitFor("Hint:", after: m), term.screen)

        // Ctrl-C drops the half-typed line and keeps the session.
        m = term.mark
        term.type("half a thought")
        XCTAssertTrue(term.waitFor("half a thought", after: m))
        term.type("\u{03}")
        XCTAssertTrue(term.waitFor("you> ", after: m), term.screen)
        usleep(200_000)
        XCTAssertTrue(term.process.isRunning, "Ctrl-C ended the session")

        // Up recalls the earlier reply (the hint command came after it).
        m = term.mark
        term.type("\u{1B}[A\u{1B}[A\r")
        XCTAssertTrue(term.waitFor("[reply 2]", after: m), term.screen)

        // Ctrl-D ends with the summary and saves history.
        m = term.mark
        term.type("\u{04}")
        XCTAssertTrue(term.waitFor("Session over", after: m), term.screen)
        XCTAssertTrue(term.waitFor("Transcript saved to Transcripts/", after: m), term.screen)
        let deadline = Date().addingTimeInterval(10)
        while term.process.isRunning && Date() < deadline { usleep(20_000) }
        XCTAssertEqual(term.process.terminationStatus, 0)
        let history = try String(contentsOf: home.appendingPathComponent("state/peercoach/history"), encoding: .utf8)
        XCTAssertTrue(history.contains("That sounds exhausting. What would help?"), history)
        let transcripts = try FileManager.default.contentsOfDirectory(atPath: home.appendingPathComponent("Transcripts").path)
        XCTAssertEqual(transcripts.count, 1)
    }
}
