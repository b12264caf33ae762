/// A bit mask over a program's positions held in registers: one `UInt64` (programs of at most 64
/// positions, most of them) or two (at most 128). `PikeVM` has one path generic over this, so
/// these programs run without loops over mask words; larger ones take its general path.
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

/// Two words: positions 0-63 in `low`, 64-127 in `high`.
struct TwoWordMask: FixedMask {
    var low: UInt64
    var high: UInt64

    static var words: Int { 2 }
    static var zero: TwoWordMask { TwoWordMask(low: 0, high: 0) }
    @inline(__always) static func below(_ n: Int) -> TwoWordMask {
        TwoWordMask(low: UInt64.below(n), high: n <= 64 ? 0 : UInt64.below(n - 64))
    }
    @inline(__always) init(low: UInt64, high: UInt64) { self.low = low; self.high = high }
    @inline(__always) init(_ p: UnsafePointer<UInt64>) { low = p[0]; high = p[1] }
    @inline(__always) func store(to p: UnsafeMutablePointer<UInt64>) { p[0] = low; p[1] = high }
    @inline(__always) static func | (a: TwoWordMask, b: TwoWordMask) -> TwoWordMask { TwoWordMask(low: a.low | b.low, high: a.high | b.high) }
    @inline(__always) static func & (a: TwoWordMask, b: TwoWordMask) -> TwoWordMask { TwoWordMask(low: a.low & b.low, high: a.high & b.high) }
    @inline(__always) static prefix func ~ (a: TwoWordMask) -> TwoWordMask { TwoWordMask(low: ~a.low, high: ~a.high) }
    @inline(__always) var isEmpty: Bool { low | high == 0 }
    @inline(__always) mutating func popLowest() -> Int? {
        if let q = low.popLowest() { return q }
        if let q = high.popLowest() { return 64 + q }
        return nil
    }
    @inline(__always) mutating func insert(_ q: Int) {
        if q < 64 { low.insert(q) } else { high.insert(q - 64) }
    }
}
