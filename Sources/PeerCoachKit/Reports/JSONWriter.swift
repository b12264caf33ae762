/// Builds one JSON object as text, keys in the order written (stable output, no Foundation).
public struct JSONObject {
    private var body = ""
    private var first = true

    public init() {}

    private mutating func key(_ k: String) {
        body += first ? "{" : ","
        first = false
        JSONObject.appendString(k, to: &body)
        body += ":"
    }

    public mutating func add(_ k: String, _ value: String) { key(k); JSONObject.appendString(value, to: &body) }
    public mutating func add(_ k: String, _ value: String?) {
        if let value { add(k, value) } else { key(k); body += "null" }
    }
    public mutating func add(_ k: String, _ value: Int) { key(k); body += String(value) }
    public mutating func add(_ k: String, _ value: Bool) { key(k); body += value ? "true" : "false" }
    public mutating func add(_ k: String, _ value: Double) {
        key(k)
        body += value.isFinite ? String(format2(value)) : "null"
    }
    public mutating func add(_ k: String, _ value: JSONObject) { key(k); body += value.text }
    /// Adds an array of already encoded JSON values.
    public mutating func add(_ k: String, raw values: [String]) { key(k); body += "[" + values.joined(separator: ",") + "]" }
    public mutating func add(_ k: String, strings values: [String]) {
        add(k, raw: values.map { var s = ""; JSONObject.appendString($0, to: &s); return s })
    }
    public mutating func add(_ k: String, objects values: [JSONObject]) { add(k, raw: values.map(\.text)) }

    /// The object's JSON text.
    public var text: String { first ? "{}" : body + "}" }

    /// Appends `s` as a JSON string literal (control characters escaped).
    public static func appendString(_ s: String, to out: inout String) {
        out += "\""
        var plainStart = s.utf8.startIndex
        let utf8 = s.utf8
        var i = utf8.startIndex
        while i != utf8.endIndex {
            let b = utf8[i]
            if b == 0x22 || b == 0x5C || b < 0x20 {
                out += String(s[plainStart..<i])
                switch b {
                case 0x22: out += "\\\""
                case 0x5C: out += "\\\\"
                case 0x0A: out += "\\n"
                case 0x0D: out += "\\r"
                case 0x09: out += "\\t"
                default:
                    let hex = String(b, radix: 16)
                    out += "\\u00" + (hex.count == 1 ? "0" + hex : hex)
                }
                plainStart = utf8.index(after: i)
            }
            i = utf8.index(after: i)
        }
        out += String(s[plainStart..<utf8.endIndex])
        out += "\""
    }

    private func format2(_ v: Double) -> String {
        let scaled = (v * 100).rounded() / 100
        if scaled == scaled.rounded() { return String(Int(scaled)) }
        return String(scaled)
    }
}
