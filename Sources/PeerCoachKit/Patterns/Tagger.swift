/// Tags replies with a library's concepts, keeping its buffers from one reply to the next, so a
/// long run of replies (`analyze`, `grade`) allocates nothing per reply.
///
/// For each sentence: every word becomes token ids with one hash lookup on its bytes (`Lexicon`);
/// the anchor index names the few patterns that could match (a pattern's anchor is a set of words
/// one of which every match uses); each is checked against the sentence's other required words
/// and `!` words with a bitset; only the survivors run on the NFA (`PikeVM`).
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

    private var sentence = SentenceTokens()
    private var vm = PikeVM()
    private var word: [UInt8] = []
    private var stemScratch: [UInt8] = []
    private var done: [Bool]
    /// Token ids present in the current sentence, as stems and as forms.
    private var presentStems: [UInt64]
    private var presentForms: [UInt64]
    private var stamp: [UInt32]
    private var stampGeneration: UInt32 = 0
    private var candidates: [Int32] = []

    public init(library: ConceptLibrary) {
        self.library = library
        let words = (library.lexicon.vocabulary.count + 63) / 64 + 1
        done = [Bool](repeating: false, count: library.concepts.count)
        presentStems = [UInt64](repeating: 0, count: words)
        presentForms = [UInt64](repeating: 0, count: words)
        stamp = [UInt32](repeating: 0, count: library.programs.count)
        word.reserveCapacity(64)
        stemScratch.reserveCapacity(64)
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
        for h in hits { done[h.concept] = false }
        hits.removeAll(keepingCapacity: true)
        sentence.removeAll()
        var scratch = word
        word = []
        Tokenizer.scan(reply, word: &scratch, into: &self)
        word = scratch
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

    // MARK: One sentence

    private mutating func matchSentence() {
        let n = sentence.count
        Negation.mark(&sentence)
        for i in 0..<n {
            let s = sentence.stems[i], f = sentence.forms[i]
            if s >= 0 { presentStems[Int(s) >> 6] |= 1 << UInt64(s & 63) }
            if f >= 0 { presentForms[Int(f) >> 6] |= 1 << UInt64(f & 63) }
        }
        collectCandidates()

        var concept = -1
        var excluded: Bool? = nil
        var best: Range<Int>? = nil
        for p in candidates {
            let c = Int(library.conceptOf[Int(p)])
            if done[c] { continue }
            if c != concept {
                finish(concept, best)
                concept = c; excluded = nil; best = nil
            }
            if excluded == true { continue }
            let program = library.programs[Int(p)]
            if !mayMatch(program) { continue }
            if excluded == nil {
                excluded = isExcluded(c)
                if excluded == true { continue }
            }
            let range: Range<Int>?
            if library.concepts[c].negation == .ignore {
                range = vm.firstMatch(program, in: sentence, sets: library.sets) { _, _ in true }
            } else {
                let spelled = program.spelledNegators
                let s = sentence
                range = vm.firstMatch(program, in: sentence, sets: library.sets) { lo, hi in !s.isNegated(lo, hi, spelled: spelled) }
            }
            if let r = range, best == nil || r.lowerBound < best!.lowerBound { best = r }
        }
        finish(concept, best)

        for i in 0..<n {
            let s = sentence.stems[i], f = sentence.forms[i]
            if s >= 0 { presentStems[Int(s) >> 6] = 0 }
            if f >= 0 { presentForms[Int(f) >> 6] = 0 }
        }
    }

    /// The patterns the sentence's tokens point at through the anchor index, and the unanchored
    /// ones, each once, in library order.
    private mutating func collectCandidates() {
        candidates.removeAll(keepingCapacity: true)
        stampGeneration &+= 1
        if stampGeneration == 0 {
            for i in stamp.indices { stamp[i] = 0 }
            stampGeneration = 1
        }
        let width = library.lexicon.vocabulary.count
        for i in 0..<sentence.count {
            let s = sentence.stems[i], f = sentence.forms[i]
            if s >= 0 { addPostings(Int(s)) }
            if f >= 0 { addPostings(width + Int(f)) }
        }
        for p in library.unanchored where stamp[Int(p)] != stampGeneration {
            stamp[Int(p)] = stampGeneration
            candidates.append(p)
        }
        candidates.sort()
    }

    @inline(__always)
    private mutating func addPostings(_ row: Int) {
        let lo = Int(library.postingStart[row]), hi = Int(library.postingStart[row + 1])
        for k in lo..<hi {
            let p = library.postings[k]
            if stamp[Int(p)] != stampGeneration {
                stamp[Int(p)] = stampGeneration
                candidates.append(p)
            }
        }
    }

    /// False when the sentence lacks a token every match of `program` needs, or has one of its `!` words.
    private func mayMatch(_ program: PatternProgram) -> Bool {
        for a in program.absent where a >= 0 && presentStems[Int(a) >> 6] & (1 << UInt64(a & 63)) != 0 { return false }
        for need in program.needs where !sentenceHas(need) { return false }
        return true
    }

    private func sentenceHas(_ set: Int32) -> Bool {
        for i in 0..<sentence.count where library.sets.contains(set, stem: sentence.stems[i], form: sentence.forms[i]) {
            return true
        }
        return false
    }

    private mutating func isExcluded(_ concept: Int) -> Bool {
        for e in library.exclusionsOf[concept] {
            let program = library.programs[Int(e)]
            if mayMatch(program), vm.firstMatch(program, in: sentence, sets: library.sets, accept: { _, _ in true }) != nil {
                return true
            }
        }
        return false
    }

    private mutating func finish(_ concept: Int, _ best: Range<Int>?) {
        guard concept >= 0, let r = best else { return }
        hits.append(Hit(concept: concept, start: Int(sentence.starts[r.lowerBound]), end: Int(sentence.ends[r.upperBound - 1])))
        done[concept] = true
    }
}

// MARK: Words in, token ids out

extension Tagger: WordSink {
    mutating func word(_ bytes: UnsafeBufferPointer<UInt8>, range: Range<Int>, breakBefore: Bool) -> Int {
        let before = sentence.count
        if bytes.allSatisfy({ $0 < 0x80 }) {
            Contractions.expand(ascii: bytes) { form in
                if !form.isEmpty { appendASCII(form, range: range, breakBefore: breakBefore && sentence.count == before) }
            }
        } else {
            let vocabulary = library.lexicon.vocabulary
            let lower = String(decoding: bytes, as: UTF8.self).lowercased()
            for form in Contractions.expand(lower) where !form.isEmpty {
                let f = vocabulary.id(form)
                let flags = f >= 0 ? library.lexicon.flags[Int(f)] : []
                append(form: f, stem: vocabulary.id(Stemmer.stem(form)), flags: flags, range: range,
                       breakBefore: breakBefore && sentence.count == before)
            }
        }
        return sentence.count - before
    }

    mutating func endSentence(question: Bool) {
        guard sentence.count > 0 else { return }
        sentence.isQuestion = question
        matchSentence()
        sentence.removeAll()
    }

    private mutating func appendASCII(_ form: UnsafeBufferPointer<UInt8>, range: Range<Int>, breakBefore: Bool) {
        let lexicon = library.lexicon
        let f = lexicon.vocabulary.id(form)
        if f >= 0 {
            append(form: f, stem: lexicon.stemOf[Int(f)], flags: lexicon.flags[Int(f)], range: range, breakBefore: breakBefore)
            return
        }
        // Not a word the library holds, so not irregular: the suffix rules give its stem.
        var stem = Vocabulary.unknown
        if form.count > 3 {
            stemScratch.removeAll(keepingCapacity: true)
            stemScratch.append(contentsOf: form)
            Stemmer.applyRules(&stemScratch)
            stem = stemScratch.withUnsafeBufferPointer { lexicon.vocabulary.id($0) }
        }
        append(form: f, stem: stem, flags: [], range: range, breakBefore: breakBefore)
    }

    private mutating func append(form: Int32, stem: Int32, flags: Lexicon.Flags, range: Range<Int>, breakBefore: Bool) {
        sentence.stems.append(stem)
        sentence.forms.append(form)
        sentence.breaks.append(breakBefore)
        sentence.negators.append(flags.contains(.negator))
        sentence.clauseWords.append(flags.contains(.clauseWord))
        sentence.negatedBy.append(-1)
        sentence.starts.append(Int32(range.lowerBound))
        sentence.ends.append(Int32(range.upperBound))
    }
}

extension SentenceTokens: NegationMarks {
    func breakBefore(_ i: Int) -> Bool { breaks[i] }
    func isClauseWord(_ i: Int) -> Bool { clauseWords[i] }
    func isNegator(_ i: Int) -> Bool { negators[i] }
    /// Negators are flagged as their tokens are made.
    mutating func markNegator(_ i: Int) {}
    mutating func mark(_ i: Int, negatedBy negator: Int) { negatedBy[i] = Int32(negator) }
}
