/// The bytes a JSON string holds as they are — anything but a quote, a backslash or a control byte —
/// recognised eight at a time: reading skips them, writing copies them without escaping.
enum PlainBytes {
    /// The offset of the first quote, backslash or control byte from `start`, or, when there is none in
    /// whole words, where fewer than eight bytes remain; `ascii` is cleared when a skipped byte is not
    /// ASCII. The has-zero-byte test marks a word's first such byte exactly (a borrow can only mark bytes
    /// after it), so the byte is found without a second, byte-by-byte look at its word.
    @inline(__always)
    static func skip(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int, ascii: inout Bool) -> Int {
        guard let base = bytes.baseAddress else { return start }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeros(_ w: UInt64) -> UInt64 { (w &- ones) & ~w & highs }
        var i = start
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let special = zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x5C)) | (w &- ones &* 0x20) & ~w & highs
            if special != 0 {
                let before = special.trailingZeroBitCount & ~7  // bits of the bytes before the special one
                if w & highs & ((1 << before) &- 1) != 0 { ascii = false }
                return i + (before >> 3)
            }
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
