/// Everything the tagger reads while it matches, copied once out of a compiled `ConceptLibrary`
/// into flat buffers: the word table, every program's instructions and requirements, the
/// token-set bitsets and the index of required sets.
///
/// Flat buffers make the inner loops plain loads (no array copies, retains, uniqueness or bounds
/// checks). The tables never change after `init`, so one instance is shared by every `Tagger`,
/// on any thread: that is why the unchecked `Sendable` is sound.
final class MatchTables: @unchecked Sendable {
    /// The word table: open addressing, as in `Vocabulary`, over the library's words (ids
    /// `0 ..< vocabularyCount`, the same as the library's) and then the contractions
    /// (`Contractions.whole`) it does not hold. Key `k` stands for the tokens
    /// `tokenStart[k] ..< tokenStart[k + 1]` of `tokenForm`, `tokenStem`, `tokenFlags`: one for a
    /// library word (itself, its stem, its `Lexicon.Flags`), the expansion for a contraction.
    let slots: UnsafeBufferPointer<Int32>
    let keyBytes: UnsafeBufferPointer<UInt8>
    let keyStart: UnsafeBufferPointer<Int32>
    let vocabularyCount: Int
    let tokenStart: UnsafeBufferPointer<Int32>
    let tokenForm: UnsafeBufferPointer<Int32>
    let tokenStem: UnsafeBufferPointer<Int32>
    let tokenFlags: UnsafeBufferPointer<UInt8>
    /// Per library word id: its stem's id and its `Lexicon.Flags`.
    let stemOf: UnsafeBufferPointer<Int32>
    let flags: UnsafeBufferPointer<UInt8>

    /// Instructions of every program back to back; program `p` starts at `codeStart[p]`.
    let code: UnsafeBufferPointer<Instruction>
    let codeStart: UnsafeBufferPointer<Int32>
    /// The longest program's length (the VM's lists never hold more threads).
    let maxCode: Int
    /// Per program: the token set its matches begin with, or -1 (`PatternProgram.first`).
    let first: UnsafeBufferPointer<Int32>
    /// `PatternProgram.closures` and `.filters`, by global pc (`codeStart[p] + pc`): the closure of
    /// pc `g` is `closureItems[closureStart[g] ..< closureStart[g + 1]]` (program-local pcs).
    let closureItems: UnsafeBufferPointer<Int32>, closureStart: UnsafeBufferPointer<Int32>
    let closureFilter: UnsafeBufferPointer<Int32>
    /// Per program, as ranges `xStart[p] ..< xStart[p + 1]` of `x`: `needs`, `absent`, `spelledNegators`.
    let needs: UnsafeBufferPointer<Int32>, needsStart: UnsafeBufferPointer<Int32>
    let absent: UnsafeBufferPointer<Int32>, absentStart: UnsafeBufferPointer<Int32>
    let spelled: UnsafeBufferPointer<Int32>, spelledStart: UnsafeBufferPointer<Int32>
    /// Per program: its concept. Per concept: whether negation is ignored, and its exclusion programs.
    let conceptOf: UnsafeBufferPointer<Int32>
    let ignoresNegation: UnsafeBufferPointer<Bool>
    let exclusions: UnsafeBufferPointer<Int32>, exclusionStart: UnsafeBufferPointer<Int32>

    /// Token sets: per set `setWords` words of stem bits then `setWords` of form bits; and each
    /// set's members as lists (stems then forms), to probe a sentence's present tokens instead.
    let setBits: UnsafeBufferPointer<UInt64>
    let setWords: Int
    let setMembers: UnsafeBufferPointer<Int32>
    /// Set `s`'s stems are `setMembers[setStart[2s] ..< setStart[2s+1]]`, its forms up to `setStart[2s+2]`.
    let setStart: UnsafeBufferPointer<Int32>

    /// `MatchIndex`: token -> required sets, set -> anchored patterns; and the unanchored patterns
    /// as a bit mask over pattern indices (`programWords` words).
    let tokenSets: UnsafeBufferPointer<Int32>, tokenSetStart: UnsafeBufferPointer<Int32>
    let anchored: UnsafeBufferPointer<Int32>, anchoredStart: UnsafeBufferPointer<Int32>
    let unanchoredMask: UnsafeBufferPointer<UInt64>
    /// Words of a bitset over token sets.
    let setCountWords: Int
    let programWords: Int
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

        let words = WordTableBuilder(lexicon)
        slots = flat(words.keys.slots); keyBytes = flat(words.keys.keyBytes); keyStart = flat(words.keys.keyStart)
        vocabularyCount = lexicon.vocabulary.count
        tokenStart = flat(words.tokenStart); tokenForm = flat(words.tokenForm)
        tokenStem = flat(words.tokenStem); tokenFlags = flat(words.tokenFlags)
        stemOf = flat(lexicon.stemOf)
        flags = flat(lexicon.flags.map(\.rawValue))

        var code: [Instruction] = [], codeStart: [Int32] = [0]
        for p in programs { code += p.code; codeStart.append(Int32(code.count)) }
        self.code = flat(code); self.codeStart = flat(codeStart)
        maxCode = programs.map(\.code.count).max() ?? 1
        first = flat(programs.map(\.first))
        (closureItems, closureStart) = ragged(programs.flatMap(\.closures))
        closureFilter = flat(programs.flatMap(\.filters))
        (needs, needsStart) = ragged(programs.map(\.needs))
        (absent, absentStart) = ragged(programs.map(\.absent))
        (spelled, spelledStart) = ragged(programs.map(\.spelledNegators))
        self.conceptOf = flat(conceptOf)
        ignoresNegation = flat(concepts.map { $0.negation == .ignore })
        (exclusions, exclusionStart) = ragged(exclusionsOf)

        setBits = flat(sets.bits); setWords = sets.words
        var members: [[Int32]] = []
        for s in sets.list { members.append(s.stems); members.append(s.forms) }
        (setMembers, setStart) = ragged(members)

        tokenSets = flat(index.tokenSets); tokenSetStart = flat(index.tokenSetStart)
        anchored = flat(index.anchored); anchoredStart = flat(index.anchoredStart)
        setCountWords = (sets.list.count + 63) / 64 + 1
        let patternCount = conceptOf.count
        programWords = (patternCount + 63) / 64 + 1
        var mask = [UInt64](repeating: 0, count: programWords)
        for p in index.unanchored { mask[Int(p) >> 6] |= 1 << UInt64(p & 63) }
        unanchoredMask = flat(mask)
        conceptCount = concepts.count
        self.owned = owned
    }

    deinit { for p in owned { p.deallocate() } }

    /// The word table's key for these bytes, or `Vocabulary.unknown`.
    @inline(__always)
    func key(_ key: UnsafeBufferPointer<UInt8>) -> Int32 {
        let mask = slots.count - 1
        var slot = Int(truncatingIfNeeded: Vocabulary.hash(key)) & mask
        while true {
            let candidate = slots[slot]
            if candidate < 0 { return Vocabulary.unknown }
            let lo = Int(keyStart[Int(candidate)]), hi = Int(keyStart[Int(candidate) + 1])
            if hi - lo == key.count, sameBytes(keyBytes.baseAddress! + lo, key) {
                return candidate
            }
            slot = (slot + 1) & mask
        }
    }

    /// The library's id of the word spelled by these bytes, or `Vocabulary.unknown` (as `Vocabulary.id`).
    @inline(__always)
    func id(_ word: UnsafeBufferPointer<UInt8>) -> Int32 {
        let k = key(word)
        return k < vocabularyCount ? k : Vocabulary.unknown
    }

    /// Whether a token with this stem and form id is in token set `set` (as `TokenSets.contains`).
    @inline(__always)
    func contains(_ set: Int32, stem: Int32, form: Int32) -> Bool {
        let base = Int(set) &* 2 &* setWords
        let limit = UInt32(setWords &* 64)
        if UInt32(bitPattern: stem) < limit, setBits[base &+ Int(stem) >> 6] & (1 << UInt64(stem & 63)) != 0 { return true }
        if UInt32(bitPattern: form) < limit, setBits[base &+ setWords &+ Int(form) >> 6] & (1 << UInt64(form & 63)) != 0 { return true }
        return false
    }
}

@inline(__always)
private func sameBytes(_ a: UnsafePointer<UInt8>, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
    for i in 0..<key.count where a[i] != key[i] { return false }
    return true
}
