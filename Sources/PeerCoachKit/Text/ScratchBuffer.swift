/// A growable buffer of plain values (bytes, ids, offsets) that its owner frees by hand.
///
/// The tagger's per-reply work goes through these instead of `Array`s: after the first few replies
/// they have grown to what the input needs and nothing is allocated any more, and reading or
/// writing an element is one load or store (no uniqueness or bounds checks on the hot path).
/// The owner (a `final class`, or a function with `defer`) calls `deallocate()` exactly once.
struct ScratchBuffer<Element: BitwiseCopyable> {
    private(set) var base: UnsafeMutablePointer<Element>
    private(set) var capacity: Int
    var count = 0

    init(capacity: Int = 16) {
        self.capacity = max(capacity, 1)
        base = .allocate(capacity: self.capacity)
    }

    /// A buffer of `count` copies of `value`.
    init(repeating value: Element, count: Int) {
        self.init(capacity: count)
        base.initialize(repeating: value, count: capacity)
        self.count = count
    }

    func deallocate() { base.deallocate() }

    var isEmpty: Bool { count == 0 }
    var last: Element? { count > 0 ? base[count - 1] : nil }
    var buffer: UnsafeBufferPointer<Element> { UnsafeBufferPointer(start: base, count: count) }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { base[i] }
        nonmutating set { base[i] = newValue }
    }

    @inline(__always)
    mutating func append(_ value: Element) {
        if count == capacity { grow(to: count + 1) }
        base[count] = value
        count += 1
    }

    mutating func append(contentsOf values: UnsafeBufferPointer<Element>) {
        if count + values.count > capacity { grow(to: count + values.count) }
        if let source = values.baseAddress { (base + count).update(from: source, count: values.count) }
        count += values.count
    }

    @inline(__always)
    mutating func removeAll() { count = 0 }

    /// Makes sure `needed` elements fit, so up to that many can be written with the subscript.
    @inline(__always)
    mutating func reserve(_ needed: Int) {
        if needed > capacity { grow(to: needed) }
    }

    /// Makes room for at least `needed` elements, keeping the first `count`.
    mutating func grow(to needed: Int) {
        var newCapacity = capacity * 2
        while newCapacity < needed { newCapacity *= 2 }
        let newBase = UnsafeMutablePointer<Element>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }
}
