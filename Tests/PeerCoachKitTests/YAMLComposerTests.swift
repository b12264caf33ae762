import XCTest
@testable import PeerCoachKit

/// The node tree built from libyaml's events, and which problem wins when a text has several.
final class YAMLComposerTests: XCTestCase {
    func compose(_ yaml: String) -> (YAMLNode?, [String]) {
        let d = DiagnosticCollector()
        let node = YAMLSource.compose(yaml, file: "f.yaml", diagnostics: d)
        return (node, d.sorted.map(\.description))
    }

    func testScalarsKeepTheirTextStyleAndPosition() throws {
        let (root, d) = compose("a: ~\nb: \"~\"\nc:\nd: |\n  two\n  lines\n")
        XCTAssertEqual(d, [])
        guard case .mapping(let pairs)? = root?.content else { return XCTFail("not a mapping") }
        XCTAssertEqual(pairs.map(\.key.scalar), ["a", "b", "c", "d"])
        let values = pairs.map(\.value)
        guard case .scalar("~", let plain) = values[0].content, plain else { return XCTFail("\(values[0])") }
        guard case .scalar("~", let quotedPlain) = values[1].content, !quotedPlain else { return XCTFail("\(values[1])") }
        XCTAssertEqual(values[2].scalar, "", "a missing value is an empty plain scalar")
        XCTAssertEqual(values[3].scalar, "two\nlines\n")
        XCTAssertEqual([values[1].line, values[1].column], [2, 4])
    }

    func testAnAliasIsItsAnchoredNodeWithTheAnchorsPosition() {
        let (root, d) = compose("x: &a [1, 2]\ny: *a\n")
        XCTAssertEqual(d, [])
        guard case .mapping(let pairs)? = root?.content, case .sequence(let items) = pairs[1].value.content else {
            return XCTFail("\(String(describing: root))")
        }
        XCTAssertEqual(items.map(\.scalar), ["1", "2"])
        XCTAssertEqual([pairs[1].value.line, pairs[1].value.column], [1, 4])
    }

    func testDuplicateKeysAreComparedAsText() {
        XCTAssertEqual(compose("b: 1\na: 1\nb: 2\na: 2\n").1, ["f.yaml:2:1: error: [PC0104] duplicate key 'a', 'b'"])
        // Yams told `1` (an int) from `"1"` (a string); every loader reads both as the key "1".
        XCTAssertEqual(compose("1: a\n\"1\": b\n").1, ["f.yaml:1:1: error: [PC0104] duplicate key '1'"])
    }

    func testTheFirstMappingToEndReportsItsDuplicates() {
        XCTAssertEqual(compose("a: 1\na: 2\nb:\n  c: 1\n  c: 2\n").1, ["f.yaml:4:3: error: [PC0104] duplicate key 'c'"])
    }

    func testLimitsWinOverEarlierProblemsAndEarlierProblemsOverSyntaxErrors() {
        let deep = String(repeating: "[", count: 101) + String(repeating: "]", count: 101)
        XCTAssertEqual(compose("a: 1\na: 2\nb: \(deep)\n").1,
                       ["f.yaml:3:103: error: [PC0004] nesting is more than 100 levels deep, the limit"])
        // A mapping's duplicates are known when it ends: an inner one has, the outer one has not.
        XCTAssertEqual(compose("a: {x: 1, x: 2}\nb: [\n").1, ["f.yaml:1:5: error: [PC0104] duplicate key 'x'"])
        XCTAssertEqual(compose("a: 1\na: 2\nb: [\n").1,
                       ["f.yaml:4:1: error: [PC0002] YAML syntax: did not find expected node content (while parsing a flow node at line 4)"])
        XCTAssertEqual(compose("a: [1\na: 1\na: 2\n").1,
                       ["f.yaml:2:2: error: [PC0002] YAML syntax: did not find expected ',' or ']' (while parsing a flow sequence at line 1)"])
        XCTAssertEqual(compose("a: *nope\n").1, ["f.yaml:1:4: error: [PC0002] YAML syntax: found undefined alias"])
        XCTAssertEqual(compose("a: 1\n---\nb: 2\n").1,
                       ["f.yaml:2:1: error: [PC0002] YAML syntax: but found another document (expected a single document in the stream at line 1)"])
    }

    func testTextsWithNoDocument() {
        XCTAssertEqual(compose("").1, ["f.yaml:1:1: error: [PC0003] file has no YAML content"])
        XCTAssertEqual(compose("# a comment\n").1, ["f.yaml:1:1: error: [PC0003] file has no YAML content"])
        XCTAssertEqual(compose("a: \u{7}\n").1, ["f.yaml:1:1: error: [PC0001] cannot read: control characters are not allowed"])
    }
}
