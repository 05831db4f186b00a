internal import CZlib

/// zlib (`/FlateDecode`) compression. Foundation on Linux has no zlib API, so the system library is linked.
enum Deflate {
    static func compress(_ input: [UInt8], level: Int32 = 6) -> [UInt8] {
        var length = compressBound(uLong(input.count))
        var output = [UInt8](repeating: 0, count: Int(length))
        let status = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBufferPointer { destination in
                compress2(destination.baseAddress, &length, source.baseAddress, uLong(source.count), level)
            }
        }
        precondition(status == Z_OK, "compress2 failed with a buffer of compressBound size")
        output.removeSubrange(Int(length)...)
        return output
    }
}
