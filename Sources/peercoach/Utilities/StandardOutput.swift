import PeerCoachKit
#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Buffered standard output. A reader that closes the pipe early ends the program quietly.
final class StandardOutput: @unchecked Sendable {
    static let shared = StandardOutput()
    private var buffer: [UInt8] = []
    private let limit = 64 * 1024

    init() { buffer.reserveCapacity(limit + 1024) }

    func write(_ s: String) {
        buffer.append(contentsOf: s.utf8)
        if buffer.count >= limit { flush() }
    }

    func line(_ s: String) {
        write(s)
        buffer.append(0x0A)
        if buffer.count >= limit { flush() }
    }

    /// Lets `body` append bytes straight to the buffer (no `String` in between), then flushes if full.
    func append(_ body: (inout [UInt8]) -> Void) {
        body(&buffer)
        if buffer.count >= limit { flush() }
    }

    func flush() {
        buffer.withUnsafeBytes { Self.writeAll($0) }
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes `bytes` after what is buffered, without copying them into the buffer (large blocks).
    func write(bytes: UnsafeRawBufferPointer) {
        flush()
        Self.writeAll(bytes)
    }

    private static func writeAll(_ bytes: UnsafeRawBufferPointer) {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(1, bytes.baseAddress! + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                // EPIPE or a closed descriptor: nobody is reading any more.
                exit(0)
            }
            offset += n
        }
    }
}

/// Prints `peercoach: error: message` on standard error.
func printError(_ message: String) {
    printStderr("peercoach: error: " + Sanitizer.clean(message))
}

/// Prints `peercoach: warning: message` on standard error.
func printWarning(_ message: String) {
    printStderr("peercoach: warning: " + Sanitizer.clean(message))
}

func printStderr(_ line: String) {
    let bytes = Array((line + "\n").utf8)
    _ = bytes.withUnsafeBytes { Glibc.write(2, $0.baseAddress!, $0.count) }
}

/// Whether a file descriptor is a terminal.
func isTerminal(_ fd: Int32) -> Bool { isatty(fd) == 1 }

/// Colour only on a terminal, never with NO_COLOR set.
func useColour(fd: Int32 = 1) -> Bool {
    if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
    if let t = getenv("TERM"), String(cString: t) == "dumb" { return false }
    return isTerminal(fd)
}
