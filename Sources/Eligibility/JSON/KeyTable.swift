import Vocabulary

/// The keys an object may have, recognised on their UTF-8 bytes.
///
/// Making a `String` of every key and matching it in a `switch` compared it against each case in turn:
/// with about 35 keys per application that was a quarter of the decoding. Here a key is compared only
/// with the known keys of its length, byte by byte, and no string is made unless the key is unknown.
struct KeyTable<Field: Sendable>: Sendable {
    private struct Entry: Sendable {
        let start: Int
        let count: Int
        /// The first and the last eight bytes (overlapping, zero-padded): a key of up to 16 bytes is
        /// matched by its length and these two words alone.
        let head: UInt64
        let tail: UInt64
        let field: Field
    }

    /// Every key, concatenated.
    private let text: [UInt8]
    private let entries: [Entry]

    init(_ keys: [(String, Field)]) {
        var text: [UInt8] = []
        var entries: [Entry] = []
        for (key, field) in keys {
            let bytes = Array(key.utf8)
            let (head, tail) = bytes.withUnsafeBufferPointer(KeyTable.words)
            entries.append(Entry(start: text.count, count: bytes.count, head: head, tail: tail, field: field))
            text += bytes
        }
        self.text = text
        self.entries = entries
    }

    /// The field named by `key`, or nil for a key this table does not know.
    func field(_ key: UnsafeBufferPointer<UInt8>) -> Field? {
        let (head, tail) = KeyTable.words(key)
        for entry in entries where entry.count == key.count && entry.head == head && entry.tail == tail {
            if key.count <= 16 { return entry.field }
            let same = text.withUnsafeBufferPointer { Bytes.equal(UnsafeBufferPointer(rebasing: $0[entry.start..<entry.start + entry.count]), key) }
            if same { return entry.field }
        }
        return nil
    }

    /// The first and the last (up to) eight bytes of `bytes` as words, zero-padded; read without going
    /// past the end of the buffer.
    @inline(__always)
    static func words(_ bytes: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64) {
        guard let base = bytes.baseAddress else { return (0, 0) }
        if bytes.count >= 8 {
            let raw = UnsafeRawPointer(base)
            return (raw.loadUnaligned(as: UInt64.self), raw.loadUnaligned(fromByteOffset: bytes.count - 8, as: UInt64.self))
        }
        var word: UInt64 = 0
        for i in 0..<bytes.count { word |= UInt64(bytes[i]) << (8 * UInt64(i)) }
        return (word, word)
    }
}
