import Foundation

/// Writes a POSIX ustar archive of regular files to a descriptor, in 1 MB blocks.
///
/// Bulk printing into one archive (`baokao form --tar`) creates one file instead of one per form: on a disk
/// where creating files is slow (ext4 without a journal scans past every recently freed inode before it
/// allocates one) thousands of small files can cost more kernel time than printing them.
struct TarWriter {
    let descriptor: Int32
    /// Every entry's modification time, seconds since 1970 (the same input gives the same archive).
    let modified: Int
    private var buffer: [UInt8] = []

    init(descriptor: Int32, modified: Int) {
        self.descriptor = descriptor
        self.modified = modified
        buffer.reserveCapacity(1 << 21)
    }

    /// Names longer than ustar's 100 bytes are cut (file names here are at most 100 characters plus `.pdf`).
    mutating func append(name: String, contents: [UInt8]) throws(TarFailure) {
        var header = [UInt8](repeating: 0, count: 512)
        func put(_ text: String, at offset: Int, width: Int) {
            for (index, byte) in text.utf8.prefix(width).enumerated() { header[offset + index] = byte }
        }
        func octal(_ value: Int, at offset: Int, width: Int) {
            let digits = String(value, radix: 8)
            put(String(repeating: "0", count: max(0, width - 1 - digits.count)) + digits, at: offset, width: width - 1)
        }
        var nameBytes = Array(name.utf8.prefix(100))
        while String(validating: nameBytes, as: UTF8.self) == nil { nameBytes.removeLast() }  // never half a character
        header.replaceSubrange(0..<nameBytes.count, with: nameBytes)
        octal(0o644, at: 100, width: 8)
        octal(0, at: 108, width: 8)
        octal(0, at: 116, width: 8)
        octal(contents.count, at: 124, width: 12)
        octal(modified, at: 136, width: 12)
        put("        ", at: 148, width: 8)  // the checksum counts its own field as blanks
        header[156] = UInt8(ascii: "0")
        put("ustar", at: 257, width: 6)
        put("00", at: 263, width: 2)
        let checksum = header.reduce(0) { $0 + Int($1) }
        octal(checksum, at: 148, width: 7)  // six digits, NUL, blank
        header[154] = 0
        header[155] = UInt8(ascii: " ")
        buffer += header
        buffer += contents
        buffer += [UInt8](repeating: 0, count: (512 - contents.count % 512) % 512)
        if buffer.count >= 1 << 20 { try flush() }
    }

    /// The two zero blocks that end an archive, and everything still buffered.
    mutating func finish() throws(TarFailure) {
        buffer += [UInt8](repeating: 0, count: 1024)
        try flush()
    }

    private mutating func flush() throws(TarFailure) {
        var offset = 0
        while offset < buffer.count {
            let written = buffer.withUnsafeBytes { write(descriptor, $0.baseAddress! + offset, buffer.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw TarFailure(description: String(cString: strerror(errno)))
            }
            offset += written
        }
        buffer.removeAll(keepingCapacity: true)
    }
}

struct TarFailure: Error, CustomStringConvertible {
    let description: String
}
