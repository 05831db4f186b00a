import Foundation
@testable import Service
import Testing

/// Answers and log figures written straight to bytes (issue #14) are the bytes the `JSONValue` of the
/// response would serialise to: same keys, same sorted order, same escapes.
@Suite struct AnswerBytesTests {
    /// A success answer is written without building its object; an error answer and a batch through it.
    @Test(arguments: [#"7"#, #""a\"b\\c\u2028""#, #"1e999"#, #"null"#])
    func aSuccessAnswerIsTheSerialisedResponse(id: String) throws {
        let driver = try InProcessDriver {
            $0.rules = RulesSource(folder: EligibilityMethodTests.fixtureRules, display: "rules")
        }
        let line = #"{"jsonrpc":"2.0","id":\#(id),"method":"exam.list","params":{}}"#
        let written = try #require(driver.service.respond(toLine: Array(line.utf8)))
        let echoed = try JSONParser.parse(id)
        let expected = driver.service.call("exam.list", [:], id: echoed)
        #expect(expected["result"] != nil, "\(expected.serialized)")
        #expect(written == expected.serialized)
        #expect(try JSONParser.parse(written) == expected)
    }

    @Test func errorAnswersAndBatchesAreTheSerialisedResponses() throws {
        let driver = try InProcessDriver()
        let error = try #require(driver.service.respond(toLine: Array(#"{"jsonrpc":"2.0","id":"x","method":"nope"}"#.utf8)))
        #expect(error == driver.service.call("nope", [:], id: "x").serialized)
        let batch = #"[{"jsonrpc":"2.0","id":1,"method":"exam.list","params":{}},{"jsonrpc":"2.0","method":"exam.list"},{"jsonrpc":"2.0","id":2,"method":"nope"}]"#
        let answer = try #require(driver.service.respond(toLine: Array(batch.utf8)))
        let expected: JSONValue = [driver.service.call("exam.list", [:], id: 1), driver.service.call("nope", [:], id: 2)]
        #expect(answer == expected.serialized)
    }

    /// The log's `ms`, written by hand, reads as `String(format: "%.2f")` of the same duration would.
    @Test func millisecondsHaveTwoDecimalsRoundedToTheNearest() {
        for nanoseconds: UInt64 in [0, 4_999, 5_000, 9_999, 10_000, 123_456, 1_004_999, 1_005_000, 99_995_000, 12_345_678_901] {
            let hundredths = (Double(nanoseconds) / 1e4).rounded(.toNearestOrAwayFromZero) / 100
            #expect(BaokaoService.milliseconds(nanoseconds) == String(format: "%.2f", hundredths), "\(nanoseconds) ns")
        }
    }

    /// Object members in sorted key order whatever order they were built in, nested, with escapes.
    @Test func objectsAreWrittenWithSortedKeysAndEscapes() throws {
        let value: JSONValue = ["b": ["z": 1, "a": [true, nil, "x\ny"]], "a": "\u{2028}\u{01}\"\\", "é": .number("1.5e3")]
        #expect(value.serialized == #"{"a":"\u2028\u0001\"\\","b":{"a":[true,null,"x\ny"],"z":1},"é":1.5e3}"#)
        #expect(try JSONParser.parse(value.serialized) == value)
    }
}
