import Vocabulary

/// The keys an object may have, recognised on their UTF-8 bytes.
///
/// Making a `String` of every key and matching it in a `switch` compared it against each case in turn:
/// with about 50 keys per application that was a quarter of the decoding. A general hash table was still
/// a tenth of reading a line, so a table this small is hashed perfectly instead: a key's length and its
/// first and last eight bytes pick its only possible slot, and for keys of up to sixteen bytes — nearly
/// all — the same words, compared, decide. No string is made unless the key is unknown.
struct KeyTable<Field: Sendable>: Sendable {
    private struct Slot: Sendable {
        var first: UInt64 = 0
        var last: UInt64 = 0
        /// Key length + 1; 0 marks an empty slot.
        var stored = 0
        var field = 0
    }

    private let slots: [Slot]
    /// Where the slot index is taken from the mixed words: the top bits after multiplying by `multiplier`.
    private let multiplier: UInt64
    private let shift: UInt64
    /// Each key, for comparing the middle of keys longer than sixteen bytes.
    private let keys: [[UInt8]]
    private let fields: [Field]

    /// Keys in order; the first of equal keys wins.
    init(_ pairs: [(String, Field)]) {
        var seen = Set<String>()
        let unique = pairs.enumerated().filter { seen.insert($0.element.0).inserted }
        keys = pairs.map { Array($0.0.utf8) }
        fields = pairs.map(\.1)
        var bits = 2
        while 1 << bits < unique.count * 4 { bits += 1 }
        // Multipliers from a fixed sequence until every key has a slot of its own (a few tries for a
        // table of twenty keys in four times as many slots).
        var candidate: UInt64 = 0x9E37_79B9_7F4A_7C15
        var tries = 0
        while true {
            var slots = [Slot](repeating: Slot(), count: 1 << bits)
            var perfect = true
            for (index, pair) in unique {
                let (first, last, mixed) = Array(pair.0.utf8).withUnsafeBufferPointer(KeyTable.words)
                let slot = Int((mixed &* candidate) >> UInt64(64 - bits))
                guard slots[slot].stored == 0 else { perfect = false; break }
                slots[slot] = Slot(first: first, last: last, stored: pair.0.utf8.count + 1, field: index)
            }
            if perfect {
                self.slots = slots
                multiplier = candidate
                shift = UInt64(64 - bits)
                return
            }
            candidate = candidate &* 0xBF58_476D_1CE4_E5B9 | 1
            tries += 1
            if tries % 256 == 0 { bits += 1 }  // never in practice: a bigger table
            precondition(bits < 20, "keys whose words and hash collide")  // the tables are the code's own
        }
    }

    /// The field named by `key`, or nil for a key this table does not know.
    @inline(__always)
    func field(_ key: UnsafeBufferPointer<UInt8>) -> Field? {
        let (first, last, mixed) = KeyTable.words(key)
        let slot = slots[Int((mixed &* multiplier) >> shift)]
        guard slot.stored == key.count + 1, slot.first == first, slot.last == last else { return nil }
        if key.count > 16 {
            let middle = keys[slot.field].withUnsafeBufferPointer {
                Bytes.equal(UnsafeBufferPointer(rebasing: $0[8..<key.count - 8]), UnsafeBufferPointer(rebasing: key[8..<key.count - 8]))
            }
            guard middle else { return nil }
        }
        return fields[slot.field]
    }

    /// The first and last eight bytes (all of a shorter key, as ``Bytes/tail(_:_:)`` packs it, twice)
    /// and both mixed with the length: with the length, the two words are the whole of a key of up to
    /// sixteen bytes. A longer key's whole hash is mixed in too, so that keys differing only in the
    /// middle get slots of their own.
    @inline(__always)
    private static func words(_ key: UnsafeBufferPointer<UInt8>) -> (UInt64, UInt64, UInt64) {
        let n = key.count
        let first = Bytes.firstWord(key)
        let last = n >= 8 ? UnsafeRawPointer(key.baseAddress!).loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) : first
        let mixed = (first &* 0xFF51_AFD7_ED55_8CCD) ^ (last &+ UInt64(n))
        return (first, last, n > 16 ? mixed ^ UInt64(Bytes.hash(key)) : mixed)
    }
}
