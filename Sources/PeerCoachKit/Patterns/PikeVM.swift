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
    ///
    /// Threads are kept in priority order (leftmost start first; a start at a token comes after the
    /// threads carried to it), and a thread is kept only if its instruction accepts the token it
    /// is at, so a step just advances every thread. The first acceptable `accept` reached, in that
    /// order, is the answer. A thread starts only at a token a match can begin with (`first`); one
    /// started elsewhere would die on its first token and, added last, never displaces another.
    mutating func firstMatch(_ p: Int, in s: SentenceTokens, tables: MatchTables,
                             blockNegated: Bool, spelled: UnsafeBufferPointer<Int32>) -> Range<Int>? {
        let n = s.count
        let run = Run(code: tables.code.baseAddress! + Int(tables.codeStart[p]), codeStart: Int(tables.codeStart[p]),
                      s: s, tables: tables, blockNegated: blockNegated, spelled: spelled)
        let first = tables.first[p]
        func canStart(_ i: Int) -> Bool { first < 0 || tables.contains(first, stem: s.stems[i], form: s.forms[i]) }
        var pos = 0
        var count = 0
        while true {
            if count == 0 {
                // No thread alive: go straight to the next token a match can begin with.
                while pos < n && !canStart(pos) { pos += 1 }
                if pos == n { return nil }
                nextGeneration()
                _ = add(0, start: pos, pos: pos, run, into: current, count: &count)
            } else if pos < n && canStart(pos) {
                _ = add(0, start: pos, pos: pos, run, into: current, count: &count)
            }
            if count == 0 { pos += 1; continue }
            nextGeneration()
            var nextCount = 0
            for k in 0..<count {
                let t = current[k]
                if let match = add(t.pc + 1, start: Int(t.start), pos: pos + 1, run, into: next, count: &nextCount) {
                    return match
                }
            }
            swap(&current, &next)
            count = nextCount
            pos += 1
        }
    }

    /// What one `firstMatch` call reads.
    private struct Run {
        let code: UnsafePointer<Instruction>
        /// Where the program's code starts in the library's (its global pcs).
        let codeStart: Int
        let s: SentenceTokens
        let tables: MatchTables
        let blockNegated: Bool
        let spelled: UnsafeBufferPointer<Int32>
    }

    /// Adds a thread standing at `entry` (a program's first pc, or one after a consuming
    /// instruction) at token `pos`, from its precomputed closure (`PatternProgram.closures`): keeps
    /// (in `list`) the instructions that consume token `pos` and accept it, and returns the match
    /// when an `accept` is reached by a non-empty match that negation does not block.
    @inline(__always)
    private func add(_ entry: Int32, start: Int, pos: Int, _ run: Run, into list: UnsafeMutablePointer<Thread>,
                     count: inout Int) -> Range<Int>? {
        let s = run.s, tables = run.tables
        let n = s.count
        let stem = pos < n ? s.stems[pos] : Int32.min, form = pos < n ? s.forms[pos] : Int32.min
        let g = run.codeStart + Int(entry)
        let filter = tables.closureFilter[g]
        if filter >= 0 && !tables.contains(filter, stem: stem, form: form) { return nil }
        for k in Int(tables.closureStart[g])..<Int(tables.closureStart[g + 1]) {
            let item = tables.closureItems[k]
            if item < 0 {
                if let match = explore(~item, start: start, pos: pos, run, into: list, count: &count) { return match }
                continue
            }
            let pc = Int(item)
            if seen[pc] == generation { continue }
            seen[pc] = generation
            if let match = take(item, start: start, pos: pos, stem: stem, form: form, run, into: list, count: &count) {
                return match
            }
        }
        return nil
    }

    /// A consuming or accepting instruction reached at token `pos`: keeps the thread if it consumes
    /// the token, or returns the match if it accepts one.
    @inline(__always)
    private func take(_ pc: Int32, start: Int, pos: Int, stem: Int32, form: Int32, _ run: Run,
                      into list: UnsafeMutablePointer<Thread>, count: inout Int) -> Range<Int>? {
        let ins = run.code[Int(pc)]
        let keep: Bool
        switch ins.op {
        case .accept:
            if pos > start, !run.blockNegated || !run.s.isNegated(start, pos, spelled: run.spelled) { return start..<pos }
            keep = false
        case .stem: keep = ins.a == stem
        case .form: keep = ins.a == form
        case .oneOf: keep = run.tables.contains(ins.a, stem: stem, form: form)
        case .any: keep = pos < run.s.count
        default: keep = false
        }
        if keep { list[count] = Thread(pc: pc, start: Int32(start)); count += 1 }
        return nil
    }

    /// Explores from an anchor (`^`, `<`, `>`, `?`) instruction by instruction, since whether it
    /// lets a thread through depends on the position; the same marks as `add`.
    private func explore(_ pc0: Int32, start: Int, pos: Int, _ run: Run, into list: UnsafeMutablePointer<Thread>,
                         count: inout Int) -> Range<Int>? {
        let s = run.s
        let n = s.count
        let stem = pos < n ? s.stems[pos] : Int32.min, form = pos < n ? s.forms[pos] : Int32.min
        var top = 0
        stack[0] = pc0; top = 1
        while top > 0 {
            top -= 1
            let pc32 = stack[top]
            let pc = Int(pc32)
            if seen[pc] == generation { continue }
            seen[pc] = generation
            let ins = run.code[pc]
            switch ins.op {
            case .jump: stack[top] = ins.a; top += 1
            case .split: stack[top] = ins.b; stack[top + 1] = ins.a; top += 2
            case .atStart: if pos == 0 { stack[top] = pc32 + 1; top += 1 }
            case .atEnd: if pos == n { stack[top] = pc32 + 1; top += 1 }
            case .atBoundary:
                if pos == 0 || pos == n || s.info[pos] & SentenceTokens.breakBefore != 0 { stack[top] = pc32 + 1; top += 1 }
            case .atQuestionEnd: if pos == n && s.isQuestion { stack[top] = pc32 + 1; top += 1 }
            default:
                if let match = take(pc32, start: start, pos: pos, stem: stem, form: form, run, into: list, count: &count) {
                    return match
                }
            }
        }
        return nil
    }
}
