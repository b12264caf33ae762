/// Everything the tagger reads while it matches, copied once out of a compiled `ConceptLibrary`
/// into flat buffers: the word table, every program's instructions and requirements, the
/// token-set bitsets and the index of required sets.
///
/// Flat buffers make the inner loops plain loads (no array copies, retains, uniqueness or bounds
/// checks). The tables never change after `init`, so one instance is shared by every `Tagger`,
/// on any thread: that is why the unchecked `Sendable` is sound.
final class MatchTables: @unchecked Sendable {
    /// The library's words, for ids (`Lexicon.vocabulary`), and how many there are.
    let vocabulary: Vocabulary
    let vocabularyCount: Int
    /// The library's words and the contractions, with the tokens each becomes (`WordTableBuilder`).
    let words: WordCache
    /// Per library word id: its stem's id and its `Lexicon.Flags`.
    let stemOf: UnsafeBufferPointer<Int32>
    let flags: UnsafeBufferPointer<UInt8>

    /// Every program's `PositionMasks`, back to back: the consuming instructions' op and operand
    /// (`testOp`, `testArg`), and the follow masks, each program's followed by its accept mask.
    /// `layout[p]` says where program `p`'s are, and their shape.
    let testOp: UnsafeBufferPointer<Instruction.Op>
    let testArg: UnsafeBufferPointer<Int32>
    let follow: UnsafeBufferPointer<UInt64>
    let layout: UnsafeBufferPointer<ProgramLayout>
    /// `WordDispatch` tables of the programs that have one: program `p`'s keys are
    /// `dispatchKeys[dispatchStart[p] ..< dispatchStart[p + 1]]` (none: it has no table), and its
    /// masks start at `dispatchMasks[dispatchMaskStart[p]]`.
    let dispatchStart: UnsafeBufferPointer<Int32>
    let dispatchKeys: UnsafeBufferPointer<UInt32>
    let dispatchMaskStart: UnsafeBufferPointer<Int32>
    let dispatchMasks: UnsafeBufferPointer<UInt64>
    /// The most positions, and mask words, of any program (the VM's buffers are sized for them).
    let maxPositions: Int
    let maxMaskWords: Int
    /// Per program, as ranges `xStart[p] ..< xStart[p + 1]` of `x`: `needs`, `absent`, `spelledNegators`.
    let needs: UnsafeBufferPointer<Int32>, needsStart: UnsafeBufferPointer<Int32>
    let absent: UnsafeBufferPointer<Int32>, absentStart: UnsafeBufferPointer<Int32>
    let spelled: UnsafeBufferPointer<Int32>, spelledStart: UnsafeBufferPointer<Int32>
    /// Per program: its concept. Per concept: whether negation is ignored, and its exclusion programs.
    let conceptOf: UnsafeBufferPointer<Int32>
    let ignoresNegation: UnsafeBufferPointer<Bool>
    let exclusions: UnsafeBufferPointer<Int32>, exclusionStart: UnsafeBufferPointer<Int32>

    /// Token sets (`TokenSets.bits`): per stem id, then per form id, `setWords` words of set bits.
    let setBits: UnsafeBufferPointer<UInt64>
    let setWords: Int

    /// `MatchIndex`: per token row, the words of the tagger's `marks` it sets and their bits; the
    /// unanchored patterns, and those with fewer than two required sets, as bit masks.
    let rowStart: UnsafeBufferPointer<Int32>
    let rowWord: UnsafeBufferPointer<Int32>
    let rowBits: UnsafeBufferPointer<UInt64>
    let unanchoredMask: UnsafeBufferPointer<UInt64>
    let oneNeedMask: UnsafeBufferPointer<UInt64>
    /// Words of a bitset over the patterns; where `marks`' second and third parts start, and its size.
    let programWords: Int
    let secondsStart: Int, setsStart: Int, marksCount: Int
    let conceptCount: Int

    private var owned: [UnsafeMutableRawPointer] = []

    init(lexicon: Lexicon, sets: TokenSets, programs: [PatternProgram], conceptOf: [Int32],
         concepts: [Concept], exclusionsOf: [[Int32]], index: MatchIndex) {
        var owned: [UnsafeMutableRawPointer] = []
        func flat<T>(_ a: [T]) -> UnsafeBufferPointer<T> {
            let p = UnsafeMutablePointer<T>.allocate(capacity: max(a.count, 1))
            _ = UnsafeMutableBufferPointer(start: p, count: a.count).initialize(from: a)
            owned.append(UnsafeMutableRawPointer(p))
            return UnsafeBufferPointer(start: p, count: a.count)
        }
        /// Concatenates per-item lists; returns the flat list and the start offsets (count + 1).
        func ragged(_ lists: [[Int32]]) -> (UnsafeBufferPointer<Int32>, UnsafeBufferPointer<Int32>) {
            var all: [Int32] = [], starts: [Int32] = [0]
            for l in lists { all += l; starts.append(Int32(all.count)) }
            return (flat(all), flat(starts))
        }

        vocabulary = lexicon.vocabulary
        vocabularyCount = lexicon.vocabulary.count
        words = WordTableBuilder(lexicon).table
        stemOf = flat(lexicon.stemOf)
        flags = flat(lexicon.flags.map(\.rawValue))

        var testOp: [Instruction.Op] = [], testArg: [Int32] = [], follow: [UInt64] = [], layout: [ProgramLayout] = []
        var dispatchStart: [Int32] = [0], dispatchKeys: [UInt32] = [], dispatchMaskStart: [Int32] = [], dispatchMasks: [UInt64] = []
        for p in programs {
            let m = p.masks
            dispatchMaskStart.append(Int32(dispatchMasks.count))
            if let d = WordDispatch(m) { dispatchKeys += d.keys; dispatchMasks += d.masks }
            dispatchStart.append(Int32(dispatchKeys.count))
            layout.append(ProgramLayout(positionStart: Int32(testOp.count), followStart: Int32(follow.count),
                                        maskWords: Int32(m.words), testCount: Int32(m.tests.count),
                                        contexts: Int32(m.contexts), first: p.first))
            testOp += m.tests.map(\.op); testArg += m.tests.map(\.a)
            follow += m.follow
            // The accept mask: the positions after the tests.
            var accept = [UInt64](repeating: 0, count: m.words)
            for q in m.tests.count..<(m.tests.count + m.acceptCount) { accept[q >> 6] |= 1 << UInt64(q & 63) }
            follow += accept
        }
        self.testOp = flat(testOp); self.testArg = flat(testArg); self.follow = flat(follow); self.layout = flat(layout)
        self.dispatchStart = flat(dispatchStart); self.dispatchKeys = flat(dispatchKeys)
        self.dispatchMaskStart = flat(dispatchMaskStart); self.dispatchMasks = flat(dispatchMasks)
        maxPositions = programs.map { $0.masks.tests.count + $0.masks.acceptCount }.max() ?? 1
        maxMaskWords = max(programs.map(\.masks.words).max() ?? 1, 1)
        (needs, needsStart) = ragged(programs.map(\.needs))
        (absent, absentStart) = ragged(programs.map(\.absent))
        (spelled, spelledStart) = ragged(programs.map(\.spelledNegators))
        self.conceptOf = flat(conceptOf)
        ignoresNegation = flat(concepts.map { $0.negation == .ignore })
        (exclusions, exclusionStart) = ragged(exclusionsOf)

        setBits = flat(sets.bits); setWords = sets.words

        rowStart = flat(index.rowStart); rowWord = flat(index.rowWord); rowBits = flat(index.rowBits)
        unanchoredMask = flat(index.unanchored)
        oneNeedMask = flat(index.oneNeed)
        programWords = index.words
        secondsStart = index.secondsStart; setsStart = index.setsStart; marksCount = index.marksCount
        conceptCount = concepts.count
        self.owned = owned
    }

    deinit {
        for p in owned { p.deallocate() }
        words.deallocate()
    }

    /// Where a program's data is in the tables, and its shape: what `PikeVM` reads first on every
    /// run, in one place.
    struct ProgramLayout {
        /// Its first position in `testOp` and `testArg`, and its first word in `follow`.
        var positionStart: Int32
        var followStart: Int32
        /// `PositionMasks.words`, the number of consuming positions, and `PositionMasks.contexts`.
        var maskWords: Int32
        var testCount: Int32
        var contexts: Int32
        /// The token set its matches begin with, or -1 (`PatternProgram.first`).
        var first: Int32
    }

    /// The library's id of the word spelled by these bytes, or `Vocabulary.unknown`. Only a word
    /// the tagger sees for the first time needs it (`WordCache` has the rest).
    func id(_ word: UnsafeBufferPointer<UInt8>) -> Int32 { vocabulary.id(word) }

    /// Whether a token with this stem and form id is in token set `set` (`Vocabulary.unknown` is in none).
    @inline(__always)
    func contains(_ set: Int32, stem: Int32, form: Int32) -> Bool {
        let column = Int(set) >> 6, bit: UInt64 = 1 << UInt64(set & 63)
        let count = UInt32(vocabularyCount)
        if UInt32(bitPattern: stem) < count, setBits[Int(stem) &* setWords &+ column] & bit != 0 { return true }
        if UInt32(bitPattern: form) < count, setBits[(vocabularyCount &+ Int(form)) &* setWords &+ column] & bit != 0 { return true }
        return false
    }
}
