/// The parsed form of one rubric pattern, in ChatScript's notation (see docs/AUTHORING.md).
public indirect enum PatternNode: Sendable, Equatable {
    /// A word in any inflection: matched on its stem.
    case word(String)
    /// `'word`: this exact (case-folded) form.
    case exact(String)
    /// `~name`: any entry of a named set (or any pattern of a concept).
    case reference(String)
    /// `[a b]` (or `{a b}` when `optional`).
    case choice([PatternNode], optional: Bool)
    /// `(a b)`, or a whole pattern: elements in order.
    case sequence([PatternNode])
    /// `*~N` (0 to N words) or `*` (`max` nil: any number).
    case gap(max: Int?)
    /// `!word`: the word must not occur anywhere in the sentence.
    case absent(String)
    /// `<`: the start of the sentence.
    case sentenceStart
    /// `>`: the end of the sentence.
    case sentenceEnd
    /// `^`: a clause boundary: the start or end of the sentence, or a `,` `;` `:` or dash between words.
    case clauseBoundary
    /// `?`: the end of a sentence that ends with a question mark.
    case questionEnd
}

/// A pattern that could not be parsed, with the 0-based character offset of the problem.
public struct PatternSyntaxError: Error, Equatable, Sendable {
    public var message: String
    public var offset: Int
}

/// Parses pattern text into a `PatternNode.sequence`. It reads Unicode scalars (no grapheme
/// breaking: patterns are short, but a library has hundreds, and start-up time matters).
public struct PatternParser {
    private let chars: [Unicode.Scalar]
    private var pos = 0

    public static func parse(_ text: String) throws(PatternSyntaxError) -> PatternNode {
        do {
            return try parseScalars(text)
        } catch {
            // The parser counts scalars; report the offset in characters, as documented.
            var e = error
            let scalars = text.unicodeScalars
            let at = scalars.index(scalars.startIndex, offsetBy: min(max(e.offset, 0), scalars.count))
            e.offset = text.distance(from: text.startIndex, to: at)
            throw e
        }
    }

    private static func parseScalars(_ text: String) throws(PatternSyntaxError) -> PatternNode {
        var parser = PatternParser(chars: Array(text.unicodeScalars))
        let elements = try parser.sequence(until: nil)
        if elements.isEmpty { throw PatternSyntaxError(message: "empty pattern", offset: 0) }
        if elements.allSatisfy({ if case .absent = $0 { return true }; return false }) {
            throw PatternSyntaxError(message: "a pattern needs at least one word besides '!' words", offset: 0)
        }
        return .sequence(elements)
    }

    private init(chars: [Unicode.Scalar]) { self.chars = chars }

    /// The opener of a closing bracket, or nil.
    private static func opener(of c: Unicode.Scalar) -> String? {
        switch c {
        case "]": return "["
        case "}": return "{"
        case ")": return "("
        default: return nil
        }
    }

    private mutating func sequence(until closer: Unicode.Scalar?) throws(PatternSyntaxError) -> [PatternNode] {
        var out: [PatternNode] = []
        let open = pos - 1
        while true {
            while pos < chars.count, chars[pos].properties.isWhitespace { pos += 1 }
            guard pos < chars.count else {
                if let closer { throw PatternSyntaxError(message: "'\(Self.opener(of: closer)!)' is never closed with '\(closer)'", offset: open) }
                return out
            }
            let c = chars[pos]
            if c == closer { pos += 1; return out }
            if Self.opener(of: c) != nil {
                throw PatternSyntaxError(message: "unexpected '\(c)'", offset: pos)
            }
            out.append(contentsOf: try element())
        }
    }

    private mutating func element() throws(PatternSyntaxError) -> [PatternNode] {
        let start = pos
        let c = chars[pos]
        switch c {
        case "[", "{":
            pos += 1
            let alternatives = try sequence(until: c == "[" ? "]" : "}")
            if alternatives.isEmpty { throw PatternSyntaxError(message: "empty '\(c)' choice", offset: start) }
            if alternatives.contains(where: { if case .gap = $0 { return true }; return false }) {
                throw PatternSyntaxError(message: "a gap cannot be a choice; put it in '( )'", offset: start)
            }
            return [.choice(alternatives, optional: c == "{")]
        case "(":
            pos += 1
            let items = try sequence(until: ")")
            if items.isEmpty { throw PatternSyntaxError(message: "empty '( )' phrase", offset: start) }
            return [.sequence(items)]
        case "*":
            pos += 1
            if pos < chars.count, chars[pos] == "~" {
                pos += 1
                let digits = name()
                guard let n = Int(digits), n >= 0, n <= 20 else {
                    throw PatternSyntaxError(message: "'*~' needs a number from 0 to 20", offset: start)
                }
                return [.gap(max: n)]
            }
            return [.gap(max: nil)]
        case "~":
            pos += 1
            let n = name()
            if n.isEmpty { throw PatternSyntaxError(message: "'~' needs a set or concept name", offset: start) }
            return [.reference(n)]
        case "!":
            pos += 1
            let words = try normalisedWords(at: start + 1)
            guard words.count == 1 else { throw PatternSyntaxError(message: "'!' takes one word", offset: start) }
            return [.absent(words[0])]
        case "'":
            pos += 1
            let words = try normalisedWords(at: start + 1)
            return words.map { .exact($0) }
        case "<": pos += 1; return [.sentenceStart]
        case ">": pos += 1; return [.sentenceEnd]
        case "^": pos += 1; return [.clauseBoundary]
        case "?": pos += 1; return [.questionEnd]
        default:
            guard isWordChar(c) else {
                throw PatternSyntaxError(message: "unexpected '\(c)'", offset: start)
            }
            return try normalisedWords(at: start).map { .word($0) }
        }
    }

    private mutating func name() -> String {
        var s = ""
        while pos < chars.count, Self.isLetterOrNumber(chars[pos]) || chars[pos] == "-" || chars[pos] == "_" {
            s.unicodeScalars.append(chars[pos]); pos += 1
        }
        return s
    }

    private func isWordChar(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let a = c.value
            return (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39) || a == 0x27 || a == 0x2D
        }
        // A combining mark belongs to the letter before it.
        switch c.properties.generalCategory {
        case .nonspacingMark, .spacingMark, .enclosingMark: return true
        default: return Self.isLetterOrNumber(c) || c == "\u{2019}"
        }
    }

    /// `Character.isLetter || .isNumber`, for one scalar.
    private static func isLetterOrNumber(_ c: Unicode.Scalar) -> Bool {
        if c.isASCII {
            let a = c.value
            return (a >= 0x61 && a <= 0x7A) || (a >= 0x41 && a <= 0x5A) || (a >= 0x30 && a <= 0x39)
        }
        return c.properties.isAlphabetic || c.properties.numericType != nil
    }

    /// Reads a word and normalises it exactly as reply text is normalised ("don't" -> do, not).
    private mutating func normalisedWords(at start: Int) throws(PatternSyntaxError) -> [String] {
        var s = ""
        var plain = true
        while pos < chars.count, isWordChar(chars[pos]) {
            let c = chars[pos]
            if !(c.value >= 0x61 && c.value <= 0x7A) && !(c.value >= 0x30 && c.value <= 0x39) { plain = false }
            s.unicodeScalars.append(c); pos += 1
        }
        // A plain lower-case word that is not a contraction is its own normal form.
        if plain && !s.isEmpty && Contractions.whole[s] == nil { return [s] }
        let words = Tokenizer.tokens(s).map(\.form)
        if words.isEmpty { throw PatternSyntaxError(message: "expected a word", offset: start) }
        return words
    }
}
