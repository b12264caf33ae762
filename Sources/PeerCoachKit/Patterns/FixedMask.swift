/// A bit mask over a program's positions held in registers: one `UInt64` (programs of at most 64
/// positions, most of them), two (at most 128) or four (at most 256; `PositionMasks` gives a
/// program of three words four). `PikeVM` has one path generic over this, so these programs run
/// without loops over mask words; larger ones take its general path.
protocol FixedMask {
    /// Words of `UInt64` it holds.
    static var words: Int { get }
    static var zero: Self { get }
    /// The positions below `n`.
    static func below(_ n: Int) -> Self
    /// Reads `words` words from `p`.
    init(_ p: UnsafePointer<UInt64>)
    /// Writes `words` words to `p`.
    func store(to p: UnsafeMutablePointer<UInt64>)
    static func | (a: Self, b: Self) -> Self
    static func & (a: Self, b: Self) -> Self
    static prefix func ~ (a: Self) -> Self
    var isEmpty: Bool { get }
    /// The lowest set position, and the mask without it; nil when empty.
    mutating func popLowest() -> Int?
    /// Sets position `q`.
    mutating func insert(_ q: Int)
}

extension UInt64: FixedMask {
    static var words: Int { 1 }
    static var zero: UInt64 { 0 }
    @inline(__always) static func below(_ n: Int) -> UInt64 { n >= 64 ? ~0 : (1 << UInt64(n)) &- 1 }
    @inline(__always) init(_ p: UnsafePointer<UInt64>) { self = p[0] }
    @inline(__always) func store(to p: UnsafeMutablePointer<UInt64>) { p[0] = self }
    @inline(__always) var isEmpty: Bool { self == 0 }
    @inline(__always) mutating func popLowest() -> Int? {
        if self == 0 { return nil }
        let q = trailingZeroBitCount
        self &= self &- 1
        return q
    }
    @inline(__always) mutating func insert(_ q: Int) { self |= 1 << UInt64(q) }
}

/// Two masks of `Half`'s size side by side: positions below `Half.words * 64` in `low`, the rest
/// in `high`. `TwoWordMask` is a pair of words, `FourWordMask` a pair of those.
struct WordPair<Half: FixedMask>: FixedMask {
    var low: Half
    var high: Half

    /// Positions held by `low`.
    @inline(__always) private static var split: Int { Half.words &* 64 }
    static var words: Int { 2 &* Half.words }
    static var zero: WordPair { WordPair(low: .zero, high: .zero) }
    @inline(__always) static func below(_ n: Int) -> WordPair {
        WordPair(low: Half.below(n), high: n <= split ? .zero : Half.below(n &- split))
    }
    @inline(__always) init(low: Half, high: Half) { self.low = low; self.high = high }
    @inline(__always) init(_ p: UnsafePointer<UInt64>) { low = Half(p); high = Half(p + Half.words) }
    @inline(__always) func store(to p: UnsafeMutablePointer<UInt64>) { low.store(to: p); high.store(to: p + Half.words) }
    @inline(__always) static func | (a: WordPair, b: WordPair) -> WordPair { WordPair(low: a.low | b.low, high: a.high | b.high) }
    @inline(__always) static func & (a: WordPair, b: WordPair) -> WordPair { WordPair(low: a.low & b.low, high: a.high & b.high) }
    @inline(__always) static prefix func ~ (a: WordPair) -> WordPair { WordPair(low: ~a.low, high: ~a.high) }
    @inline(__always) var isEmpty: Bool { low.isEmpty && high.isEmpty }
    @inline(__always) mutating func popLowest() -> Int? {
        if let q = low.popLowest() { return q }
        if let q = high.popLowest() { return Self.split &+ q }
        return nil
    }
    @inline(__always) mutating func insert(_ q: Int) {
        if q < Self.split { low.insert(q) } else { high.insert(q &- Self.split) }
    }
}

/// Positions 0-127.
typealias TwoWordMask = WordPair<UInt64>
/// Positions 0-255.
typealias FourWordMask = WordPair<TwoWordMask>
