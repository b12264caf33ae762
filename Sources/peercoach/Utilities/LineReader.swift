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
        switch nextRaw() {
        case .bytes(let line)?: return .text(Self.decode(line))
        case .tooLong(let head)?: return .tooLong(head)
        case nil: return nil
        }
    }

    enum RawLine {
        /// The line's bytes as read (a CR before the LF and NUL bytes still in): a view of the reader's
        /// buffer, to use before the next call (`decode` gives the text `next()` would).
        case bytes(ArraySlice<UInt8>)
        case tooLong(String)
    }

    /// The next line without decoding it, or nil at end of input: the fast path for `analyze`.
    mutating func nextRaw() -> RawLine? {
        while true {
            if let nl = newline(from: start) {
                let line = buffer[start..<nl]
                start = nl + 1
                if skipping { skipping = false; continue }
                return .bytes(line)
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
                    return .bytes(line)
                }
                return nil
            }
            if start > 0 { buffer.removeFirst(start); start = 0 }
            // Read straight into the buffer's tail.
            let old = buffer.count
            buffer.append(contentsOf: repeatElement(0, count: Self.chunk))
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress! + old, Self.chunk) }
            buffer.removeLast(Self.chunk - max(n, 0))
            if n < 0 {
                if errno == EINTR && Signals.stopRequested == 0 { continue }
                eof = true
            } else if n == 0 {
                eof = true
            }
        }
    }

    enum RawBlock {
        /// Whole lines, each ending with LF: a view of the reader's buffer, to use before the next call.
        case lines(ArraySlice<UInt8>)
        /// One line without its LF (as `nextRaw` gives it).
        case line(ArraySlice<UInt8>)
        case tooLong(String)
    }

    /// Every complete line already buffered, at once; else the next line as `nextRaw()` gives it.
    /// Lines come out exactly as repeated `nextRaw()` calls would give them (same splits, same
    /// too-long lines), only fewer calls: the fast path for `analyze`.
    mutating func nextBlock() -> RawBlock? {
        if !skipping, start < buffer.count, let last = lastNewline(from: start) {
            let block = buffer[start...last]
            start = last + 1
            return .lines(block)
        }
        switch nextRaw() {
        case .bytes(let line)?: return .line(line)
        case .tooLong(let head)?: return .tooLong(head)
        case nil: return nil
        }
    }

    /// The index of the last LF at or after `from` (a scan back from the end: lines are short).
    private func lastNewline(from: Int) -> Int? {
        buffer.withUnsafeBufferPointer { b in
            var i = b.count - 1
            while i >= from { if b[i] == 0x0A { return i }; i -= 1 }
            return nil
        }
    }

    private static let chunk = 1 << 16

    /// The index of the next LF at or after `from`, found with `memchr`.
    private func newline(from: Int) -> Int? {
        guard from < buffer.count else { return nil }
        return buffer.withUnsafeBytes { raw in
            guard let hit = memchr(raw.baseAddress! + from, 0x0A, raw.count - from) else { return nil }
            return raw.baseAddress!.distance(to: UnsafeRawPointer(hit))
        }
    }

    static func decode(_ bytes: ArraySlice<UInt8>) -> String {
        var slice = bytes
        if slice.last == 0x0D { slice = slice.dropLast() }
        if slice.contains(0) { return String(decoding: slice.filter { $0 != 0 }, as: UTF8.self) }
        return String(decoding: slice, as: UTF8.self)
    }
}
