/// For a program with many word tests, the positions that accept a token, found with a binary
/// search for its stem and one for its form instead of a test per position.
///
/// `PikeVM` keeps, of the positions a layer reaches, those whose instruction accepts the next
/// token. Most programs reach a handful, and testing each is cheapest. A program that uses a set
/// with many phrases (their words are expanded inline, one position each) can reach dozens of
/// `.stem` and `.form` positions at once, for example after a gap before `~clinicians`; testing
/// them one by one was most of its time. With a dispatch table its word positions cost two
/// lookups, and only its `.oneOf` and `.any` positions are tested one by one.
struct WordDispatch {
    /// Programs with fewer word positions than this test them one by one.
    static let minimumWordPositions = 16

    /// The word tests' keys (`key(stem:)`, `key(form:)`), sorted and distinct.
    let keys: [UInt32]
    /// The consuming positions that are not word tests (a mask of `words` words), then per key
    /// the positions that test it (`words` words each).
    let masks: [UInt64]

    /// The table for a program's positions, or nil when it has too few word tests to need one.
    init?(_ m: PositionMasks) {
        var count = 0
        for test in m.tests where test.op == .stem || test.op == .form { count += 1 }
        guard count >= Self.minimumWordPositions else { return nil }
        var others = [UInt64](repeating: 0, count: m.words)
        var words: [(key: UInt32, position: Int)] = []
        words.reserveCapacity(count)
        for (q, test) in m.tests.enumerated() {
            switch test.op {
            case .stem: words.append((Self.key(stem: test.a), q))
            case .form: words.append((Self.key(form: test.a), q))
            default: others[q >> 6] |= 1 << UInt64(q & 63)
            }
        }
        words.sort { $0.key < $1.key }
        var keys: [UInt32] = [], masks = others
        for (key, q) in words {
            if keys.last != key {
                keys.append(key)
                masks += repeatElement(0, count: m.words)
            }
            masks[masks.count - m.words + q >> 6] |= 1 << UInt64(q & 63)
        }
        self.keys = keys
        self.masks = masks
    }

    /// The key of a `.stem` test of stem id `id` (ids are never negative), and of a `.form` test.
    @inline(__always) static func key(stem id: Int32) -> UInt32 { UInt32(bitPattern: id) }
    @inline(__always) static func key(form id: Int32) -> UInt32 { UInt32(bitPattern: id) | 1 << 31 }

    /// The index of `key` among the `count` sorted keys at `keys`, or nil.
    @inline(__always)
    static func find(_ key: UInt32, in keys: UnsafePointer<UInt32>, count: Int) -> Int? {
        var lo = 0, hi = count
        while lo < hi {
            let mid = (lo &+ hi) >> 1
            if keys[mid] < key { lo = mid &+ 1 } else { hi = mid }
        }
        return lo < count && keys[lo] == key ? lo : nil
    }
}
