/// A read-only map from UTF-8 byte strings to indices, looked up on borrowed bytes: no key is built per
/// lookup (a `[UInt8]` key and SipHash cost more than the rest of classifying a major). The lookups of
/// the hot path use it: majors, provinces, exams and their parts (JSON keys have a perfect hash of their own).
///
/// Open addressing over a power-of-two slot array, hashed eight bytes at a time; keys stored one after the
/// other.
public struct ByteTable: Sendable {
    /// One slot: the key's hash, length and first word (all of a key of up to eight bytes), where the rest
    /// is in `text`, and the value. A lookup reads one slot, and the text only for keys longer than a word:
    /// the table of entries each slot pointed to was a second dependent load per lookup.
    private struct Slot: Sendable {
        var word: UInt64 = 0
        var hash: UInt32 = 0
        /// Key length + 1; 0 marks an empty slot.
        var stored: UInt32 = 0
        var start: UInt32 = 0
        var value: UInt32 = 0
    }

    private let text: [UInt8]
    private let slots: [Slot]

    /// A table of exactly these pairs (keys distinct).
    public init(_ pairs: [(key: [UInt8], value: Int)]) {
        var text: [UInt8] = []
        var capacity = 8
        while capacity < pairs.count * 2 { capacity *= 2 }
        var slots = [Slot](repeating: Slot(), count: capacity)
        for (key, value) in pairs {
            let (hash, word) = key.withUnsafeBufferPointer { (Bytes.hash($0), Bytes.firstWord($0)) }
            var slot = Int(hash) & (capacity - 1)
            while slots[slot].stored != 0 { slot = (slot + 1) & (capacity - 1) }
            slots[slot] = Slot(word: word, hash: hash, stored: UInt32(key.count + 1), start: UInt32(text.count), value: UInt32(value))
            text += key
        }
        self.text = text
        self.slots = slots
    }

    public func value(_ key: UnsafeBufferPointer<UInt8>) -> Int? {
        let hash = Bytes.hash(key)
        let word = Bytes.firstWord(key)
        let stored = UInt32(truncatingIfNeeded: key.count + 1)
        return slots.withUnsafeBufferPointer { slots in
            let mask = slots.count - 1
            var slot = Int(hash) & mask
            while true {
                let s = slots[slot]
                if s.stored == 0 { return nil }
                if s.hash == hash, s.stored == stored, s.word == word {
                    if key.count <= 8 { return Int(s.value) }
                    let rest = text.withUnsafeBufferPointer { text in
                        Bytes.equal(UnsafeBufferPointer(rebasing: text[Int(s.start) + 8..<Int(s.start) + key.count]),
                                    UnsafeBufferPointer(rebasing: key[8...]))
                    }
                    if rest { return Int(s.value) }
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
