/// A growable run of bytes behind a raw pointer, for output written at speed: `reserve` room for an
/// upper bound once, store bytes through the pointer it returns with no per-byte checks, then
/// `commit` the end actually reached. Owned by one thread at a time (a `Chunk`'s output).
final class ByteBuffer {
    private(set) var base: UnsafeMutablePointer<UInt8>
    private(set) var capacity: Int
    private(set) var count = 0

    init(capacity: Int) {
        base = .allocate(capacity: capacity)
        self.capacity = capacity
    }

    deinit { base.deallocate() }

    /// The bytes written so far, valid until the next `reserve`.
    var bytes: UnsafeRawBufferPointer { UnsafeRawBufferPointer(start: base, count: count) }

    /// Makes room for at least `n` more bytes and returns where they go.
    func reserve(_ n: Int) -> UnsafeMutablePointer<UInt8> {
        if count + n > capacity { grow(to: count + n) }
        return base + count
    }

    /// Takes the bytes written since `reserve`, up to `end` (which must be within what was reserved).
    func commit(upTo end: UnsafeMutablePointer<UInt8>) {
        precondition(end >= base + count && end <= base + capacity)
        count = end - base
    }

    /// Appends a copy of `source` (a slow-path convenience: one `reserve` and one copy).
    func append(_ source: UnsafeRawBufferPointer) {
        let p = reserve(source.count)
        if source.count > 0 { UnsafeMutableRawPointer(p).copyMemory(from: source.baseAddress!, byteCount: source.count) }
        count += source.count
    }

    func removeAll() { count = 0 }

    private func grow(to needed: Int) {
        let newCapacity = max(needed, 2 * capacity)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
