@testable import Service
import Testing

/// `LineFramer`: lines cut right whatever size the reads come in (swift-nio-extras' one-byte-at-a-time test).
@Suite struct FramingTests {
    func frames(_ text: String, chunk: Int, limit: Int = 1000) -> [LineFramer.Frame] {
        var framer = LineFramer(maximumLineLength: limit)
        let bytes = Array(text.utf8)
        var out: [LineFramer.Frame] = []
        var i = 0
        while i < bytes.count {
            out += framer.append(Array(bytes[i..<min(i + chunk, bytes.count)]))
            i += chunk
        }
        if let last = framer.finish() { out.append(last) }
        return out
    }

    func line(_ s: String) -> LineFramer.Frame { .line(Array(s.utf8)) }

    @Test(arguments: [1, 2, 3, 7, 64])
    func linesAreTheSameWhateverTheReadSize(chunk: Int) {
        #expect(frames("{\"a\":1}\n[2]\n", chunk: chunk) == [line("{\"a\":1}"), line("[2]")])
    }

    @Test func carriageReturnBeforeNewlineIsDropped() {
        #expect(frames("one\r\ntwo\r\n", chunk: 1) == [line("one"), line("two")])
        // A \r elsewhere stays: the parser decides about it.
        #expect(frames("a\rb\n", chunk: 1) == [line("a\rb")])
    }

    @Test func bytesLeftAtEOFAreTheLastLine() {
        #expect(frames("first\nlast", chunk: 1) == [line("first"), line("last")])
        #expect(frames("first\nlast\r", chunk: 4) == [line("first"), line("last")])
        #expect(frames("only\n", chunk: 1) == [line("only")])
        #expect(frames("", chunk: 1) == [])
    }

    @Test func emptyLinesComeOutEmpty() {
        #expect(frames("\n\r\nx\n", chunk: 1) == [line(""), line(""), line("x")])
    }

    @Test func aLineOverTheLimitIsCountedNotBuffered() {
        let long = String(repeating: "x", count: 25)
        for chunk in [1, 5, 100] {
            #expect(frames("ok\n\(long)\nafter\n", chunk: chunk, limit: 10) == [line("ok"), .oversized(byteCount: 25), line("after")])
        }
        #expect(frames("0123456789\n01234567890\n", chunk: 3, limit: 10) == [line("0123456789"), .oversized(byteCount: 11)])
        #expect(frames("0123456789\r\n", chunk: 1, limit: 10) == [line("0123456789")])
        // Oversized and unterminated at EOF.
        #expect(frames(long, chunk: 4, limit: 10) == [.oversized(byteCount: 25)])
    }
}
