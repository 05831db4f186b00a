/// A small pull parser over the bytes of one JSON text, for reading applications without building a
/// tree of `Any` or going through `Codable` (Foundation's `JSONDecoder` manages about 70,000 application
/// lines per second on the target machines; the end-to-end target is 150,000).
///
/// The reader validates as it goes and reports the byte offset of the first problem. Strings are decoded
/// (escapes, surrogate pairs) only when asked for; skipped values are only scanned.
struct JSONReader: ~Copyable {
    struct Failure: Error {
        let message: String
        let offset: Int
    }

    private let bytes: UnsafeBufferPointer<UInt8>
    /// The input and the decoded strings that had escapes: what a ``Text`` read here refers to.
    private(set) var texts: TextStore
    private(set) var position = 0
    private var depth = 0
    static let maximumDepth = 64

    init(_ bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        self.texts = TextStore(input: bytes)
    }

    // MARK: Structure

    mutating func skipWhitespace() {
        // Machines write JSON Lines without blanks: the usual answer is the first byte.
        if position < bytes.count, bytes[position] > 0x20 { return }
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    func fail(_ message: String) -> Failure { Failure(message: message, offset: position) }

    /// The next significant byte, not consumed. Inlined: it is called several times per member.
    @inline(__always)
    mutating func peek() throws -> UInt8 {
        if position < bytes.count, bytes[position] > 0x20 { return bytes[position] }
        skipWhitespace()
        guard position < bytes.count else { throw endOfInput() }
        return bytes[position]
    }

    private func endOfInput() -> Failure { fail("unexpected end of input") }

    mutating func expect(_ byte: UInt8, _ what: StaticString) throws {
        guard try peek() == byte else { throw fail("expected \(what)") }
        position += 1
    }

    /// What ``next(_:)`` found in an object.
    enum Member<Field> {
        /// A key the table knows; its value is next.
        case field(Field)
        /// A key it does not know (escapes decoded); its value is next.
        case unknown(String)
        /// The closing brace, consumed.
        case end
    }

    /// Whether the last thing read opened an object or array: its first member needs no comma.
    private var opened = false

    /// Consumes the `{` of an object; then call ``next(_:)`` until it returns `.end`, reading each value.
    /// No closures: a closure capturing the value under construction made the compiler check exclusive
    /// access at run time on every field, a tenth of the decoding.
    mutating func beginObject() throws {
        try expect(UInt8(ascii: "{"), "an object")
        try enter()
    }

    /// The next member of the object being read, its key matched in `keys` on its bytes.
    mutating func next<Field>(_ keys: KeyTable<Field>) throws -> Member<Field> {
        if try atEnd(UInt8(ascii: "}"), "expected ',' or '}' in an object") { return .end }
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a key in quotes") }
        let member: Member<Field>
        if let key = try readPlainKey() {
            member = keys.field(key).map { .field($0) } ?? .unknown(String(decoding: key, as: UTF8.self))
        } else {
            var key = try readString()
            member = key.withUTF8 { keys.field($0) }.map { .field($0) } ?? .unknown(key)
        }
        try expect(UInt8(ascii: ":"), "':' after a key")
        return member
    }

    /// Consumes the `[` of an array; then call ``nextElement()`` until it returns false, reading each element.
    mutating func beginArray() throws {
        try expect(UInt8(ascii: "["), "an array")
        try enter()
    }

    /// True when another element follows (read it next); false at the closing bracket, consumed.
    mutating func nextElement() throws -> Bool {
        try !atEnd(UInt8(ascii: "]"), "expected ',' or ']' in an array")
    }

    private mutating func enter() throws {
        depth += 1
        guard depth <= JSONReader.maximumDepth else { throw fail("nesting deeper than \(JSONReader.maximumDepth)") }
        opened = true
    }

    /// Consumes the separator before a member, or the closing `close` (true).
    private mutating func atEnd(_ close: UInt8, _ problem: @autoclosure () -> String) throws -> Bool {
        let byte = try peek()
        if byte == close {
            position += 1
            depth -= 1
            opened = false
            return true
        }
        if opened {
            opened = false
            return false
        }
        guard byte == UInt8(ascii: ",") else { throw fail(problem()) }
        position += 1
        // After a comma a member must follow: `[1,]` and `{"a":1,}` are not JSON.
        let following = try peek()
        if following == UInt8(ascii: "]") || following == UInt8(ascii: "}") { throw fail("a trailing ',' before '\(Character(Unicode.Scalar(following)))'") }
        return false
    }

    /// A string or `null` (nil), in one look at the next byte; anything else throws `notText()`.
    mutating func readTextOrNull(_ notText: () -> Error) throws -> Text? {
        switch try peek() {
        case UInt8(ascii: "\""): return try readTextAfterPeek()
        case UInt8(ascii: "n"):
            try literal("null")
            return nil
        default: throw notText()
        }
    }

    /// True (and consumed) when the next value is `null`.
    mutating func readNull() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func readBool() throws -> Bool {
        switch try peek() {
        case UInt8(ascii: "t"): try literal("true"); return true
        case UInt8(ascii: "f"): try literal("false"); return false
        default: throw fail("expected true or false")
        }
    }

    private mutating func literal(_ word: StaticString) throws {
        let count = word.utf8CodeUnitCount
        guard position + count <= bytes.count else { throw fail("unexpected end of input") }
        for i in 0..<count where bytes[position + i] != word.utf8Start[i] { throw fail("invalid literal") }
        position += count
    }

    /// A number as a Double, checked against the JSON grammar.
    mutating func readNumber() throws -> Double {
        let (start, digitsStart, isInteger) = try scanNumber()
        if isInteger, position - start <= 15 {
            var value = 0
            var i = digitsStart
            while i < position {
                value = value * 10 + Int(bytes[i] - 0x30)
                i += 1
            }
            return Double(start == digitsStart ? value : -value)
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
        guard let value = Double(text), value.isFinite else { throw fail("number out of range") }
        return value
    }

    /// A number exactly as written (checked against the JSON grammar): an id is echoed, never converted,
    /// so `1e999` stays `1e999` and a 20-digit id keeps its last digits.
    mutating func readNumberLiteral() throws -> String {
        let (start, _, _) = try scanNumber()
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<position]), as: UTF8.self)
    }

    /// Consumes one number; returns where it starts, where its integer digits start, and whether it is an integer.
    private mutating func scanNumber() throws -> (start: Int, digitsStart: Int, isInteger: Bool) {
        _ = try peek()
        let start = position
        if position < bytes.count, bytes[position] == UInt8(ascii: "-") { position += 1 }
        let digitsStart = position
        while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
        guard position > digitsStart else { throw fail("expected a number") }
        if bytes[digitsStart] == 0x30, position - digitsStart > 1 { throw fail("a number may not start with 0") }
        var isInteger = true
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") {
            isInteger = false
            position += 1
            let fraction = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            guard position > fraction else { throw fail("expected digits after '.'") }
        }
        if position < bytes.count, bytes[position] | 0x20 == UInt8(ascii: "e") {
            isInteger = false
            position += 1
            if position < bytes.count, bytes[position] == UInt8(ascii: "+") || bytes[position] == UInt8(ascii: "-") { position += 1 }
            let exponent = position
            while position < bytes.count, (0x30...0x39).contains(bytes[position]) { position += 1 }
            guard position > exponent else { throw fail("expected digits in the exponent") }
        }
        return (start, digitsStart, isInteger)
    }

    /// A key without escapes, as the bytes between its quotes (consumed); nil, with nothing consumed,
    /// for a key with an escape, which ``readString()`` decodes. Non-ASCII keys are validated as UTF-8.
    private mutating func readPlainKey() throws -> UnsafeBufferPointer<UInt8>? {
        let start = position + 1
        var end = start
        var ascii = true
        end = PlainBytes.skip(bytes, from: end, ascii: &ascii)
        while end < bytes.count {
            let byte = bytes[end]
            if byte == UInt8(ascii: "\"") { break }
            if byte == UInt8(ascii: "\\") { return nil }
            if byte < 0x20 { position = end; throw fail("control character in a string (escape it)") }
            if byte >= 0x80 { ascii = false }
            end += 1
        }
        guard end < bytes.count else { position = end; throw fail("unterminated string") }
        let key = UnsafeBufferPointer(rebasing: bytes[start..<end])
        if !ascii, !isValidUTF8(key) {
            throw Failure(message: "invalid UTF-8 in a string", offset: start)
        }
        position = end + 1
        return key
    }

    /// A string value, decoded.
    mutating func readString() throws -> String {
        let text = try readText()  // first: reading may add to the scratch the store then reads
        return texts.string(text)
    }

    /// A string value, as where its UTF-8 bytes are: in the input when it has no escape (the common case:
    /// nothing is copied), else decoded into the scratch of ``texts``. Invalid UTF-8 is refused.
    mutating func readText() throws -> Text {
        guard try peek() == UInt8(ascii: "\"") else { throw fail("expected a string") }
        return try readTextAfterPeek()
    }

    /// ``readText()`` when the next byte is known to be the opening quote.
    private mutating func readTextAfterPeek() throws -> Text {
        position += 1
        let start = position
        var ascii = true
        position = PlainBytes.skip(bytes, from: position, ascii: &ascii)
        while position < bytes.count {
            let byte = bytes[position]
            if byte == UInt8(ascii: "\"") {
                let text = Text(start: start, count: position - start, inScratch: false)
                position += 1
                if !ascii, !isValidUTF8(UnsafeBufferPointer(rebasing: bytes[text.range])) {
                    throw Failure(message: "invalid UTF-8 in a string", offset: start)
                }
                return text
            }
            if byte == UInt8(ascii: "\\") { break }
            if byte < 0x20 { throw fail("control character in a string (escape it)") }
            if byte >= 0x80 { ascii = false }
            position += 1
        }
        let scratchStart = texts.scratch.count
        texts.scratch.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<position]))
        while position < bytes.count {
            let byte = bytes[position]
            switch byte {
            case UInt8(ascii: "\""):
                position += 1
                let text = Text(start: scratchStart, count: texts.scratch.count - scratchStart, inScratch: true)
                guard texts.withBytes(text, isValidUTF8) else {
                    throw Failure(message: "invalid UTF-8 in a string", offset: start)
                }
                return text
            case UInt8(ascii: "\\"):
                position += 1
                guard position < bytes.count else { throw fail("unexpected end of input") }
                let escape = bytes[position]
                position += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): texts.scratch.append(escape)
                case UInt8(ascii: "b"): texts.scratch.append(0x08)
                case UInt8(ascii: "f"): texts.scratch.append(0x0C)
                case UInt8(ascii: "n"): texts.scratch.append(0x0A)
                case UInt8(ascii: "r"): texts.scratch.append(0x0D)
                case UInt8(ascii: "t"): texts.scratch.append(0x09)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800...0xDBFF).contains(code) {
                        guard position + 1 < bytes.count, bytes[position] == UInt8(ascii: "\\"), bytes[position + 1] == UInt8(ascii: "u") else {
                            throw fail("a high surrogate must be followed by a low one")
                        }
                        position += 2
                        let low = try hex4()
                        guard (0xDC00...0xDFFF).contains(low) else { throw fail("invalid low surrogate") }
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    } else if (0xDC00...0xDFFF).contains(code) {
                        throw fail("a lone low surrogate")
                    }
                    texts.scratch.append(contentsOf: String(Character(Unicode.Scalar(code)!)).utf8)
                default:
                    throw fail("invalid escape")
                }
            default:
                if byte < 0x20 { throw fail("control character in a string (escape it)") }
                texts.scratch.append(byte)
                position += 1
            }
        }
        throw fail("unterminated string")
    }

    private mutating func hex4() throws -> UInt32 {
        guard position + 4 <= bytes.count else { throw fail("unexpected end of input") }
        var value: UInt32 = 0
        for _ in 0..<4 {
            let c = bytes[position]
            let digit: UInt8
            switch c {
            case 0x30...0x39: digit = c - 0x30
            case 0x41...0x46: digit = c - 0x37
            case 0x61...0x66: digit = c - 0x57
            default: throw fail("invalid \\u escape")
            }
            value = value << 4 | UInt32(digit)
            position += 1
        }
        return value
    }

    /// Skips any value, validating it.
    mutating func skipValue() throws {
        switch try peek() {
        case UInt8(ascii: "{"):
            try beginObject()
            while case .unknown = try next(JSONReader.noKeys) { try skipValue() }
        case UInt8(ascii: "["):
            try beginArray()
            while try nextElement() { try skipValue() }
        case UInt8(ascii: "\""): _ = try readString()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try readBool()
        case UInt8(ascii: "n"): _ = try readNull()
        default: _ = try readNumber()
        }
    }

    /// A table that knows no key: what a skipped object is read with.
    private static let noKeys = KeyTable<Never>([])

    /// After the top-level value: only whitespace may remain.
    mutating func expectEnd() throws {
        skipWhitespace()
        guard position == bytes.count else { throw fail("unexpected text after the JSON value") }
    }
}
