/// A sentence as the matcher sees it: per token its ids, clause break, negation marks and byte
/// range in the reply. The tagger keeps one and refills it sentence after sentence; its buffers
/// only grow (to the longest sentence seen), so filling it allocates nothing in the steady state.
/// Its owner calls `deallocate()` once.
struct SentenceTokens {
    /// `info` bits.
    static let breakBefore: UInt8 = 1, negator: UInt8 = 2, clauseWord: UInt8 = 4

    var stems = ScratchBuffer<Int32>(capacity: 64)
    var forms = ScratchBuffer<Int32>(capacity: 64)
    var info = ScratchBuffer<UInt8>(capacity: 64)
    /// Index of the negator whose scope covers the token, or -1.
    var negatedBy = ScratchBuffer<Int32>(capacity: 64)
    /// Byte offsets of the token's word in the reply.
    var starts = ScratchBuffer<Int32>(capacity: 64)
    var ends = ScratchBuffer<Int32>(capacity: 64)
    var isQuestion = false
    var count: Int { stems.count }

    @inline(__always)
    mutating func append(stem: Int32, form: Int32, info bits: UInt8, start: Int, end: Int) {
        stems.append(stem); forms.append(form); info.append(bits); negatedBy.append(-1)
        starts.append(Int32(truncatingIfNeeded: start)); ends.append(Int32(truncatingIfNeeded: end))
    }

    mutating func removeAll() {
        stems.removeAll(); forms.removeAll(); info.removeAll(); negatedBy.removeAll()
        starts.removeAll(); ends.removeAll()
        isQuestion = false
    }

    func deallocate() {
        stems.deallocate(); forms.deallocate(); info.deallocate(); negatedBy.deallocate()
        starts.deallocate(); ends.deallocate()
    }

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
