/// Appends JSON to a byte buffer: no intermediate dictionaries, keys in the order written, so the same
/// verdict always gives the same bytes.
///
/// The buffer is raw memory the writer owns: a verdict is some three hundred small appends, and an
/// array checked its uniqueness and capacity on each. A copy of a writer gets its own buffer on its
/// next write (copy on write), so writers still behave as values.
public struct JSONWriter {
    private final class Storage {
        var base: UnsafeMutablePointer<UInt8>
        var capacity: Int

        init(capacity: Int) {
            self.capacity = max(64, capacity)
            base = .allocate(capacity: self.capacity)
        }

        deinit { base.deallocate() }
    }

    private var storage: Storage
    /// Held, empty, while ``string(_:)`` lends the buffer to a sink. Never written: shared, it is never
    /// uniquely referenced, so a write would first move to a buffer of its own.
    nonisolated(unsafe) private static let placeholder = Storage(capacity: 64)
    private var count = 0
    /// Per open object or array (innermost in bit 0), whether a member was written and the next needs a
    /// comma: a bit stack, not an array of flags each write checked, grew and shrank.
    private var needsComma: UInt64 = 0
    private var depth = 0
    /// The bits shifted out past 64 levels (never for a verdict, which is four deep).
    private var deeper: [Bool] = []

    public init(capacity: Int = 1024) {
        storage = Storage(capacity: capacity)
    }

    /// The document so far, as an array (a copy).
    public var bytes: [UInt8] { withBytes(Array.init) }

    /// The document so far, without copying; valid during the call.
    public func withBytes<R>(_ body: (UnsafeBufferPointer<UInt8>) throws -> R) rethrows -> R {
        try body(UnsafeBufferPointer(start: storage.base, count: count))
    }

    /// Empties the writer for the next document, keeping the buffer: a stream of verdicts then
    /// allocates no buffer per line.
    public mutating func reset() {
        count = 0
        needsComma = 0
        depth = 0
        deeper.removeAll(keepingCapacity: true)
    }

    /// Room for `more` bytes, in a buffer of this writer's own: called once per value written.
    @inline(__always)
    private mutating func reserve(_ more: Int) {
        if !isKnownUniquelyReferenced(&storage) || count + more > storage.capacity { grow(more) }
    }

    /// A buffer of this writer's own with room for `more`: doubled when full, the same size when the
    /// buffer was only shared (a copy of the writer), so sharing never makes it grow.
    private mutating func grow(_ more: Int) {
        let full = count + more > storage.capacity
        let bigger = Storage(capacity: full ? max(storage.capacity * 2, count + more) : storage.capacity)
        bigger.base.update(from: storage.base, count: count)
        storage = bigger
    }

    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        storage.base[count] = byte
        count += 1
    }

    @inline(__always)
    private mutating func put(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        (storage.base + count).update(from: source, count: bytes.count)
        count += bytes.count
    }

    /// A comma when a member came before; room for it and `more` bytes.
    @inline(__always)
    private mutating func separator(reserving more: Int) {
        reserve(more + 1)
        guard depth > 0 else { return }
        if needsComma & 1 != 0 { put(UInt8(ascii: ",")) }
        needsComma |= 1
    }

    private mutating func open(_ byte: UInt8) {
        separator(reserving: 1)
        put(byte)
        if depth >= 64 { deeper.append(needsComma & (1 << 63) != 0) }
        depth += 1
        needsComma <<= 1
    }

    private mutating func close(_ byte: UInt8) {
        depth -= 1
        needsComma >>= 1
        if depth >= 64, deeper.removeLast() { needsComma |= 1 << 63 }
        reserve(1)
        put(byte)
    }

    public mutating func beginObject() { open(UInt8(ascii: "{")) }
    public mutating func endObject() { close(UInt8(ascii: "}")) }
    public mutating func beginArray() { open(UInt8(ascii: "[")) }
    public mutating func endArray() { close(UInt8(ascii: "]")) }

    public mutating func key(_ key: StaticString) {
        separator(reserving: key.utf8CodeUnitCount + 3)
        put(UInt8(ascii: "\""))
        put(UnsafeBufferPointer(start: key.utf8Start, count: key.utf8CodeUnitCount))
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        needsComma &= ~1  // the value that follows is not a new member
    }

    public mutating func string(_ value: String) {
        // Native strings lend their UTF-8 without a copy of the string; one reservation covers the
        // comma, both quotes and the bytes when, as nearly always, nothing needs escaping.
        guard let _ = value.utf8.withContiguousStorageIfAvailable({ utf8 in
            separator(reserving: utf8.count + 2)
            put(UInt8(ascii: "\""))
            if PlainBytes.needEscaping(utf8) {
                appendEscapingEach(utf8)
                reserve(1)
            } else {
                put(utf8)
            }
            put(UInt8(ascii: "\""))
        }) else {
            var value = value
            value.makeContiguousUTF8()
            return string(value)
        }
    }

    /// A string value rendered in place: each piece of the message is escaped as it is appended, so a
    /// verdict's messages are written without a `String` of their own.
    mutating func string(_ text: some RenderedText) {
        separator(reserving: 1)
        put(UInt8(ascii: "\""))
        // The sink takes the buffer while it writes, this writer holding a placeholder: with one
        // reference, nothing is copied.
        var sink = EscapingSink(writer: self)
        storage = JSONWriter.placeholder
        count = 0
        text.write(to: &sink)
        swap(&self, &sink.writer)  // back, leaving the sink the placeholder: the buffer stays unshared
        reserve(1)
        put(UInt8(ascii: "\""))
    }

    /// Appends a string's bytes (without quotes), escaped.
    mutating func appendEscaped(_ utf8: UnsafeBufferPointer<UInt8>) {
        // Most text (Chinese messages included) needs no escape: copy its UTF-8 in one go.
        reserve(utf8.count)
        guard PlainBytes.needEscaping(utf8) else {
            put(utf8)
            return
        }
        appendEscapingEach(utf8)
    }

    private mutating func appendEscapingEach(_ utf8: UnsafeBufferPointer<UInt8>) {
        for byte in utf8 {
            reserve(6)
            switch byte {
            case UInt8(ascii: "\""): put(0x5C); put(0x22)
            case UInt8(ascii: "\\"): put(0x5C); put(0x5C)
            case 0x0A: put(0x5C); put(UInt8(ascii: "n"))
            case 0x0D: put(0x5C); put(UInt8(ascii: "r"))
            case 0x09: put(0x5C); put(UInt8(ascii: "t"))
            case 0..<0x20:
                let hex: StaticString = "0123456789abcdef"
                put(0x5C); put(UInt8(ascii: "u")); put(0x30); put(0x30)
                put(hex.utf8Start[Int(byte >> 4)]); put(hex.utf8Start[Int(byte & 15)])
            default: put(byte)
            }
        }
    }

    /// Appends an integer's digits (at most 20 and a sign), without making a string.
    mutating func appendDigits(_ value: Int) {
        reserve(21)
        if value < 0 { put(UInt8(ascii: "-")) }
        var magnitude = value.magnitude
        let start = count
        repeat {
            put(UInt8(0x30 + magnitude % 10))
            magnitude /= 10
        } while magnitude > 0
        var digits = UnsafeMutableBufferPointer(start: storage.base + start, count: count - start)
        digits.reverse()
    }

    public mutating func int<T: BinaryInteger>(_ value: T) {
        guard let value = Int(exactly: value) else {
            raw(String(value))
            return
        }
        separator(reserving: 21)
        appendDigits(value)
    }

    public mutating func bool(_ value: Bool) {
        raw(value ? "true" : "false")
    }

    public mutating func null() {
        raw("null")
    }

    /// A number kept as its JSON text (an echoed id), or another literal.
    public mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { utf8 in
            separator(reserving: utf8.count)
            put(utf8)
        }
    }

    var capacityForTesting: Int { storage.capacity }

    /// A line break after the document: JSON Lines.
    public mutating func newline() {
        reserve(1)
        put(0x0A)
    }

    public mutating func strings(_ values: [String]) {
        beginArray()
        for value in values { string(value) }
        endArray()
    }
}

/// The inside of a JSON string, written piece by piece: text escaped, numbers as digits.
struct EscapingSink: TextSink {
    var writer: JSONWriter

    mutating func put(_ text: String) {
        guard let _ = text.utf8.withContiguousStorageIfAvailable({ writer.appendEscaped($0) }) else {
            var text = text
            text.withUTF8 { writer.appendEscaped($0) }
            return
        }
    }

    mutating func put(_ number: Int) { writer.appendDigits(number) }
}
