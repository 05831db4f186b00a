/// Comparisons of UTF-8 bytes for the lookups of the hot path (keys, majors, provinces): eight bytes at a
/// time, without the generic `elementsEqual` the compiler did not specialise well enough.
public enum Bytes {
    @inlinable @inline(__always)
    public static func equal(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard a.count == b.count else { return false }
        guard let pa = a.baseAddress, let pb = b.baseAddress else { return true }  // both empty
        let n = a.count
        var i = 0
        while i + 8 <= n {
            if UnsafeRawPointer(pa).loadUnaligned(fromByteOffset: i, as: UInt64.self)
                != UnsafeRawPointer(pb).loadUnaligned(fromByteOffset: i, as: UInt64.self) { return false }
            i += 8
        }
        guard i < n else { return true }
        if n >= 8 {  // the last eight bytes, overlapping those compared
            return UnsafeRawPointer(pa).loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
                == UnsafeRawPointer(pb).loadUnaligned(fromByteOffset: n - 8, as: UInt64.self)
        }
        return tail(pa, n) == tail(pb, n)
    }

    /// Up to eight bytes as one word, read without passing the end: two overlapping halves, or the first,
    /// middle and last byte. With the count, it tells such short strings apart.
    @inlinable @inline(__always)
    public static func tail(_ p: UnsafePointer<UInt8>, _ n: Int) -> UInt64 {
        let raw = UnsafeRawPointer(p)
        if n >= 4 {
            return UInt64(raw.loadUnaligned(as: UInt32.self)) | UInt64(raw.loadUnaligned(fromByteOffset: n - 4, as: UInt32.self)) << 32
        }
        return n == 0 ? 0 : UInt64(p[0]) | UInt64(p[n >> 1]) << 8 | UInt64(p[n - 1]) << 16
    }

    /// The first eight bytes, or all of a shorter string as ``tail(_:_:)`` packs them: with the length,
    /// equal words mean equal strings of up to eight bytes.
    @inlinable @inline(__always)
    public static func firstWord(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        guard let p = bytes.baseAddress else { return 0 }
        return bytes.count >= 8 ? UnsafeRawPointer(p).loadUnaligned(as: UInt64.self) : tail(p, bytes.count)
    }

    /// A hash of a byte string, eight bytes at a time: keys and majors are hashed on every line read, and
    /// a byte-at-a-time hash (FNV) was a tenth of reading one.
    @inlinable @inline(__always)
    public static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let n = bytes.count
        guard let p = bytes.baseAddress, n > 0 else { return 0 }
        let raw = UnsafeRawPointer(p)
        var h = UInt64(n) &* 0x9E37_79B9_7F4A_7C15
        @inline(__always) func mix(_ word: UInt64) {
            h = (h ^ word) &* 0xBF58_476D_1CE4_E5B9
            h ^= h >> 31
        }
        var i = 0
        while i + 8 <= n {
            mix(raw.loadUnaligned(fromByteOffset: i, as: UInt64.self))
            i += 8
        }
        if i < n {
            mix(n >= 8 ? raw.loadUnaligned(fromByteOffset: n - 8, as: UInt64.self) : tail(p, n))
        }
        h = (h ^ (h >> 29)) &* 0x94D0_49BB_1331_11EB
        return UInt32(truncatingIfNeeded: h ^ (h >> 32))
    }
}

extension String {
    /// `utf8.allSatisfy`, over the string's own bytes when it holds them in one piece (native strings
    /// do): iterating the UTF-8 view checked an index per byte, a tenth of validating an ID number.
    @inlinable
    public func allBytes(_ predicate: (UInt8) -> Bool) -> Bool {
        utf8.withContiguousStorageIfAvailable { $0.allSatisfy(predicate) } ?? utf8.allSatisfy(predicate)
    }
}
