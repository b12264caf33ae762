import PeerCoachKit

/// Writes `analyze --json` lines straight into a `ByteBuffer`, byte for byte what `JSONObject`
/// would build: {"text":…,"concepts":[{"id":…,"evidence":…,"start":…,"end":…}],"flags":[…]}
/// then, when asked, "points", "max", "feedback" and "error".
///
/// Each line is written with one `reserve` of an upper bound (6 bytes per text byte, the longest
/// escape, plus a fixed amount per hit), then stored through a raw pointer: constant parts are
/// `StaticString`s, concept ids are encoded once up front, digits are stored right to left. Text
/// that needs no escape (`isPlain`, most replies) and its evidence are copied whole; other text is
/// escaped, with runs of plain bytes found and copied eight at a time.
struct AnalyzeJSON: Sendable {
    /// Every concept's encoded parts, back to back: `{"id":"<id>","evidence":"` (its head), and for
    /// a red flag `"<id>"` (its entry in "flags").
    private let parts: [UInt8]
    /// Per concept: where its head is in `parts`.
    private let head: [Range<Int>]
    /// Per concept: where its "flags" entry is in `parts`; empty when it is not a red flag.
    private let flag: [Range<Int>]
    /// The most one hit adds to a line besides its escaped evidence.
    private let hitBound: Int

    /// The most a line adds besides its escaped text, its hits and `extra`: the constant parts and "}\n".
    private static let lineBound = 64

    init(library: ConceptLibrary) {
        var parts: [UInt8] = [], head: [Range<Int>] = [], flag: [Range<Int>] = []
        func add(_ s: String) -> Range<Int> {
            let start = parts.count
            parts.append(contentsOf: s.utf8)
            return start..<parts.count
        }
        for c in library.concepts {
            var s = "{"; JSONObject.appendString("id", to: &s); s += ":"; JSONObject.appendString(c.id, to: &s)
            s += ","; JSONObject.appendString("evidence", to: &s); s += ":\""
            head.append(add(s))
            var id = ""; JSONObject.appendString(c.id, to: &id)
            flag.append(library.concept(c.id)?.isRedFlag == true ? add(id) : parts.count..<parts.count)
        }
        self.parts = parts
        self.head = head
        self.flag = flag
        // Comma, head, `","start":`, digits, `,"end":`, digits, `}`, and a comma and entry in "flags".
        hitBound = (head.map(\.count).max() ?? 0) + (flag.map(\.count).max() ?? 0) + 2 * 20 + 32
    }

    /// Appends the line for one reply: its text, its hits (byte ranges of `text`), and `extra`
    /// (`scoreFields` and `errorField`, or empty) before the closing brace. When `plain` (the caller
    /// found the text `isPlain`), the text and its evidence are copied as they are, not escaped.
    func write(text: UnsafeBufferPointer<UInt8>, plain: Bool, hits: [Tagger.Hit], extra: String, to out: ByteBuffer) {
        var extra = extra
        var bound = Self.lineBound + 6 * text.count + extra.utf8.count
        for h in hits { bound += hitBound + 6 * (h.end - h.start) }
        var p = out.reserve(bound)

        p = Self.put(#"{"text":""#, at: p)
        p = plain ? Self.copy(text, text.indices, at: p) : Self.escaped(text, at: p)
        p = Self.put(#"","concepts":["#, at: p)
        parts.withUnsafeBufferPointer { parts in
            for (k, h) in hits.enumerated() {
                if k > 0 { p = Self.put(",", at: p) }
                p = Self.copy(parts, head[h.concept], at: p)
                p = plain ? Self.copy(text, h.start..<h.end, at: p) : Self.escaped(UnsafeBufferPointer(rebasing: text[h.start..<h.end]), at: p)
                p = Self.put(#"","start":"#, at: p)
                p = Self.int(h.start, at: p)
                p = Self.put(#","end":"#, at: p)
                p = Self.int(h.end, at: p)
                p = Self.put("}", at: p)
            }
            p = Self.put(#"],"flags":["#, at: p)
            var first = true
            for h in hits where !flag[h.concept].isEmpty {
                if !first { p = Self.put(",", at: p) }
                first = false
                p = Self.copy(parts, flag[h.concept], at: p)
            }
        }
        p = Self.put("]", at: p)
        if !extra.isEmpty {
            extra.withUTF8 { e in p = Self.copy(e, e.indices, at: p) }
        }
        p = Self.put("}\n", at: p)
        out.commit(upTo: p)
    }

    /// `,"points":…,"max":…,"feedback":[…]` for `write`'s `extra`, as `JSONObject` writes them.
    static func scoreFields(_ score: TurnScore) -> String {
        var s = #","points":\#(score.points),"max":\#(score.max),"feedback":["#
        for (k, f) in score.feedback.enumerated() {
            if k > 0 { s += "," }
            JSONObject.appendString(f.text, to: &s)
        }
        return s + "]"
    }

    /// `,"error":…` for `write`'s `extra`, as `JSONObject` writes it.
    static func errorField(_ problem: String) -> String {
        var s = ","; JSONObject.appendString("error", to: &s); s += ":"; JSONObject.appendString(problem, to: &s)
        return s
    }

    /// Stores a constant at `p` and returns the end.
    @inline(__always)
    private static func put(_ s: StaticString, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        UnsafeMutableRawPointer(p).copyMemory(from: s.utf8Start, byteCount: s.utf8CodeUnitCount)
        return p + s.utf8CodeUnitCount
    }

    /// Stores `bytes[range]` at `p` and returns the end.
    @inline(__always)
    private static func copy(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        if range.isEmpty { return p }
        UnsafeMutableRawPointer(p).copyMemory(from: bytes.baseAddress! + range.lowerBound, byteCount: range.count)
        return p + range.count
    }

    /// Whether `bytes` are all ASCII other than control bytes, `"` and `\`: such text is its own
    /// UTF-8 and its own JSON string contents.
    static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        ByteScan.all(bytes, word: { w in escapeBits(w) | w & 0x8080_8080_8080_8080 == 0 },
                     byte: { b in b >= 0x20 && b < 0x80 && b != 0x22 && b != 0x5C })
    }

    /// Stores (valid UTF-8) `bytes` at `p` escaped as the inside of a JSON string, as
    /// `JSONObject.appendString` escapes them, and returns the end. `p` needs room for 6 bytes per
    /// byte. Bytes that need no escape are checked and copied eight at a time.
    static func escaped(_ bytes: UnsafeBufferPointer<UInt8>, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        guard let source = bytes.baseAddress else { return p }
        var p = p, i = 0
        let n = bytes.count
        while i < n {
            if i + 8 <= n {
                let w = UnsafeRawPointer(source + i).loadUnaligned(as: UInt64.self)
                if !needsEscape(w) {
                    UnsafeMutableRawPointer(p).storeBytes(of: w, as: UInt64.self)
                    p += 8; i += 8
                    continue
                }
            }
            p = escaped(source[i], at: p)
            i += 1
        }
        return p
    }

    /// Stores one byte at `p`, escaped if it must be (`"`, `\`, a control byte), and returns the end.
    @inline(__always)
    private static func escaped(_ b: UInt8, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        let backslash = UInt8(ascii: "\\")
        switch b {
        case 0x22, 0x5C: p[0] = backslash; p[1] = b; return p + 2
        case 0x0A: p[0] = backslash; p[1] = UInt8(ascii: "n"); return p + 2
        case 0x0D: p[0] = backslash; p[1] = UInt8(ascii: "r"); return p + 2
        case 0x09: p[0] = backslash; p[1] = UInt8(ascii: "t"); return p + 2
        case 0..<0x20:
            let end = put(#"\u00"#, at: p)
            end[0] = hexDigit(b >> 4); end[1] = hexDigit(b & 15)
            return end + 2
        default: p[0] = b; return p + 1
        }
    }

    /// The lower-case hex digit for 0...15.
    @inline(__always)
    private static func hexDigit(_ v: UInt8) -> UInt8 { v < 10 ? 48 + v : 87 + v }

    /// Whether any of the eight bytes in `w` is `"`, `\` or a control byte (below 0x20).
    @inline(__always)
    private static func needsEscape(_ w: UInt64) -> Bool { escapeBits(w) != 0 }

    /// Non-zero when any of the eight bytes in `w` is `"`, `\` or a control byte (below 0x20).
    ///
    /// `(x - 0x0101…) & ~x & 0x8080…` is non-zero when a byte of `x` is zero (and `x - 0x2020…`
    /// the same for a byte below 0x20); `"` and `\` are zero bytes of `w ^ 0x2222…` and
    /// `w ^ 0x5C5C…`. Their high bits are those of `w`, so one `& ~w` serves all three tests.
    @inline(__always)
    private static func escapeBits(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        let below20 = w &- 0x2020_2020_2020_2020
        let quote = (w ^ 0x2222_2222_2222_2222) &- ones
        let backslash = (w ^ 0x5C5C_5C5C_5C5C_5C5C) &- ones
        return (below20 | quote | backslash) & ~w & highs
    }

    /// "00", "01", ... "99": two digits at a time for `int`.
    private static let digitPairs: StaticString = """
        00010203040506070809101112131415161718192021222324252627282930313233343536373839\
        40414243444546474849505152535455565758596061626364656667686970717273747576777879\
        8081828384858687888990919293949596979899
        """

    /// Stores the decimal digits of `value` (not negative) at `p`, two at a time from the right,
    /// and returns the end.
    @inline(__always)
    static func int(_ value: Int, at p: UnsafeMutablePointer<UInt8>) -> UnsafeMutablePointer<UInt8> {
        var v = UInt(value)
        var digits = v < 10 ? 1 : v < 100 ? 2 : v < 1000 ? 3 : 4
        if v >= 10000 { var rest = v / 10000; while rest > 0 { rest /= 10; digits += 1 } }
        let pairs = digitPairs.utf8Start
        var q = p + digits
        while v >= 100 {
            let pair = Int(v % 100) * 2
            v /= 100
            q -= 2; q[0] = pairs[pair]; q[1] = pairs[pair + 1]
        }
        if v >= 10 {
            q -= 2; q[0] = pairs[Int(v) * 2]; q[1] = pairs[Int(v) * 2 + 1]
        } else {
            q -= 1; q[0] = UInt8(truncatingIfNeeded: 48 + v)
        }
        return p + digits
    }
}
