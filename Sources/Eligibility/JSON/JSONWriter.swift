/// Appends JSON to a byte buffer: no intermediate dictionaries, keys in the order written, so the same
/// verdict always gives the same bytes.
public struct JSONWriter {
    public var bytes: [UInt8] = []
    /// Per open object or array (innermost in bit 0), whether a member was written and the next needs a
    /// comma: a bit stack, not an array of flags each write checked, grew and shrank.
    private var needsComma: UInt64 = 0
    private var depth = 0
    /// The bits shifted out past 64 levels (never for a verdict, which is four deep).
    private var deeper: [Bool] = []

    public init(capacity: Int = 1024) {
        bytes.reserveCapacity(capacity)
    }

    /// Empties the writer for the next document, keeping the buffer's capacity: a stream of verdicts
    /// then allocates no buffer per line.
    public mutating func reset() {
        bytes.removeAll(keepingCapacity: true)
        needsComma = 0
        depth = 0
        deeper.removeAll(keepingCapacity: true)
    }

    @inline(__always)
    private mutating func separator() {
        guard depth > 0 else { return }
        if needsComma & 1 != 0 { bytes.append(UInt8(ascii: ",")) }
        needsComma |= 1
    }

    private mutating func open(_ byte: UInt8) {
        separator()
        bytes.append(byte)
        if depth >= 64 { deeper.append(needsComma & (1 << 63) != 0) }
        depth += 1
        needsComma <<= 1
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        needsComma >>= 1
        if depth >= 64, deeper.removeLast() { needsComma |= 1 << 63 }
        bytes.append(byte)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ key: StaticString) {
        separator()
        bytes.append(UInt8(ascii: "\""))
        bytes.append(contentsOf: UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        bytes.append(UInt8(ascii: "\""))
        bytes.append(UInt8(ascii: ":"))
        needsComma &= ~1  // the value that follows is not a new member
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
            guard !needsEscape(utf8) else { return false }
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

    /// Whether `utf8` holds a quote, a backslash or a control byte: eight bytes at a time (the exact
    /// has-zero-byte test on each word), the rest one by one.
    static func needsEscape(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = utf8.baseAddress else { return false }
        let ones: UInt64 = 0x0101_0101_0101_0101, highs: UInt64 = 0x8080_8080_8080_8080
        func hasZero(_ w: UInt64) -> Bool { (w &- ones) & ~w & highs != 0 }
        var i = 0
        while i + 8 <= utf8.count {
            let w = UnsafeRawPointer(base).loadUnaligned(fromByteOffset: i, as: UInt64.self)
            if hasZero(w ^ (ones &* 0x22)) || hasZero(w ^ (ones &* 0x5C)) || (w &- ones &* 0x20) & ~w & highs != 0 { return true }
            i += 8
        }
        while i < utf8.count {
            let b = utf8[i]
            if b < 0x20 || b == UInt8(ascii: "\"") || b == UInt8(ascii: "\\") { return true }
            i += 1
        }
        return false
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
