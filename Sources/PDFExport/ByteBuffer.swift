/// Bytes of a PDF being written, with the few formatting helpers PDF syntax needs; no Foundation formatting,
/// which is slow and locale-dependent.
struct ByteBuffer {
    var bytes: [UInt8] = []

    init(capacity: Int = 0) {
        bytes.reserveCapacity(capacity)
    }

    var count: Int { bytes.count }

    mutating func append(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func append(_ text: String) {
        bytes.append(contentsOf: text.utf8)
    }

    mutating func append(_ other: [UInt8]) {
        bytes.append(contentsOf: other)
    }

    mutating func append(byte: UInt8) {
        bytes.append(byte)
    }

    mutating func append(int value: Int) {
        if value < 0 {
            bytes.append(UInt8(ascii: "-"))
            append(int: -value)
            return
        }
        if value >= 10 { append(int: value / 10) }
        bytes.append(UInt8(48 + value % 10))
    }

    /// A real number with at most `decimals` (≤ 4) decimals and no trailing zeros: `12.5`, `-0.35`, `3`.
    mutating func append(number value: Double, decimals: Int = 2) {
        let factor = [1, 10, 100, 1000, 10000][decimals]
        var scaled = Int((value * Double(factor)).rounded())
        if scaled < 0 {
            bytes.append(UInt8(ascii: "-"))
            scaled = -scaled
        }
        append(int: scaled / factor)
        var fraction = scaled % factor
        guard fraction != 0 else { return }
        var digits = decimals
        while fraction % 10 == 0 { fraction /= 10; digits -= 1 }
        bytes.append(UInt8(ascii: "."))
        var divisor = [1, 10, 100, 1000, 10000][digits - 1]
        while divisor > 0 {
            bytes.append(UInt8(48 + (fraction / divisor) % 10))
            divisor /= 10
        }
    }

    private static let hexDigits: [UInt8] = Array("0123456789ABCDEF".utf8)

    /// Four hex digits: a two-byte character code.
    mutating func append(hex16 value: UInt16) {
        bytes.append(ByteBuffer.hexDigits[Int(value >> 12)])
        bytes.append(ByteBuffer.hexDigits[Int(value >> 8 & 0xF)])
        bytes.append(ByteBuffer.hexDigits[Int(value >> 4 & 0xF)])
        bytes.append(ByteBuffer.hexDigits[Int(value & 0xF)])
    }

    mutating func append(hexBytes: some Sequence<UInt8>) {
        for byte in hexBytes {
            bytes.append(ByteBuffer.hexDigits[Int(byte >> 4)])
            bytes.append(ByteBuffer.hexDigits[Int(byte & 0xF)])
        }
    }

    /// A text string as UTF-16BE with a byte order mark, in hex: safe for any characters.
    mutating func append(textString text: String) {
        append("<FEFF")
        for unit in text.utf16 { append(hex16: unit) }
        append(">")
    }
}
