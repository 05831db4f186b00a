import Foundation
@testable import Service
import Testing

@Suite struct JSONParserTests {
    func parse(_ bytes: [UInt8]) -> Result<JSONValue, JSONParseError> {
        Result { () throws(JSONParseError) in try JSONParser.parse(bytes) }
    }

    @Test func valuesRoundTrip() throws {
        let text = #"{"a":[1,-2.5e10,true,false,null],"b":"中文\n\"𠮷\"","c":{}}"#
        let value = try JSONParser.parse(text)
        #expect(value.serialized == text)
    }

    @Test func hugeNumbersAreKeptAsWritten() throws {
        for literal in ["123456789012345678901234567890", "1e999", "-0.000000000000000000001"] {
            #expect(try JSONParser.parse(literal) == .number(literal))
        }
    }

    @Test func escapesAndSurrogatePairs() throws {
        #expect(try JSONParser.parse(#""\ud842\udfb7\u00e9\/""#) == .string("𠮷é/"))
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\ud842""#) }
        #expect(throws: JSONParseError.self) { try JSONParser.parse(#""\udfb7""#) }
    }

    @Test(arguments: [
        "", "{", "[1,]", "{\"a\" 1}", "01", "1.", "-", "tru", "\"abc", "[1] x", "{'a':1}", "\"\t\"", "\"\\x\"", "NaN",
    ])
    func malformedTextIsRefused(_ text: String) {
        guard case .failure(let error) = parse(Array(text.utf8)) else {
            Issue.record("accepted \(text)")
            return
        }
        #expect(!error.description.isEmpty)
    }

    /// A string is copied whole until an escape or a control character, then read scalar by scalar from there
    /// (issue #14): both halves kept, the error at the byte where it is.
    @Test func stringsAreTheSameWhicheverWayTheyAreRead() throws {
        #expect(try JSONParser.parse(#""中文abc𠮷""#) == .string("中文abc𠮷"))
        #expect(try JSONParser.parse(#""中文a\"b𠮷\n""#) == .string("中文a\"b𠮷\n"))
        #expect(try JSONParser.parse(#"{"k中":"v\u00e9w","\u006b":"x"}"#) == ["k中": "véw", "k": "x"])
        #expect(throws: JSONParseError(offset: 4, reason: "control character byte 0xA in a string must be escaped")) {
            try JSONParser.parse(Array("\"中\n\"".utf8))
        }
        #expect(throws: JSONParseError(offset: 4, reason: "invalid UTF-8 lead byte 0xFF")) {
            try JSONParser.parse([0x22, 0x61, 0x5C, 0x6E, 0xFF, 0x22])
        }
        #expect(throws: JSONParseError(offset: 2, reason: "invalid UTF-8 lead byte 0xFF")) {
            try JSONParser.parse([0x22, 0x61, 0xFF, 0x22])
        }
    }

    @Test func invalidUTF8IsRefused() {
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC0, 0xAF, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x22, 0xE4, 0xB8, 0x22]] {
            guard case .failure = parse(bytes) else {
                Issue.record("accepted \(bytes)")
                continue
            }
        }
    }

    @Test func deepNestingIsRefusedWithoutRecursionTrouble() {
        let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
        guard case .failure(let error) = parse(Array(deep.utf8)) else {
            Issue.record("accepted deep nesting")
            return
        }
        #expect(error.reason.contains("nesting"))
        let fine = String(repeating: "[", count: JSONParser.maximumDepth) + String(repeating: "]", count: JSONParser.maximumDepth)
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func aMessageHasAtMostSoManyValues() {
        let many = "[" + Array(repeating: "0", count: JSONParser.maximumValues).joined(separator: ",") + "]"
        guard case .failure(let error) = parse(Array(many.utf8)) else {
            Issue.record("accepted \(JSONParser.maximumValues + 1) values")
            return
        }
        #expect(error.reason.contains("values"))
        let fine = "[" + Array(repeating: "0", count: JSONParser.maximumValues - 1).joined(separator: ",") + "]"
        #expect(throws: Never.self) { try JSONParser.parse(fine) }
    }

    @Test func controlCharactersAreEscapedOnOutput() {
        let value = JSONValue.string("a\u{0}b\u{1F}c\u{2028}")
        #expect(value.serialized == #""a\u0000b\u001fc\u2028""#)
    }
}

@Suite struct TimestampTests {
    @Test func timestampsAreRFC3339InUTC() {
        #expect(ServiceLog.timestamp(Date(timeIntervalSince1970: 0)) == "1970-01-01T00:00:00.000Z")
        #expect(ServiceLog.timestamp(Date(timeIntervalSince1970: 1_772_413_200.25)) == "2026-03-02T01:00:00.250Z")
        #expect(ServiceLog.timestamp(Date(timeIntervalSince1970: 951_868_799.999)) == "2000-02-29T23:59:59.999Z")
        #expect(ServiceLog.timestamp(Date(timeIntervalSince1970: -1.5)) == "1969-12-31T23:59:58.500Z")
    }
}
