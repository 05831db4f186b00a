import Vocabulary

/// Where a string value of a JSON text is, as UTF-8: a range of the input, or — when the value had
/// escapes — of the decoded scratch. Reading a value this way copies nothing; a `String` is made only for
/// the values that need one.
struct Text: Sendable, Equatable {
    private let offset: UInt32
    /// The length, and in the top bit whether the bytes are in the scratch: a text is 8 bytes, and the
    /// records of a read application that hold a dozen of them stay small to copy.
    private let size: UInt32

    init(start: Int, count: Int, inScratch: Bool) {
        offset = UInt32(truncatingIfNeeded: start)
        size = UInt32(truncatingIfNeeded: count) | (inScratch ? 1 << 31 : 0)
    }

    var start: Int { Int(offset) }
    var count: Int { Int(size & ~(1 << 31)) }
    var inScratch: Bool { size & (1 << 31) != 0 }
    var range: Range<Int> { start..<start + count }
}

/// The bytes a ``Text`` refers to. The input is borrowed: a store is valid only while the buffer it
/// was read from is.
struct TextStore {
    let input: UnsafeBufferPointer<UInt8>
    /// Strings with escapes, decoded, one after the other.
    var scratch: [UInt8] = []

    init(input: UnsafeBufferPointer<UInt8>) {
        self.input = input
    }

    func withBytes<R>(_ text: Text, _ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        if !text.inScratch { return try body(UnsafeBufferPointer(rebasing: input[text.range])) }
        return try scratch.withUnsafeBufferPointer { try body(UnsafeBufferPointer(rebasing: $0[text.range])) }
    }

    /// The value as a `String` (it was validated as UTF-8 when read).
    func string(_ text: Text) -> String {
        withBytes(text) { String(decoding: $0, as: UTF8.self) }
    }

    func string(_ text: Text?) -> String? {
        text.map(string)
    }
}
