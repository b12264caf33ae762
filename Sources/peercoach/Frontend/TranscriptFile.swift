import Foundation
import PeerCoachKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// A transcript on disk, written as the session goes: every line is appended with one `write`
/// call as soon as it exists, so Ctrl-C, a closed terminal or `kill -9` never loses a finished turn.
/// An existing file is never overwritten.
final class TranscriptFile {
    let path: String
    private var fd: Int32
    private var failed = false

    private init(path: String, fd: Int32) {
        self.path = path
        self.fd = fd
    }

    deinit { if fd >= 0 { close(fd) } }

    /// Creates a new transcript: `explicitPath`, or `<directory>/<UTC time>-<scenario>.txt`
    /// (with `-2`, `-3`, ... when two sessions start in the same second).
    static func create(explicitPath: String?, directory: String, scenario: String, now: Date = Date()) throws -> TranscriptFile {
        if let explicitPath {
            let fd = open(explicitPath, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if fd < 0 {
                if errno == EEXIST { throw CLIError.usage("'\(explicitPath)' already exists; transcripts are never overwritten (use --resume to continue it)") }
                throw CLIError.usage("cannot create transcript '\(explicitPath)': \(String(cString: strerror(errno)))")
            }
            return TranscriptFile(path: explicitPath, fd: fd)
        }
        if !FileManager.default.fileExists(atPath: directory) {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        let stamp = Self.stamp(now)
        for n in 1...1000 {
            let name = n == 1 ? "\(stamp)-\(scenario).txt" : "\(stamp)-\(scenario)-\(n).txt"
            let path = (directory as NSString).appendingPathComponent(name)
            let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_APPEND | O_CLOEXEC, 0o644)
            if fd >= 0 { return TranscriptFile(path: path, fd: fd) }
            if errno != EEXIST { throw CLIError.usage("cannot create a transcript in '\(directory)': \(String(cString: strerror(errno)))") }
        }
        throw CLIError.usage("cannot find a free transcript name in '\(directory)'")
    }

    /// Opens an existing transcript to carry on appending (`--resume`).
    static func reopen(_ path: String) throws -> TranscriptFile {
        let fd = open(path, O_WRONLY | O_APPEND | O_CLOEXEC)
        if fd < 0 { throw CLIError.usage("cannot open '\(path)' to continue it: \(String(cString: strerror(errno)))") }
        return TranscriptFile(path: path, fd: fd)
    }

    /// `20261122T175003Z`: file names sort by time.
    static func stamp(_ date: Date) -> String { utc("yyyyMMdd'T'HHmmss'Z'", date) }

    /// `2026-11-22T17:50:03Z`, for the transcript header.
    static func iso8601(_ date: Date) -> String { utc("yyyy-MM-dd'T'HH:mm:ss'Z'", date) }

    private static func utc(_ format: String, _ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = format
        return f.string(from: date)
    }

    /// Appends text now. A failure (disk full, ...) is reported once; the session goes on.
    func append(_ text: String) {
        guard !failed, fd >= 0 else { return }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failed = true
                printWarning("cannot write the transcript '\(path)': \(String(cString: strerror(errno))); the session goes on without it")
                return
            }
            offset += n
        }
        bytes.removeAll()
    }

    /// Appends the transcript lines an event produces.
    func record(_ event: Event) {
        if let line = TranscriptFormat.line(for: event) { append(line) }
    }
}
