/// Comparisons of UTF-8 bytes for the lookups of the hot path (keys, majors, provinces): eight bytes at a
/// time, without the generic `elementsEqual` the compiler did not specialise well enough.
public enum Bytes {
    @inline(__always)
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
        while i < n {
            if pa[i] != pb[i] { return false }
            i += 1
        }
        return true
    }
}
