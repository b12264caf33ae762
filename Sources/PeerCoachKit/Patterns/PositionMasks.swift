/// A program's NFA in the form `PikeVM` runs it: bit masks over its *positions* (the instructions
/// that consume a token, in pc order, then those that accept).
///
/// A thread stands at a position. What it reaches next without consuming (through splits, jumps
/// and anchors) is precomputed per position as a mask, its *follow* mask. Anchors depend on where
/// in the sentence the next token is (`Context`), so a program with anchors has one follow mask
/// per context; one without has a single one. The program's start is one more entry after the
/// positions.
struct PositionMasks: Sendable, Equatable {
    /// Where in a sentence a token boundary is, as far as anchors can tell.
    enum Context: Int, CaseIterable {
        /// Between two words, with no clause break.
        case middle
        /// Between two words, at a clause break (`^` passes).
        case clauseBreak
        /// Before the first word (`<` and `^` pass).
        case start
        /// After the last word (`>` and `^` pass).
        case end
        /// After the last word of a question (`>`, `^` and `?` pass).
        case questionEnd

        func passes(_ op: Instruction.Op) -> Bool {
            switch op {
            case .atStart: return self == .start
            case .atEnd: return self == .end || self == .questionEnd
            case .atBoundary: return self != .middle
            case .atQuestionEnd: return self == .questionEnd
            default: return false
            }
        }
    }

    /// The consuming instructions, position by position (positions `0 ..< tests.count`); the
    /// accepting positions come after them, `acceptCount` of them.
    let tests: [Instruction]
    let acceptCount: Int
    /// Words of a mask (64 positions each; never 3, see `FixedMask`).
    let words: Int
    /// 1 when the program has no anchor, else `Context.allCases.count`.
    let contexts: Int
    /// The follow masks: entry `e` (a position, or `tests.count` for the start) in context `c` is
    /// `follow[(e * contexts + c) * words ..< +words]`. Only consuming and accepting positions are set.
    let follow: [UInt64]

    init(_ code: [Instruction]) {
        var position = [Int](repeating: -1, count: code.count)
        var tests: [Instruction] = []
        for (pc, ins) in code.enumerated() where ins.consumes { position[pc] = tests.count; tests.append(ins) }
        var accepts = 0
        for (pc, ins) in code.enumerated() where ins.op == .accept { position[pc] = tests.count + accepts; accepts += 1 }
        self.tests = tests
        acceptCount = accepts
        // Three words are rounded up to four, so that the program runs on `FourWordMask`.
        let needed = (tests.count + accepts + 63) / 64
        words = needed == 3 ? 4 : needed
        let anchored = code.contains { [.atStart, .atEnd, .atBoundary, .atQuestionEnd].contains($0.op) }
        contexts = anchored ? Context.allCases.count : 1
        let entries = code.indices.filter { $0 > 0 && code[$0 - 1].consumes } + [0]
        let width = words
        var follow = [UInt64](repeating: 0, count: entries.count * contexts * width)
        var marks = [Int](repeating: 0, count: code.count), stamp = 0
        var stack: [Int] = []
        stack.reserveCapacity(code.count)
        for (e, entry) in entries.enumerated() {
            for c in 0..<contexts {
                // The consuming and accepting pcs reached from `entry` without consuming, in context `c`.
                stamp += 1
                let at = (e * contexts + c) * width
                stack.append(entry)
                while let pc = stack.popLast() {
                    guard marks[pc] != stamp else { continue }
                    marks[pc] = stamp
                    let ins = code[pc]
                    switch ins.op {
                    case .split: stack.append(Int(ins.b)); stack.append(Int(ins.a))
                    case .jump: stack.append(Int(ins.a))
                    case .atStart, .atEnd, .atBoundary, .atQuestionEnd:
                        if Context(rawValue: c)!.passes(ins.op) { stack.append(pc + 1) }
                    default: follow[at + position[pc] >> 6] |= 1 << UInt64(position[pc] & 63)
                    }
                }
            }
        }
        self.follow = follow
    }
}
