/// Whether every byte of a text passes a test, checked eight bytes at a time: the scan `analyze`
/// runs on each line to pick its fast paths (`AnalyzeJSON.isPlain`, plain ASCII).
enum ByteScan {
    /// Whether every byte of `bytes` passes. `word` tests eight bytes at once (loaded little-endian;
    /// true when all eight pass) and `byte` one byte. The last 1-7 bytes are tested as the eight
    /// bytes that end the text when it has eight, else one by one.
    @inline(__always)
    static func all(_ bytes: UnsafeBufferPointer<UInt8>, word: (UInt64) -> Bool, byte: (UInt8) -> Bool) -> Bool {
        guard let p = bytes.baseAddress else { return true }
        let n = bytes.count
        func load(_ i: Int) -> UInt64 { UnsafeRawPointer(p + i).loadUnaligned(as: UInt64.self) }
        var i = 0
        while i + 8 <= n {
            if !word(load(i)) { return false }
            i += 8
        }
        if i == n { return true }
        if n >= 8 { return word(load(n - 8)) }
        while i < n {
            if !byte(p[i]) { return false }
            i += 1
        }
        return true
    }
}
