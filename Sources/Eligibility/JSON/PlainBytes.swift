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
        let highs: UInt64 = 0x8080_8080_8080_8080
        var i = start
        while i + 8 <= bytes.count {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            let special = specials(w)
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

    /// Whether `bytes` hold a quote, a backslash or a control byte: whole words, then the last bytes as
    /// one more word (overlapping, or padded with a plain byte), never byte by byte.
    static func needEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return false }
        var ascii = true
        let i = skip(bytes, from: 0, ascii: &ascii)
        let n = bytes.count
        if i == n { return false }
        if i + 8 <= n { return true }  // stopped at a special byte; else the last word has it or the rest
        let raw = UnsafeRawPointer(base)
        let last: UInt64
        if n >= 8 {
            last = raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        } else if n >= 4 {
            last = UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        } else {
            last = UInt64(base[0]) | UInt64(base[n >> 1]) << 8 | UInt64(base[n - 1]) << 16 | 0x6161_6161_6100_0000
        }
        return specials(last) != 0
    }

    /// The high bit of each byte of `w` that is a quote, a backslash or a control byte — exact for the
    /// first such byte; a borrow may also mark bytes after it.
    @inline(__always)
    static func specials(_ w: UInt64) -> UInt64 {
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func zeros(_ w: UInt64) -> UInt64 { (w &- ones) & ~w & highs }
        return zeros(w ^ (ones &* 0x22)) | zeros(w ^ (ones &* 0x5C)) | (w &- ones &* 0x20) & ~w & highs
    }
}
