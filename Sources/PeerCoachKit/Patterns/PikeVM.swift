/// The NFA simulation: lists of (pc, start) threads, one step per token, each pc kept once per step
/// by the thread that started furthest left (a Pike VM), so a run is linear in the sentence's length.
///
/// It runs the programs of a `MatchTables` in place. Its thread lists, `seen` marks and stack are
/// sized once for the library's longest program (a list never holds a pc twice), so a run
/// allocates nothing. Its owner calls `deallocate()` once.
struct PikeVM {
    private struct Thread { var pc: Int32; var start: Int32 }
    private let size: Int
    private let seen: UnsafeMutablePointer<UInt32>
    private var generation: UInt32 = 0
    private let stack: UnsafeMutablePointer<Int32>
    private var current: UnsafeMutablePointer<Thread>
    private var next: UnsafeMutablePointer<Thread>

    init(maxCode: Int) {
        size = max(maxCode, 1)
        seen = .allocate(capacity: size)
        seen.initialize(repeating: 0, count: size)
        // Every pc is expanded at most once per step, and pushes at most two more.
        stack = .allocate(capacity: 2 * size + 2)
        current = .allocate(capacity: size)
        next = .allocate(capacity: size)
    }

    func deallocate() {
        seen.deallocate(); stack.deallocate(); current.deallocate(); next.deallocate()
    }

    /// A fresh mark for `seen`, clearing the marks when the counter wraps.
    @inline(__always)
    private mutating func nextGeneration() {
        generation &+= 1
        if generation == 0 {
            seen.update(repeating: 0, count: size)
            generation = 1
        }
    }

    /// The first match of program `p` (earliest end, then leftmost start) in `s`. With `spelled`
    /// (the program's own negators), a match under negation is skipped (`SentenceTokens.isNegated`).
    mutating func firstMatch(_ p: Int, in s: SentenceTokens, tables: MatchTables,
                             blockNegated: Bool, spelled: UnsafeBufferPointer<Int32>) -> Range<Int>? {
        let n = s.count
        if n == 0 { return nil }
        let code = tables.code.baseAddress! + Int(tables.codeStart[p])
        let first = tables.first[p]
        /// Whether a match can begin at token `i` (threads start only there: one started elsewhere
        /// would die on its first token, and, started last, it never displaces another thread).
        func canStart(_ i: Int) -> Bool { first < 0 || tables.contains(first, stem: s.stems[i], form: s.forms[i]) }
        var pos = 0
        while pos < n && !canStart(pos) { pos += 1 }
        if pos == n { return nil }
        var currentCount = 0
        while true {
            // Threads carried over keep priority (they started further left); then a fresh start here.
            nextGeneration()
            var nextCount = 0
            for k in 0..<currentCount {
                let t = current[k]
                if seen[Int(t.pc)] != generation {
                    seen[Int(t.pc)] = generation
                    next[nextCount] = t; nextCount += 1
                }
            }
            if pos < n && canStart(pos) { add(0, start: pos, pos: pos, code: code, s: s, count: &nextCount) }
            swap(&current, &next); currentCount = nextCount
            for k in 0..<currentCount {
                let t = current[k]
                if code[Int(t.pc)].op == .accept, pos > Int(t.start),
                   !blockNegated || !s.isNegated(Int(t.start), pos, spelled: spelled) {
                    return Int(t.start)..<pos
                }
            }
            if pos == n { return nil }
            nextGeneration()
            nextCount = 0
            let stem = s.stems[pos], form = s.forms[pos]
            for k in 0..<currentCount {
                let t = current[k]
                let ins = code[Int(t.pc)]
                let ok: Bool
                switch ins.op {
                case .stem: ok = ins.a == stem
                case .form: ok = ins.a == form
                case .oneOf: ok = tables.contains(ins.a, stem: stem, form: form)
                case .any: ok = true
                default: ok = false
                }
                if ok { add(t.pc + 1, start: Int(t.start), pos: pos + 1, code: code, s: s, count: &nextCount) }
            }
            swap(&current, &next); currentCount = nextCount
            pos += 1
            // No thread alive: go straight to the next token a match can begin with.
            if currentCount == 0 {
                while pos < n && !canStart(pos) { pos += 1 }
                if pos == n { return nil }
            }
        }
    }

    /// Adds the thread at `pc0` to `next`, and everything it reaches without consuming a token.
    @inline(__always)
    private func add(_ pc0: Int32, start: Int, pos: Int, code: UnsafePointer<Instruction>, s: SentenceTokens,
                     count: inout Int) {
        let n = s.count
        var top = 0
        stack[0] = pc0; top = 1
        while top > 0 {
            top -= 1
            let pc32 = stack[top]
            let pc = Int(pc32)
            if seen[pc] == generation { continue }
            seen[pc] = generation
            let ins = code[pc]
            switch ins.op {
            case .jump: stack[top] = ins.a; top += 1
            case .split: stack[top] = ins.b; stack[top + 1] = ins.a; top += 2
            case .atStart: if pos == 0 { stack[top] = pc32 + 1; top += 1 }
            case .atEnd: if pos == n { stack[top] = pc32 + 1; top += 1 }
            case .atBoundary:
                if pos == 0 || pos == n || s.info[pos] & SentenceTokens.breakBefore != 0 { stack[top] = pc32 + 1; top += 1 }
            case .atQuestionEnd: if pos == n && s.isQuestion { stack[top] = pc32 + 1; top += 1 }
            default: next[count] = Thread(pc: pc32, start: Int32(start)); count += 1
            }
        }
    }
}
