internal import CZlib

/// zlib (`/FlateDecode`) compression. Foundation on Linux has no zlib API, so the system library is linked.
///
/// The window and hash table are sized to the input: `compress2` always sets up a 32 KB window and a 64 K-entry
/// hash table (about 256 KB to allocate and clear), which cost more than compressing a 6 KB content stream.
enum Deflate {
    static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var windowBits: Int32 = 9
        while windowBits < 15, 1 << windowBits < input.count { windowBits += 1 }
        let memoryLevel = max(1, min(8, windowBits - 6))
        var stream = z_stream()
        guard deflateInit2_(&stream, level, Z_DEFLATED, windowBits, memoryLevel, Z_DEFAULT_STRATEGY, ZLIB_VERSION, Int32(MemoryLayout<z_stream>.size)) == Z_OK else {
            preconditionFailure("deflateInit2 failed: out of memory")
        }
        defer { deflateEnd(&stream) }
        var output = [UInt8](repeating: 0, count: Int(deflateBound(&stream, uLong(input.count))))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.baseAddress
                stream.avail_out = uInt(destination.count)
                return deflate(&stream, Z_FINISH)
            }
        }
        precondition(status == Z_STREAM_END, "deflate with a deflateBound buffer must finish")
        output.removeSubrange(Int(stream.total_out)...)
        return output
    }
}
