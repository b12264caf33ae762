/// The NFA simulation (a Pike VM): one step per token, each position of the program held by at
/// most one thread, the one that started furthest left, so a run is linear in the sentence's length.
///
/// Threads that started at the same token form a *layer*, and a layer's positions are a bit mask
/// (`PositionMasks`), so a step costs a few mask operations per layer: the positions a layer
/// reaches next are the union of its positions' follow masks, minus those a layer that started
/// further left already holds, and it keeps those whose instruction accepts the next token.
/// Layers are kept in start order, so at each token the first layer to reach an accepting
/// position has the leftmost start; only that layer's match is tried there (an accepting position
/// is held once, like any other).
///
/// A program of at most 256 positions (nearly all) runs with its masks in registers
/// (`firstMatchFixed`, over a `FixedMask`); a larger one loops over its masks' words.
///
/// Its buffers are sized once for the library's largest program, so a run allocates nothing.
/// Its owner calls `deallocate()` once.
struct PikeVM {
    /// Words per mask slot (the largest program's), and the most layers alive at once.
    private let words: Int
    private let capacity: Int
    /// The layers at the current token: start token, and mask (layer `k` at `k * words`).
    private var layerStart: UnsafeMutablePointer<Int32>
    private var layerMask: UnsafeMutablePointer<UInt64>
    /// The layers being built for the next token.
    private var nextStart: UnsafeMutablePointer<Int32>
    private var nextMask: UnsafeMutablePointer<UInt64>
    /// Positions held at the token being reached (the Pike VM's "seen" marks), and one layer's reach.
    private let occupied: UnsafeMutablePointer<UInt64>
    private let reached: UnsafeMutablePointer<UInt64>

    init(tables: MatchTables) {
        words = tables.maxMaskWords
        // Layers hold disjoint, non-empty sets of positions; one more for a layer being added.
        capacity = tables.maxPositions + 2
        layerStart = .allocate(capacity: capacity)
        nextStart = .allocate(capacity: capacity)
        layerMask = .allocate(capacity: capacity * words)
        nextMask = .allocate(capacity: capacity * words)
        occupied = .allocate(capacity: words)
        reached = .allocate(capacity: words)
    }

    func deallocate() {
        layerStart.deallocate(); nextStart.deallocate(); layerMask.deallocate(); nextMask.deallocate()
        occupied.deallocate(); reached.deallocate()
    }

    /// The first match of program `p` (earliest end, then leftmost start) in `s`. With
    /// `blockNegated`, a match under negation is not taken (`SentenceTokens.isNegated`; `spelled`
    /// are the program's own negators).
    ///
    /// A layer starts only at a token a match can begin with (`first`); one started elsewhere would
    /// hold nothing after its first token, and, added last, never displaces another.
    mutating func firstMatch(_ p: Int, in s: SentenceTokens, tables: MatchTables,
                             blockNegated: Bool, spelled: UnsafeBufferPointer<Int32>) -> Range<Int>? {
        let program = Program(p, tables)
        switch program.words {
        case 1: return firstMatchFixed(UInt64.self, program, in: s, tables: tables, blockNegated: blockNegated, spelled: spelled)
        case 2: return firstMatchFixed(TwoWordMask.self, program, in: s, tables: tables, blockNegated: blockNegated, spelled: spelled)
        case 4: return firstMatchFixed(FourWordMask.self, program, in: s, tables: tables, blockNegated: blockNegated, spelled: spelled)
        default: break
        }
        let n = s.count
        let w = program.words
        let first = program.first, contexts = program.contexts
        func canStart(_ i: Int) -> Bool { Self.canStart(first, at: i, in: s, tables) }
        func context(_ i: Int) -> Int { Self.context(contexts, before: i, of: n, in: s) }

        var count = 0
        var pos = 0
        while true {
            if count == 0 {
                // No thread alive: go straight to the next token a match can begin with.
                while pos < n && !canStart(pos) { pos += 1 }
                if pos == n { return nil }
                Self.clear(occupied, w)
            }
            if pos < n && canStart(pos) {
                // A layer starting at `pos`, after those carried here (so last in priority).
                let entry = program.startEntry + context(pos) * w
                for k in 0..<w {
                    let r = entry[k] & ~occupied[k]
                    occupied[k] |= r
                    reached[k] = r
                }
                if keep(program, token: pos, of: s, tables, into: layerMask + count * w) {
                    layerStart[count] = Int32(pos)
                    count += 1
                }
            }
            if count == 0 { pos += 1; continue }

            // Every layer takes token `pos` and reaches the boundary before token `pos + 1`.
            let next = pos + 1
            let c = context(next)
            Self.clear(occupied, w)
            var nextCount = 0
            for layer in 0..<count {
                Self.clear(reached, w)
                let held = layerMask + layer * w
                for k in 0..<w {
                    var bits = held[k]
                    while bits != 0 {
                        let q = k << 6 | bits.trailingZeroBitCount
                        bits &= bits &- 1
                        let f = program.follow + q * program.entryStride + c * w
                        for v in 0..<w { reached[v] |= f[v] }
                    }
                }
                var accepts = false
                for k in 0..<w {
                    let r = reached[k] & ~occupied[k]
                    occupied[k] |= r
                    reached[k] = r
                    if r & program.accept[k] != 0 { accepts = true }
                }
                let start = Int(layerStart[layer])
                if accepts && (!blockNegated || !s.isNegated(start, next, spelled: spelled)) { return start..<next }
                if next < n, keep(program, token: next, of: s, tables, into: nextMask + nextCount * w) {
                    nextStart[nextCount] = Int32(start)
                    nextCount += 1
                }
            }
            swap(&layerStart, &nextStart)
            swap(&layerMask, &nextMask)
            count = nextCount
            pos = next
        }
    }

    /// `firstMatch` for a program whose masks fit in registers (`FixedMask`: at most 256
    /// positions, nearly every program), with no loops over mask words.
    private mutating func firstMatchFixed<Mask: FixedMask>(_: Mask.Type, _ program: Program, in s: SentenceTokens, tables: MatchTables,
                                                           blockNegated: Bool, spelled: UnsafeBufferPointer<Int32>) -> Range<Int>? {
        let n = s.count
        let first = program.first, contexts = program.contexts
        let w = Mask.words
        let accept = Mask(program.accept)
        let tests = Mask.below(program.tests)
        func follow(_ q: Int, _ c: Int) -> Mask { Mask(program.follow + (q &* contexts &+ c) &* w) }
        func canStart(_ i: Int) -> Bool { Self.canStart(first, at: i, in: s, tables) }
        func context(_ i: Int) -> Int { Self.context(contexts, before: i, of: n, in: s) }
        /// The positions of `reached` whose instruction accepts token `i`.
        func keep(_ reached: Mask, token i: Int) -> Mask {
            let stem = s.stems[i], form = s.forms[i]
            if program.dispatchCount > 0 {
                // Word positions by lookup (`WordDispatch`); the others one by one.
                var kept = Mask.zero
                if stem >= 0, let k = program.dispatchIndex(WordDispatch.key(stem: stem)) { kept = Mask(program.dispatchMasks + (k &+ 1) &* w) }
                if form >= 0, let k = program.dispatchIndex(WordDispatch.key(form: form)) { kept = kept | Mask(program.dispatchMasks + (k &+ 1) &* w) }
                kept = kept & reached
                var bits = reached & Mask(program.dispatchMasks)
                while let q = bits.popLowest() {
                    if program.test(q, stem: stem, form: form, tables) { kept.insert(q) }
                }
                return kept
            }
            var bits = reached & tests, kept = Mask.zero
            while let q = bits.popLowest() {
                if program.test(q, stem: stem, form: form, tables) { kept.insert(q) }
            }
            return kept
        }

        var count = 0
        var pos = 0
        var occupied = Mask.zero
        while true {
            if count == 0 {
                while pos < n && !canStart(pos) { pos += 1 }
                if pos == n { return nil }
                occupied = .zero
            }
            if pos < n && canStart(pos) {
                let r = Mask(program.startEntry + context(pos) * w) & ~occupied
                occupied = occupied | r
                let kept = keep(r, token: pos)
                if !kept.isEmpty {
                    layerStart[count] = Int32(pos)
                    kept.store(to: layerMask + count * w)
                    count += 1
                }
            }
            if count == 0 { pos += 1; continue }

            let next = pos + 1
            let c = context(next)
            occupied = .zero
            var nextCount = 0
            for layer in 0..<count {
                var bits = Mask(layerMask + layer * w), reached = Mask.zero
                while let q = bits.popLowest() { reached = reached | follow(q, c) }
                let r = reached & ~occupied
                occupied = occupied | r
                let start = Int(layerStart[layer])
                if !(r & accept).isEmpty && (!blockNegated || !s.isNegated(start, next, spelled: spelled)) { return start..<next }
                if next < n {
                    let kept = keep(r, token: next)
                    if !kept.isEmpty {
                        nextStart[nextCount] = Int32(start)
                        kept.store(to: nextMask + nextCount * w)
                        nextCount += 1
                    }
                }
            }
            swap(&layerStart, &nextStart)
            swap(&layerMask, &nextMask)
            count = nextCount
            pos = next
        }
    }

    /// Whether a match of a program whose matches begin with token set `first` (-1: any token) can
    /// begin with token `i` of `s`. Both run paths use it.
    @inline(__always)
    private static func canStart(_ first: Int32, at i: Int, in s: SentenceTokens, _ tables: MatchTables) -> Bool {
        first < 0 || tables.contains(first, stem: s.stems[i], form: s.forms[i])
    }

    /// The follow-mask context (`PositionMasks.Context`) of the boundary before token `i` of the
    /// `n` tokens of `s`, for a program with `contexts` of them (1: it has no anchors).
    @inline(__always)
    private static func context(_ contexts: Int, before i: Int, of n: Int, in s: SentenceTokens) -> Int {
        if contexts == 1 { return 0 }
        if i == 0 { return PositionMasks.Context.start.rawValue }
        if i == n { return (s.isQuestion ? PositionMasks.Context.questionEnd : .end).rawValue }
        return (s.info[i] & SentenceTokens.breakBefore != 0 ? PositionMasks.Context.clauseBreak : .middle).rawValue
    }

    /// Zeroes a mask of `w` words (the first by hand: most masks are one word, and a zeroing loop
    /// becomes a `memset` call).
    @inline(__always)
    private static func clear(_ mask: UnsafeMutablePointer<UInt64>, _ w: Int) {
        mask[0] = 0
        if w > 1 { (mask + 1).update(repeating: 0, count: w - 1) }
    }

    /// Where program `p`'s masks and tests are in the tables.
    private struct Program {
        let words: Int
        let tests: Int
        let contexts: Int
        /// Words from one follow entry to the next (`contexts * words`).
        let entryStride: Int
        let follow: UnsafePointer<UInt64>
        let startEntry: UnsafePointer<UInt64>
        let accept: UnsafePointer<UInt64>
        let ops: UnsafePointer<Instruction.Op>
        let args: UnsafePointer<Int32>

        let first: Int32
        /// Its `WordDispatch` keys (none: it has no table) and masks.
        let dispatchKeys: UnsafePointer<UInt32>
        let dispatchCount: Int
        let dispatchMasks: UnsafePointer<UInt64>

        @inline(__always)
        init(_ p: Int, _ tables: MatchTables) {
            let l = tables.layout[p]
            words = Int(l.maskWords)
            tests = Int(l.testCount)
            contexts = Int(l.contexts)
            first = l.first
            entryStride = contexts * words
            follow = tables.follow.baseAddress! + Int(l.followStart)
            startEntry = follow + tests * entryStride
            accept = follow + (tests + 1) * entryStride
            ops = tables.testOp.baseAddress! + Int(l.positionStart)
            args = tables.testArg.baseAddress! + Int(l.positionStart)
            let d = Int(tables.dispatchStart[p])
            dispatchKeys = tables.dispatchKeys.baseAddress! + d
            dispatchCount = Int(tables.dispatchStart[p + 1]) - d
            dispatchMasks = tables.dispatchMasks.baseAddress! + Int(tables.dispatchMaskStart[p])
        }

        /// The index of a `WordDispatch` key among this program's, or nil.
        @inline(__always)
        func dispatchIndex(_ key: UInt32) -> Int? { WordDispatch.find(key, in: dispatchKeys, count: dispatchCount) }

        /// Whether the instruction at consuming position `q` accepts a token with this stem and form.
        @inline(__always)
        func test(_ q: Int, stem: Int32, form: Int32, _ tables: MatchTables) -> Bool {
            switch ops[q] {
            case .stem: return args[q] == stem
            case .form: return args[q] == form
            case .oneOf: return tables.contains(args[q], stem: stem, form: form)
            default: return true // .any (the only other consuming instruction)
            }
        }
    }

    /// Writes to `mask` the consuming positions in `reached` whose instruction accepts token `i`;
    /// false when there are none.
    @inline(__always)
    private func keep(_ program: Program, token i: Int, of s: SentenceTokens, _ tables: MatchTables,
                      into mask: UnsafeMutablePointer<UInt64>) -> Bool {
        let stem = s.stems[i], form = s.forms[i]
        var any: UInt64 = 0
        for k in 0..<program.words {
            var bits = reached[k], kept: UInt64 = 0
            while bits != 0 {
                let b = bits.trailingZeroBitCount
                let q = k << 6 | b
                if q >= program.tests { break } // the accepting positions come last
                bits &= bits &- 1
                if program.test(q, stem: stem, form: form, tables) { kept |= 1 << UInt64(b) }
            }
            mask[k] = kept
            any |= kept
        }
        return any != 0
    }
}
