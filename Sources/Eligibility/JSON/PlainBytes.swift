/// The bytes a JSON string holds as they are — anything but a quote, a backslash or a control byte —
/// recognised eight at a time: reading skips them, writing copies them without escaping.
enum PlainBytes {
    /// The first offset from `start` whose 8-byte word may hold a quote, a backslash or a control byte,
    /// or where fewer than eight bytes remain; `ascii` is cleared when a skipped byte is not ASCII. The
    /// has-zero-byte test on a word is exact, so no plain word is ever stopped at.
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, ascii: inout Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        var i = start
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let special = hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C)) || (w &- ones &* 0x20) & ~w & highs != 0
            if special { break }
            if w & highs != 0 { ascii = false }
            i += 8
        }
        return i
    }

    /// Whether `bytes` hold a quote, a backslash or a control byte.
    static func needEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var ascii = true
        var i = skip(bytes, from: 0, ascii: &ascii)
        while i < bytes.count {
            let b = bytes[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
    }
}
