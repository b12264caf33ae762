/// Words, each with the tokens it becomes, so that any word of a reply costs a hash lookup or two.
///
/// The library's word table (`MatchTables.words`) is one, built once with `add`: its words and
/// the contractions. Each tagger has another for the words it meets that the table does not hold.
///
/// A word the table does not hold is learned the first time it is seen: the tagger makes its
/// tokens the slow way (contraction rules, suffix rules, Unicode case folding) and `learn`s them.
/// Learning is bounded: once `learnLimit` words have been learned they are all forgotten and
/// learning starts over, so memory stays flat whatever the input. A word's tokens depend on its
/// bytes alone, so forgetting changes no result, only how fast it comes. A new cache is small and
/// grows as it learns, so making a tagger stays cheap.
///
/// Open addressing with linear probing; the slot array is never more than half full. Its owner
/// calls `deallocate()` once.
struct WordCache {
    /// A token as the tagger stores it: ids, and `SentenceTokens` info bits (negator, clause word).
    struct Token {
        var form: Int32
        var stem: Int32
        var info: UInt8
    }

    /// How many words are learned before they are all forgotten.
    static let learnLimit = 1 << 12

    /// Per slot: 0 when empty, else the high 32 bits of the word's hash and (low 32 bits) one more
    /// than the offset of its record in `arena`. A probe touches the word's bytes only when the
    /// hash bits agree.
    private var slots: UnsafeMutablePointer<UInt64>
    private var mask: Int
    /// Word records back to back, each 4-byte aligned: a header word (key length, token count <<
    /// 16), the tokens, then the key bytes. One record is one or two cache lines.
    private var arena = ScratchBuffer<UInt32>(capacity: 256)
    /// Words held.
    private var learned = 0
    private static let tokenWords = MemoryLayout<Token>.stride / 4
    private static let initialSlots = 64

    init() {
        slots = .allocate(capacity: Self.initialSlots)
        slots.initialize(repeating: 0, count: Self.initialSlots)
        mask = Self.initialSlots - 1
    }

    func deallocate() { slots.deallocate(); arena.deallocate() }

    /// `SentenceTokens` info bits for a word's `Lexicon.Flags`.
    @inline(__always)
    static func info(_ flags: UInt8) -> UInt8 {
        var info: UInt8 = 0
        if flags & Lexicon.Flags.negator.rawValue != 0 { info |= SentenceTokens.negator }
        if flags & Lexicon.Flags.clauseWord.rawValue != 0 { info |= SentenceTokens.clauseWord }
        return info
    }

    /// The tokens of the word spelled by `key` (hashed with `Vocabulary.hash`, and followed by
    /// eight readable bytes), or nil when it has not been learned.
    @inline(__always)
    func tokens(of key: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UnsafeBufferPointer<Token>? {
        var slot = Int(truncatingIfNeeded: hash) & mask
        let tag = hash & 0xFFFF_FFFF_0000_0000
        while true {
            let s = slots[slot]
            if s == 0 { return nil }
            if s & 0xFFFF_FFFF_0000_0000 == tag {
                let record = arena.base + Int(truncatingIfNeeded: s & 0xFFFF_FFFF) - 1
                let header = Int(record[0])
                let count = header >> 16
                if header & 0xFFFF == key.count {
                    let bytes = UnsafeRawPointer(record + 1 + count * Self.tokenWords).assumingMemoryBound(to: UInt8.self)
                    if Self.same(bytes, key) {
                        return UnsafeBufferPointer(start: UnsafeRawPointer(record + 1).assumingMemoryBound(to: Token.self), count: count)
                    }
                }
            }
            slot = (slot + 1) & mask
        }
    }

    /// Learns that the word spelled by `key` (not yet known) becomes `made`, and returns its tokens.
    mutating func learn(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, made: UnsafeBufferPointer<Token>) -> UnsafeBufferPointer<Token> {
        if learned >= Self.learnLimit { forget() }
        return add(key, hash: hash, made: made)
    }

    /// Adds a word (not yet held) with no limit: for building the library's word table.
    @discardableResult
    mutating func add(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, made: UnsafeBufferPointer<Token>) -> UnsafeBufferPointer<Token> {
        if 2 * (learned + 1) > mask + 1 { resize(to: 2 * (mask + 1)) }
        learned += 1
        let at = arena.count
        let words = 1 + made.count * Self.tokenWords + (key.count + 3) / 4
        arena.reserve(at + words + 2) // eight readable bytes past any key, for `same`
        arena.count = at + words
        let record = arena.base + at
        record[0] = UInt32(key.count) | UInt32(made.count) << 16
        let tokens = UnsafeMutableRawPointer(record + 1).bindMemory(to: Token.self, capacity: made.count)
        for (i, t) in made.enumerated() { tokens[i] = t }
        let bytes = UnsafeMutableRawPointer(record + 1 + made.count * Self.tokenWords).bindMemory(to: UInt8.self, capacity: key.count)
        for (i, b) in key.enumerated() { bytes[i] = b }
        place(at, hash: hash)
        return UnsafeBufferPointer(start: tokens, count: made.count)
    }

    /// Drops every learned word.
    private mutating func forget() {
        slots.update(repeating: 0, count: mask + 1)
        arena.count = 0
        learned = 0
    }

    /// A slot array of `size` slots, with every record put back in it.
    private mutating func resize(to size: Int) {
        slots.deallocate()
        slots = .allocate(capacity: size)
        slots.initialize(repeating: 0, count: size)
        mask = size - 1
        var at = 0
        while at < arena.count {
            let header = Int(arena[at])
            let count = header >> 16, length = header & 0xFFFF
            let key = UnsafeRawPointer(arena.base + at + 1 + count * Self.tokenWords).assumingMemoryBound(to: UInt8.self)
            place(at, hash: Vocabulary.hash(UnsafeBufferPointer(start: key, count: length)))
            at += 1 + count * Self.tokenWords + (length + 3) / 4
        }
    }

    /// Puts the record at `at` in the first free slot from its hash's.
    private func place(_ at: Int, hash: UInt64) {
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] != 0 { slot = (slot + 1) & mask }
        slots[slot] = hash & 0xFFFF_FFFF_0000_0000 | UInt64(at + 1)
    }

    /// Whether the key bytes at `a` spell `key`; both are followed by eight readable bytes, so
    /// they are compared eight at a time.
    @inline(__always)
    private static func same(_ a: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let n = key.count
        guard let b = key.baseAddress else { return n == 0 }
        var i = 0
        while i &+ 8 <= n {
            if UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self) { return false }
            i &+= 8
        }
        if i == n { return true }
        let diff = UnsafeRawPointer(a + i).loadUnaligned(as: UInt64.self) ^ UnsafeRawPointer(b + i).loadUnaligned(as: UInt64.self)
        return diff & (1 << UInt64((n &- i) &* 8) &- 1) == 0
    }
}
