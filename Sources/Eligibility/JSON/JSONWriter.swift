/// Appends JSON to a byte buffer: no intermediate dictionaries, keys in the order written, so the same
/// verdict always gives the same bytes.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    private var needsComma: [Bool] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer for the next document, keeping the buffer's capacity: a stream of verdicts
    /// then allocates no buffer per line.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma.removeAll(keepingCapacity: true)
    }

    private mutating func separator() {
        if let last = needsComma.last {
            if last { bytes.append(UInt8(ascii: ",")) }
            needsComma[needsComma.count - 1] = true
        }
    }

    public mutating func beginObject() { separator(); bytes.append(UInt8(ascii: "{")); needsComma.append(false) }
    public mutating func endObject() { needsComma.removeLast(); bytes.append(UInt8(ascii: "}")) }
    public mutating func beginArray() { separator(); bytes.append(UInt8(ascii: "[")); needsComma.append(false) }
    public mutating func endArray() { needsComma.removeLast(); bytes.append(UInt8(ascii: "]")) }

    public mutating func key(_ key: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { bytes.append(contentsOf: $0) }
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma[needsComma.count - 1] = false
    }

    public mutating func string(_ value: String) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        JSONWriter.appendEscaped(value, to: &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// A string value rendered in place: each piece of the message is escaped as it is appended, so a
    /// verdict's messages are written without a `String` of their own.
    mutating func string(_ text: some RenderedText) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        var sink = EscapingSink()
        swap(&sink.bytes, &bytes)  // the sink appends to this buffer, uniquely referenced: no copy
        text.write(to: &sink)
        swap(&sink.bytes, &bytes)
        bytes.append(UInt8(ascii: "\""))
    }

    /// Appends a string value's bytes (without quotes), escaped.
    static func appendEscaped(_ value: String, to bytes: inout [UInt8]) {
        // Most text (Chinese messages included) needs no escape: copy its UTF-8 in one go.
        var value = value
        let copied = value.withUTF8 { utf8 -> Bool in
            guard !utf8.contains(where: { $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\") }) else { return false }
            bytes.append(contentsOf: utf8)
            return true
        }
        if copied { return }
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): bytes.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): bytes.append(contentsOf: [0x5C, 0x5C])
            case 0x0A: bytes.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: bytes.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: bytes.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: [0x5C, UInt8(ascii: "u"), 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]])
            default: bytes.append(byte)
            }
        }
    }

    /// Appends an integer's digits directly (least significant first, then reversed): `String(value)`
    /// built a string for every number.
    static func appendDigits(_ value: Int, to bytes: inout [UInt8]) {
        if value < 0 { bytes.append(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = bytes.count
        repeat {
            bytes.append(UInt8(0x30 + magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        bytes[start...].reverse()
    }

    public mutating func int<T: BinaryInteger>(_ value: T) {
        separator()
        guard let value = Int(exactly: value) else {
            bytes.append(contentsOf: String(value).utf8)
            return
        }
        JSONWriter.appendDigits(value, to: &bytes)
    }

    public mutating func bool(_ value: Bool) {
        separator()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    public mutating func null() {
        separator()
        bytes.append(contentsOf: "null".utf8)
    }

    /// A number kept as its JSON text (an echoed id).
    public mutating func raw(_ text: String) {
        separator()
        bytes.append(contentsOf: text.utf8)
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}

/// The inside of a JSON string, written piece by piece: text escaped, numbers as digits.
struct EscapingSink: TextSink {
    var bytes: [UInt8] = []

    mutating func put(_ text: String) { JSONWriter.appendEscaped(text, to: &bytes) }
    mutating func put(_ number: Int) { JSONWriter.appendDigits(number, to: &bytes) }
}
