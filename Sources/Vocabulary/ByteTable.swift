/// A read-only map from UTF-8 byte strings to indices, looked up on borrowed bytes: no key is built per
/// lookup (a `[UInt8]` key and SipHash cost more than the rest of classifying a major). The lookups of
/// the hot path use it: JSON keys, majors, provinces, exams and their parts.
///
/// Open addressing over a power-of-two slot array, hashed eight bytes at a time; keys stored one after the other.
public struct ByteTable: Sendable {
    private struct Entry: Sendable {
        let start: Int32
        let count: Int32
        let value: UInt32
        let hash: UInt32
    }

    private let text: [UInt8]
    private let entries: [Entry]
    /// Entry index + 1 per slot; 0 is empty.
    private let slots: [Int32]

    /// A table of exactly these pairs (keys distinct).
    public init(_ pairs: [(key: [UInt8], value: Int)]) {
        var text: [UInt8] = []
        var entries: [Entry] = []
        var capacity = 8
        while capacity < pairs.count * 2 { capacity *= 2 }
        var slots = [Int32](repeating: 0, count: capacity)
        for (key, value) in pairs {
            let hash = key.withUnsafeBufferPointer(Bytes.hash)
            var slot = Int(hash) & (capacity - 1)
            while slots[slot] != 0 { slot = (slot + 1) & (capacity - 1) }
            entries.append(Entry(start: Int32(text.count), count: Int32(key.count), value: UInt32(value), hash: hash))
            slots[slot] = Int32(entries.count)
            text += key
        }
        self.text = text
        self.entries = entries
        self.slots = slots
    }

    public func value(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Bytes.hash(key)
        let mask = slots.count - 1
        var slot = Int(hash) & mask
        return text.withUnsafeBufferPointer { text in
            while true {
                let index = Int(slots[slot])
                if index == 0 { return nil }
                let entry = entries[index - 1]
                if entry.hash == hash, Int(entry.count) == key.count,
                   Bytes.equal(UnsafeBufferPointer(rebasing: text[Int(entry.start)..<Int(entry.start) + key.count]), key) {
                    return Int(entry.value)
                }
                slot = (slot + 1) & mask
            }
        }
    }
}

extension ByteTable {
    /// A table of the keys in order, the first value kept when a key repeats (as `firstIndex(where:)`).
    public init(firstOf pairs: [(String, Int)]) {
        var seen = Set<String>()
        self.init(pairs.filter { seen.insert($0.0).inserted }.map { (key: Array($0.0.utf8), value: $0.1) })
    }
}
