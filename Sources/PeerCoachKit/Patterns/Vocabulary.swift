/// Interns words as byte strings, so matching compares integers, not strings, and a reply's words
/// are looked up straight from its UTF-8 bytes without building a `String` for each.
///
/// Words a reply uses that the table does not hold map to `Vocabulary.unknown`: the table only grows
/// while a library is compiled, never while replies are tagged. An open-addressing hash table
/// (linear probing, at most half full) over one flat buffer of key bytes.
public struct Vocabulary: Sendable {
    public static let unknown: Int32 = -1
    /// Every key's bytes, back to back: key `i` is `keyBytes[keyStart[i] ..< keyStart[i + 1]]`.
    private(set) var keyBytes: [UInt8] = []
    private(set) var keyStart: [Int32] = [0]
    /// Slot -> id, or -1 when empty. Its count is a power of two.
    private(set) var slots = [Int32](repeating: -1, count: 64)

    public init() {}

    public var count: Int { keyStart.count - 1 }

    /// The id of `word`, adding it if new.
    @discardableResult
    mutating func intern(_ word: String) -> Int32 {
        var w = word
        return w.withUTF8 { internBytes($0) }
    }

    private mutating func internBytes(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let found = id(key)
        if found != Vocabulary.unknown { return found }
        if (count + 1) * 2 > slots.count { grow() }
        let newID = Int32(count)
        keyBytes.append(contentsOf: key)
        keyStart.append(Int32(keyBytes.count))
        insert(newID, hash: Self.hash(key))
        return newID
    }

    /// The id of `word`, or `unknown`.
    public func id(_ word: String) -> Int32 {
        var w = word
        return w.withUTF8 { id($0) }
    }

    /// The id of the word spelled by these bytes, or `unknown`.
    func id(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Self.hash(key)) & mask
        return slots.withUnsafeBufferPointer { slots in
            keyBytes.withUnsafeBufferPointer { bytes in
                keyStart.withUnsafeBufferPointer { starts in
                    while true {
                        let candidate = slots[slot]
                        if candidate < 0 { return Vocabulary.unknown }
                        let lo = Int(starts[Int(candidate)]), hi = Int(starts[Int(candidate) + 1])
                        if hi - lo == key.count, key.count == 0 || memoryEqual(bytes.baseAddress! + lo, key.baseAddress!, key.count) {
                            return candidate
                        }
                        slot = (slot + 1) & mask
                    }
                }
            }
        }
    }

    /// The word with this id (for diagnostics and tests).
    func word(_ id: Int32) -> String {
        String(decoding: keyBytes[Int(keyStart[Int(id)])..<Int(keyStart[Int(id) + 1])], as: UTF8.self)
    }

    private mutating func grow() {
        slots = [Int32](repeating: -1, count: slots.count * 2)
        for i in 0..<count {
            let h = keyBytes.withUnsafeBufferPointer { b in
                Self.hash(UnsafeBufferPointer(rebasing: b[Int(keyStart[i])..<Int(keyStart[i + 1])]))
            }
            insert(Int32(i), hash: h)
        }
    }

    private mutating func insert(_ id: Int32, hash: UInt64) {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = id
    }

    /// The hash of a key: eight bytes at a time (a multiply and a shift per eight), then the
    /// last few bytes, then a final mix. Words are short, so most take one or two multiplies.
    @inline(__always)
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = key.baseAddress else { return 0 }
        var (h, i) = whole(p, key.count)
        var tail: UInt64 = 0, shift: UInt64 = 0
        while i < key.count {
            tail |= UInt64(p[i]) << shift
            shift &+= 8
            i &+= 1
        }
        return finish(h, tail)
    }

    /// `hash(key)` for a key followed by at least eight readable bytes (the tagger's word buffer):
    /// the last few bytes are read as one eight-byte load and masked.
    @inline(__always)
    static func hash(padded key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = key.baseAddress else { return 0 }
        let (h, i) = whole(p, key.count)
        let n = key.count
        let tail = i < n ? UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) & (1 << UInt64((n &- i) &* 8) &- 1) : 0
        return finish(h, tail)
    }

    /// The hash state after the key's whole eight-byte words, and where the rest begins.
    @inline(__always)
    private static func whole(_ p: UnsafePointer<UInt8>, _ n: Int) -> (UInt64, Int) {
        var h = 0x9E37_79B9_7F4A_7C15 &* UInt64(truncatingIfNeeded: n &+ 1)
        var i = 0
        while i &+ 8 <= n {
            h = (h ^ UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self)) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
            i &+= 8
        }
        return (h, i)
    }

    @inline(__always)
    private static func finish(_ h: UInt64, _ tail: UInt64) -> UInt64 {
        let m = (h ^ tail) &* 0x94D0_49BB_1331_11EB
        return m ^ (m >> 29)
    }
}

@inline(__always)
private func memoryEqual(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, _ n: Int) -> Bool {
    for i in 0..<n where a[i] != b[i] { return false }
    return true
}
