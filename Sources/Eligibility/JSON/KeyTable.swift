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
        let field: Field
    }

    /// Every key, concatenated.
    private let text: [UInt8]
    private let entries: [Entry]

    init(_ keys: [(String, Field)]) {
        var text: [UInt8] = []
        var entries: [Entry] = []
        for (key, field) in keys {
            entries.append(Entry(start: text.count, count: key.utf8.count, field: field))
            text += key.utf8
        }
        self.text = text
        self.entries = entries
    }

    /// The field named by `key`, or nil for a key this table does not know.
    func field(_ key: UnsafeBufferPointer<UInt8>) -> Field? {
        text.withUnsafeBufferPointer { text in
            for entry in entries where entry.count == key.count
                && Bytes.equal(UnsafeBufferPointer(rebasing: text[entry.start..<entry.start + entry.count]), key) {
                return entry.field
            }
            return nil
        }
    }
}
