import Foundation
import Testing
@testable import Eligibility

@Suite struct JSONReaderTests {
    @Test(arguments: [
        "", "{", "}", "[]", "null", "{\"id\":}", "{\"id\":1,}", "{\"id\" 1}", "{id:1}", "{\"a\":tru}",
        "{\"a\":01}", "{\"a\":1.}", "{\"a\":1e}", "{\"a\":\"\u{01}\"}", "{\"a\":\"\\x\"}", "{\"a\":\"\\ud800\"}",
        "{\"a\":\"\\udc00x\"}", "{\"a\":\"unterminated}", "{\"a\":1} trailing", String(repeating: "[", count: 10_000),
        "{\"candidate\":" + String(repeating: "{\"a\":", count: 100) + "1" + String(repeating: "}", count: 101),
        "{\"year\":1e400}", "{\"candidate\":[]}", "{\"subjects\":\"jingji\"}", "{\"candidate\":{\"education\":{}}}",
    ])
    func malformedInputIsAnErrorNotACrash(text: String) {
        let result = ApplicationDecoder.decode(Array(text.utf8))
        guard case .failure(let failure) = result else {
            Issue.record("accepted: \(text.prefix(60))")
            return
        }
        #expect(["malformed-json", "invalid-field"].contains(failure.error.code))
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = Array("{\"exam\":\"".utf8) + [0xFF, 0xFE] + Array("\"}".utf8)
        guard case .failure(let failure) = ApplicationDecoder.decode(bytes) else {
            Issue.record("accepted invalid UTF-8")
            return
        }
        #expect(failure.error.message.contains("UTF-8"))
    }

    @Test func stringsWithEscapesAndSurrogates() throws {
        let text = #"{"id":"a\"b\\c\/\n","candidate":{"name":"\u738b\ud842\udfb7"}}"#
        let app = try ApplicationDecoder.decode(Array(text.utf8)).get()
        #expect(app.id == .string("a\"b\\c/\n"))
        #expect(app.candidate.name == "王𠮷")
    }

    /// Strings are scanned eight bytes at a time and the first special byte of a word is located from the
    /// word: a quote, a backslash, a control byte or a non-ASCII character at every offset of a string,
    /// in a key and in a value, is read (or refused) exactly, and written back escaped as read.
    @Test(arguments: ["\\\"", "\\\\", "\\n", "王", "𠮷", "\u{01}"])
    func aSpecialByteAtEveryOffsetIsFound(special: String) throws {
        for offset in 0..<20 {
            for tail in 0..<10 {
                let raw = String(repeating: "a", count: offset) + special + String(repeating: "b", count: tail)
                let line = #"{"id":"\#(raw)","candidate":{"name":"王"},"\#(raw)":1}"#
                let result = ApplicationDecoder.decode(Array(line.utf8))
                if special == "\u{01}" {
                    #expect(throws: (any Error).self, "offset \(offset)") { try result.get() }
                    continue
                }
                let expected = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                let app = try result.get()
                #expect(app.id == .string(expected["id"] as! String), "offset \(offset), tail \(tail)")
                #expect(app.unknownFields == [expected.keys.first { $0 != "id" && $0 != "candidate" }!])
                var w = JSONWriter()
                w.string(expected["id"] as! String)
                #expect(try JSONSerialization.jsonObject(with: Data(w.bytes), options: .fragmentsAllowed) as? String == expected["id"] as? String)
            }
        }
    }

    /// The writer's check for bytes to escape reads words and a last, overlapping or padded word: one byte
    /// of each kind at every position of strings of every length up to three words agrees with a plain check.
    @Test func needEscapingAgreesWithAByteByByteCheck() {
        for length in 0...24 {
            for position in 0..<max(length, 1) {
                for byte: UInt8 in [0x22, 0x5C, 0x00, 0x1F, 0x0A, 0x20, 0x61, 0x7F, 0xE7, 0xFF] {
                    var bytes = [UInt8](repeating: 0x62, count: length)
                    if length > 0 { bytes[position] = byte }
                    let expected = bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }
                    #expect(bytes.withUnsafeBufferPointer(PlainBytes.needEscaping) == expected, "length \(length), byte \(byte) at \(position)")
                }
            }
        }
    }

    @Test func theIdIsEchoedEvenWhenTheLineIsBroken() {
        guard case .failure(let failure) = ApplicationDecoder.decode(Array(#"{"id":42,"year":"x"}"#.utf8)) else {
            Issue.record("accepted")
            return
        }
        #expect(failure.id == .number("42"))
        #expect(failure.error.path == "year")
    }

    @Test func randomBytesNeverCrash() {
        var generator = SystemRandomNumberGenerator()
        let alphabet = Array(#"{}[]":,0123456789.-eE truefalsn\u"#.utf8) + [0xE7, 0x8E, 0x8B, 0xFF]
        for _ in 0..<2000 {
            let length = Int.random(in: 0..<80, using: &generator)
            let bytes = (0..<length).map { _ in alphabet.randomElement(using: &generator)! }
            _ = ApplicationDecoder.decode(bytes)
        }
    }

    /// Commas stay right at every depth, past the 64 levels the writer keeps in one word too.
    @Test(arguments: [1, 3, 63, 64, 65, 130])
    func writerNestsDeeply(depth: Int) {
        var w = JSONWriter()
        for _ in 0..<depth { w.beginArray(); w.int(1) }
        for _ in 0..<depth { w.int(2); w.endArray() }
        var expected = "[1,2]"  // the innermost array; each outer one is [1,inner,2]
        for _ in 1..<depth { expected = "[1," + expected + ",2]" }
        #expect(String(decoding: w.bytes, as: UTF8.self) == expected)
    }

    /// A writer is a value: a copy writes into a buffer of its own, and reusing one writer for many
    /// documents keeps its buffer (it does not grow with each document written).
    @Test func writerCopiesAreIndependentAndReuseDoesNotGrow() throws {
        var a = JSONWriter(capacity: 64)
        a.beginArray(); a.int(1)
        var b = a
        b.int(2); b.endArray()
        a.int(3); a.endArray()
        #expect(String(decoding: a.bytes, as: UTF8.self) == "[1,3]")
        #expect(String(decoding: b.bytes, as: UTF8.self) == "[1,2]")

        var w = JSONWriter(capacity: 64)
        // Ineligible (no work years): its reasons are rendered text, which lends the buffer to a sink.
        let verdict = try Support.verdict(Support.application(["relevantWorkYears": 0]))
        #expect(!verdict.reasons.isEmpty)
        for _ in 0..<10_000 {
            w.reset()
            verdict.write(to: &w)
        }
        #expect(w.capacityForTesting < 1 << 16)
    }

    @Test func writerEscapesWhatJSONRequires() throws {
        var w = JSONWriter()
        w.beginObject()
        w.key("s"); w.string("引号\"\\\n\t\u{01}𠮷")
        w.key("n"); w.int(-5)
        w.key("a"); w.strings(["x", "y"])
        w.endObject()
        let object = try JSONSerialization.jsonObject(with: Data(w.bytes)) as! [String: Any]
        #expect(object["s"] as? String == "引号\"\\\n\t\u{01}𠮷")
        #expect(object["n"] as? Int == -5)
        #expect(object["a"] as? [String] == ["x", "y"])
    }
}
