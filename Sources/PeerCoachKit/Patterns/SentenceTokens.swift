/// A sentence as the matcher sees it: per token its ids, clause break, negation marks and byte
/// range in the reply. The tagger keeps one and refills it sentence after sentence; its buffer
/// only grows (to the longest sentence seen), so filling it allocates nothing in the steady state.
/// Its owner calls `deallocate()` once.
///
/// All columns live in one allocation; the struct holds a pointer to each (so reaching a column is
/// no arithmetic) and is ten words, so handing it to the matcher copies nothing worth the name.
struct SentenceTokens {
    /// `info` bits.
    static let breakBefore: UInt8 = 1, negator: UInt8 = 2, clauseWord: UInt8 = 4
    /// Bytes per token: stem, form, negatedBy, start, end (4 bytes each) and info.
    private static let rowBytes = 5 * 4 + 1

    private let base: UnsafeMutableRawPointer
    private let capacity: Int
    private(set) var count = 0
    var isQuestion = false

    let stems: UnsafeMutablePointer<Int32>
    let forms: UnsafeMutablePointer<Int32>
    /// Index of the negator whose scope covers the token, or -1.
    let negatedBy: UnsafeMutablePointer<Int32>
    /// Byte offsets of the token's word in the reply.
    let starts: UnsafeMutablePointer<Int32>
    let ends: UnsafeMutablePointer<Int32>
    let info: UnsafeMutablePointer<UInt8>

    init(capacity: Int = 64) {
        self.capacity = capacity
        base = .allocate(byteCount: capacity * Self.rowBytes, alignment: 4)
        let column = base.bindMemory(to: Int32.self, capacity: 5 * capacity)
        stems = column; forms = column + capacity; negatedBy = column + 2 * capacity
        starts = column + 3 * capacity; ends = column + 4 * capacity
        info = (base + 20 * capacity).bindMemory(to: UInt8.self, capacity: capacity)
    }

    @inline(__always)
    mutating func append(stem: Int32, form: Int32, info bits: UInt8, start: Int, end: Int) {
        if count == capacity { grow() }
        let i = count
        stems[i] = stem; forms[i] = form; info[i] = bits; negatedBy[i] = -1
        starts[i] = Int32(truncatingIfNeeded: start); ends[i] = Int32(truncatingIfNeeded: end)
        count += 1
    }

    private mutating func grow() {
        var bigger = SentenceTokens(capacity: capacity * 2)
        for (to, from) in [(bigger.stems, stems), (bigger.forms, forms), (bigger.negatedBy, negatedBy),
                           (bigger.starts, starts), (bigger.ends, ends)] {
            to.update(from: from, count: count)
        }
        bigger.info.update(from: info, count: count)
        bigger.count = count
        bigger.isQuestion = isQuestion
        deallocate()
        self = bigger
    }

    mutating func removeAll() {
        count = 0
        isQuestion = false
    }

    func deallocate() { base.deallocate() }

    /// A match of tokens `lo..<hi` is negated when a negator the pattern does not spell (`spelled`)
    /// lies inside it, or one of its words is in the scope of a negator that comes before it.
    func isNegated(_ lo: Int, _ hi: Int, spelled: UnsafeBufferPointer<Int32>) -> Bool {
        for i in lo..<hi {
            if info[i] & Self.negator != 0 && !spelled.contains(forms[i]) { return true }
            let neg = negatedBy[i]
            if neg >= 0 && Int(neg) < lo { return true }
        }
        return false
    }
}

extension SentenceTokens: NegationMarks {
    func breakBefore(_ i: Int) -> Bool { info[i] & Self.breakBefore != 0 }
    func isClauseWord(_ i: Int) -> Bool { info[i] & Self.clauseWord != 0 }
    func isNegator(_ i: Int) -> Bool { info[i] & Self.negator != 0 }
    /// Negators are flagged as their tokens are made.
    mutating func markNegator(_ i: Int) {}
    mutating func mark(_ i: Int, negatedBy negator: Int) { negatedBy[i] = Int32(negator) }
}
