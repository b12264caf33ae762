/// Tags replies with a library's concepts, keeping its buffers from one reply to the next, so a
/// long run of replies (`analyze`, `grade`) allocates nothing per reply once the buffers have grown
/// to the input (and its `WordCache` has learned the input's words).
///
/// For each sentence: every word becomes token ids with a hash lookup on its bytes (the library's
/// word table, `MatchTables.words`, else the words this tagger learned, a `WordCache`);
/// the anchor index names the few patterns that could match (a pattern's anchor is a set of words
/// one of which every match uses); each is checked against the sentence's other required words
/// and `!` words with bitsets; only the survivors run on the NFA (`PikeVM`).
///
/// A `Tagger` is a value: copies share their buffers until one of them tags (then it gets its own).
public struct Tagger {
    /// A concept found: its index in `library.concepts` and the byte range of its evidence.
    public struct Hit: Sendable, Equatable {
        public var concept: Int
        public var start: Int
        public var end: Int
    }

    public let library: ConceptLibrary
    /// The concepts the last reply showed, each once, in reply order (by start, then library order).
    public private(set) var hits: [Hit] = []
    private var work: TaggerWorkspace

    public init(library: ConceptLibrary) {
        self.library = library
        work = TaggerWorkspace(library.tables)
        hits.reserveCapacity(library.concepts.count)
    }

    /// Tags a reply and returns what `ConceptLibrary.tag(_:)` returns.
    public mutating func tag(_ reply: String) -> [ConceptMatch] {
        var text = reply
        return text.withUTF8 { bytes in
            tag(bytes)
            return hits.map { h in
                ConceptMatch(id: library.concepts[h.concept].id,
                             evidence: String(decoding: UnsafeBufferPointer(rebasing: bytes[h.start..<h.end]), as: UTF8.self),
                             start: h.start, end: h.end)
            }
        }
    }

    /// Tags a reply given as (valid) UTF-8 bytes; the result is in `hits`.
    public mutating func tag(_ reply: UnsafeBufferPointer<UInt8>) {
        if !isKnownUniquelyReferenced(&work) { work = TaggerWorkspace(library.tables) }
        hits.removeAll(keepingCapacity: true)
        work.tag(reply, hits: &hits)
    }
}

/// Owns a `Tagger`'s buffers (`TaggerState`) and frees them in `deinit`.
final class TaggerWorkspace {
    /// Tagging a reply is one mutating call on it: one exclusivity check per reply, and the hot
    /// code works on the struct's fields directly (no copy of the struct, no retains).
    var state: TaggerState

    init(_ tables: MatchTables) { state = TaggerState(tables) }
    deinit { state.deallocate() }

    func tag(_ reply: UnsafeBufferPointer<UInt8>, hits: inout [Tagger.Hit]) {
        state.tag(reply, hits: &hits)
    }
}

/// The tagger's buffers and the per-sentence matching. Plain pointers, so copies alias: only
/// `TaggerWorkspace` holds one.
struct TaggerState {
    let tables: MatchTables
    private var sentence = SentenceTokens()
    private var vm: PikeVM
    /// The tokenizer's word bytes, and the suffix rules' scratch.
    private var word = ScratchBuffer<UInt8>(capacity: 64)
    private var stemScratch = ScratchBuffer<UInt8>(capacity: 64)
    /// The words met so far that the library's word table does not hold, with their tokens; and a
    /// new word's tokens while they are made.
    private var words: WordCache
    private var made = ScratchBuffer<WordCache.Token>(capacity: 8)
    /// Per concept: found in this reply already.
    private var done: ScratchBuffer<Bool>
    /// Stem ids present in the current sentence (a bitset over word ids), for `!word` tests.
    private var presentStems: ScratchBuffer<UInt64>
    /// The current sentence's `MatchIndex` marks: candidate patterns (a bitset over pattern
    /// indices: library order), the patterns whose second required set a token is in, and the
    /// required sets a token is in (a bitset over set ids, from `tables.setsStart`).
    private var marks: ScratchBuffer<UInt64>
    /// The concepts found so far (the `Tagger`'s array, during `tag`).
    private var hits: [Tagger.Hit] = []

    init(_ tables: MatchTables) {
        self.tables = tables
        vm = PikeVM(tables: tables)
        words = WordCache()
        done = ScratchBuffer(repeating: false, count: tables.conceptCount)
        let words = (tables.vocabularyCount + 63) / 64 + 1
        presentStems = ScratchBuffer(repeating: 0, count: words)
        marks = ScratchBuffer(repeating: 0, count: tables.marksCount)
    }

    func deallocate() {
        sentence.deallocate(); vm.deallocate(); word.deallocate(); stemScratch.deallocate(); words.deallocate(); made.deallocate()
        done.deallocate(); presentStems.deallocate(); marks.deallocate()
    }

    mutating func tag(_ reply: UnsafeBufferPointer<UInt8>, hits out: inout [Tagger.Hit]) {
        swap(&hits, &out)
        defer { swap(&hits, &out) }
        sentence.removeAll()
        var scratch = word
        Tokenizer.scan(reply, word: &scratch, into: &self)
        word = scratch
        for h in hits { done[h.concept] = false }
        // Reply order: by start, then library order (a handful of hits: insertion sort).
        var i = 1
        while i < hits.count {
            let h = hits[i]
            var j = i
            while j > 0, (hits[j - 1].start, hits[j - 1].concept) > (h.start, h.concept) { hits[j] = hits[j - 1]; j -= 1 }
            hits[j] = h
            i += 1
        }
    }
}

extension TaggerState: WordSink {
    // MARK: Words in, token ids out

    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, breakBefore: Bool) -> Int {
        let hash = Vocabulary.hash(padded: bytes)
        let list = tables.words.tokens(of: bytes, hash: hash) ?? words.tokens(of: bytes, hash: hash) ?? learn(bytes, hash: hash)
        var info = breakBefore ? SentenceTokens.breakBefore : 0
        for t in list {
            sentence.append(stem: t.stem, form: t.form, info: t.info | info, start: range.lowerBound, end: range.upperBound)
            info = 0
        }
        return list.count
    }

    /// Makes the tokens of a word seen for the first time that the library's word table does not
    /// hold (neither a library word nor a contraction), and has `words` keep them.
    private mutating func learn(_ bytes: UnsafeBufferPointer<UInt8>, hash: UInt64) -> UnsafeBufferPointer<WordCache.Token> {
        made.removeAll()
        var high: UInt8 = 0
        for b in bytes { high |= b }
        if high < 0x80 {
            if bytes.contains(0x27) {
                Contractions.expand(ascii: bytes) { form in
                    if !form.isEmpty { makeASCII(form) }
                }
            } else {
                makeUnknown(bytes)
            }
        } else {
            let lower = String(decoding: bytes, as: UTF8.self).lowercased()
            for form in Contractions.expand(lower) where !form.isEmpty {
                var form = form, stem = Stemmer.stem(form)
                let f = form.withUTF8 { tables.id($0) }
                made.append(WordCache.Token(form: f, stem: stem.withUTF8 { tables.id($0) },
                                            info: f >= 0 ? WordCache.info(tables.flags[Int(f)]) : 0))
            }
        }
        return words.learn(bytes, hash: hash, made: made.buffer)
    }

    mutating func endSentence(question: Bool) {
        guard sentence.count > 0 else { return }
        sentence.isQuestion = question
        matchSentence()
        sentence.removeAll()
    }

    private mutating func makeASCII(_ form: UnsafeBufferPointer<UInt8>) {
        let f = tables.id(form)
        if f >= 0 {
            made.append(WordCache.Token(form: f, stem: tables.stemOf[Int(f)], info: WordCache.info(tables.flags[Int(f)])))
        } else {
            makeUnknown(form)
        }
    }

    /// A word the library does not hold, so not irregular: the suffix rules give its stem (when
    /// they change it; else it is as unknown as the word).
    private mutating func makeUnknown(_ form: UnsafeBufferPointer<UInt8>) {
        var stem = Vocabulary.unknown
        if form.count > 3 {
            stemScratch.removeAll()
            stemScratch.append(contentsOf: form)
            var n = stemScratch.count
            Stemmer.applyRules(stemScratch.base, count: &n)
            if n < form.count { stem = tables.id(UnsafeBufferPointer(start: stemScratch.base, count: n)) }
        }
        made.append(WordCache.Token(form: Vocabulary.unknown, stem: stem, info: 0))
    }

    // MARK: One sentence

    private mutating func matchSentence() {
        let n = sentence.count
        Negation.mark(&sentence)
        collectCandidates()

        var concept = -1
        var excluded: Bool? = nil
        var best: Range<Int>? = nil
        for w in 0..<tables.programWords {
            var bits = marks[w]
            while bits != 0 {
                let p = w << 6 | bits.trailingZeroBitCount
                bits &= bits &- 1
                let c = Int(tables.conceptOf[p])
                if done[c] { continue }
                if c != concept {
                    finish(concept, best)
                    concept = c; excluded = nil; best = nil
                }
                if excluded == true { continue }
                // A match from the sentence's first token cannot be beaten (only an earlier start wins).
                if best?.lowerBound == 0 { continue }
                if !mayMatch(p, known: 2) { continue }
                if excluded == nil {
                    excluded = isExcluded(c)
                    if excluded == true { continue }
                }
                let spelled = UnsafeBufferPointer(rebasing: tables.spelled[Int(tables.spelledStart[p])..<Int(tables.spelledStart[p + 1])])
                let range = vm.firstMatch(p, in: sentence, tables: tables, blockNegated: !tables.ignoresNegation[c], spelled: spelled)
                if let r = range, best == nil || r.lowerBound < best!.lowerBound { best = r }
            }
        }
        finish(concept, best)

        let stems = sentence.stems
        for i in 0..<n {
            let s = stems[i]
            if s >= 0 { presentStems[Int(s) >> 6] = 0 }
        }
        for w in 0..<tables.marksCount { marks[w] = 0 }
    }

    /// Marks the sentence's stems (`presentStems`) and, in `marks`, its required sets and its
    /// candidates: the patterns anchored on those sets (and the unanchored ones) whose second set
    /// is among them too (`MatchIndex`).
    private mutating func collectCandidates() {
        for w in 0..<tables.programWords {
            marks[w] = tables.unanchoredMask[w]
            marks[tables.secondsStart + w] = tables.oneNeedMask[w]
        }
        let width = tables.vocabularyCount
        for i in 0..<sentence.count {
            let s = sentence.stems[i], f = sentence.forms[i]
            if s >= 0 {
                presentStems[Int(s) >> 6] |= 1 << UInt64(s & 63)
                mark(row: Int(s))
            }
            if f >= 0 { mark(row: width + Int(f)) }
        }
        for w in 0..<tables.programWords { marks[w] &= marks[tables.secondsStart + w] }
    }

    @inline(__always)
    private mutating func mark(row: Int) {
        for k in Int(tables.rowStart[row])..<Int(tables.rowStart[row + 1]) {
            marks[Int(tables.rowWord[k])] |= tables.rowBits[k]
        }
    }

    /// False when the sentence lacks a token every match of program `p` needs, or has one of its
    /// `!` words. A candidate pattern's first two required sets are known to be there
    /// (`collectCandidates`), so `known` of them are skipped (2 for a pattern, 0 for an exclusion).
    @inline(__always)
    private func mayMatch(_ p: Int, known: Int) -> Bool {
        for k in Int(tables.absentStart[p])..<Int(tables.absentStart[p + 1]) {
            let a = tables.absent[k]
            if a >= 0 && presentStems[Int(a) >> 6] & (1 << UInt64(a & 63)) != 0 { return false }
        }
        let from = Int(tables.needsStart[p]) + known
        for k in from..<max(Int(tables.needsStart[p + 1]), from) {
            let set = Int(tables.needs[k])
            if marks[tables.setsStart + set >> 6] & (1 << UInt64(set & 63)) == 0 { return false }
        }
        return true
    }

    private mutating func isExcluded(_ concept: Int) -> Bool {
        for k in Int(tables.exclusionStart[concept])..<Int(tables.exclusionStart[concept + 1]) {
            let e = Int(tables.exclusions[k])
            if mayMatch(e, known: 0), vm.firstMatch(e, in: sentence, tables: tables, blockNegated: false, spelled: UnsafeBufferPointer(start: nil, count: 0)) != nil {
                return true
            }
        }
        return false
    }

    private mutating func finish(_ concept: Int, _ best: Range<Int>?) {
        guard concept >= 0, let r = best else { return }
        hits.append(Tagger.Hit(concept: concept, start: Int(sentence.starts[r.lowerBound]), end: Int(sentence.ends[r.upperBound - 1])))
        done[concept] = true
    }
}
