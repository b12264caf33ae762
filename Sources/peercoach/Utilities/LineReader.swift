#if canImport(Glibc)
@preconcurrency import Glibc
#endif

/// Reads lines from a file descriptor as bytes, so any input is safe: invalid UTF-8 is replaced
/// (U+FFFD), NUL bytes are dropped, CRLF is read as LF, and a line longer than `maxLineBytes` is
/// cut there and reported as too long instead of filling memory.
struct LineReader {
    enum Line {
        case text(String)
        /// The line was longer than the limit; its first bytes are kept.
        case tooLong(String)
    }

    static let maxLineBytes = 64 * 1024
    private let fd: Int32
    private var buffer: [UInt8] = []
    private var start = 0
    private var eof = false
    private var skipping = false

    init(fd: Int32 = 0) {
        self.fd = fd
        buffer.reserveCapacity(1 << 16)
    }

    /// The next line, or nil at end of input.
    mutating func next() -> Line? {
        while true {
            if let nl = buffer[start...].firstIndex(of: 0x0A) {
                let line = buffer[start..<nl]
                start = nl + 1
                if skipping { skipping = false; continue }
                return .text(Self.decode(line))
            }
            if buffer.count - start > Self.maxLineBytes && !skipping {
                let head = Self.decode(buffer[start..<start + Self.maxLineBytes])
                buffer.removeAll(keepingCapacity: true); start = 0
                skipping = true
                return .tooLong(head)
            }
            if skipping { buffer.removeAll(keepingCapacity: true); start = 0 }
            if Signals.stopRequested != 0 { eof = true; buffer.removeAll(); start = 0 }
            if eof {
                if start < buffer.count {
                    let line = buffer[start...]
                    start = buffer.count
                    if skipping { skipping = false; return nil }
                    return .text(Self.decode(line))
                }
                return nil
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            var chunk = [UInt8](repeating: 0, count: 1 << 16)
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress!, $0.count) }
            if n < 0 {
                if errno == EINTR && Signals.stopRequested == 0 { continue }
                eof = true
            } else if n == 0 {
                eof = true
            } else {
                buffer.append(contentsOf: chunk[0..<n])
            }
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        if slice.contains(0) { return String(decoding: slice.filter { $0 != 0 }, as: UTF8.self) }
        return String(decoding: slice, as: UTF8.self)
    }
}
