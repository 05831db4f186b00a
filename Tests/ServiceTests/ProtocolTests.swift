import Foundation
@testable import Service
import TestDatabases
import Testing

/// The JSON-RPC 2.0 envelope, exactly as INTERFACE.md section 3 says. The envelope is decided before any
/// method touches the store, so these run on SQLite only — but the notification, which writes.
@Suite struct ProtocolTests {
    let driver: InProcessDriver
    init() throws { driver = try InProcessDriver() }

    func respond(_ line: String) throws -> JSONValue? {
        try driver.service.respond(toLine: Array(line.utf8)).map { try JSONParser.parse($0) }
    }

    @Test func parseErrorHasNullIDAndTheParserMessage() throws {
        let response = try #require(try respond(#"{"jsonrpc":"2.0","id":7,"method":"#))
        #expect(response["id"] == .null)
        expectError(response, -32700)
        #expect(response["error"]?["data"]?.stringValue?.contains("unexpected end of input") == true)
    }

    @Test func invalidRequests() throws {
        for line in [#"5"#, #""x""#, #"{"id":1,"method":"captcha.issue"}"#, #"{"jsonrpc":"1.0","id":1,"method":"captcha.issue"}"#,
                     #"{"jsonrpc":"2.0","id":1,"method":5}"#, #"{"jsonrpc":"2.0","id":{},"method":"captcha.issue"}"#, "[]"] {
            let response = try #require(try respond(line), "no answer to \(line)")
            expectError(response, -32600)
        }
        // A valid id is echoed even when the request is invalid.
        let response = try #require(try respond(#"{"jsonrpc":"1.0","id":"abc","method":"x"}"#))
        #expect(response["id"] == "abc")
    }

    @Test func unknownMethod() throws {
        let response = try #require(try respond(#"{"jsonrpc":"2.0","id":1,"method":"account.delete"}"#))
        expectError(response, -32601)
    }

    @Test func invalidParamsNameTheField() throws {
        let wrongType = try #require(try respond(#"{"jsonrpc":"2.0","id":1,"method":"sms.send","params":{"phone":13800138000,"purpose":"register"}}"#))
        expectError(wrongType, -32602, "wrong-type")
        #expect(wrongType["error"]?["data"]?["field"] == "phone")
        let positional = try #require(try respond(#"{"jsonrpc":"2.0","id":1,"method":"sms.send","params":["13800138000"]}"#))
        expectError(positional, -32602)
        #expect(positional["error"]?["data"]?["field"] == "params")
        let nested = try driver.call("account.register", Candidate().registration(smsCode: "000000")
            .with(["education": [["level": "本科", "major": "土木", "school": "某大学", "graduated": "2012-13-01"]]]))
        expectError(nested, -32602, "date-invalid")
        #expect(nested["error"]?["data"]?["field"] == "education[0].graduated")
        let badID = try driver.call("account.register", Candidate().registration(smsCode: "000000").with(["idNumber": "110105199003070010"]))
        expectError(badID, -32602, "id-check-digit")
        #expect(badID["error"]?["data"]?["field"] == "idNumber")
    }

    /// The one envelope test whose request writes: on both stores.
    @Test(arguments: Backend.allCases) func notificationsGetNoAnswerButTakeEffect(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        func respond(_ line: String) throws -> JSONValue? {
            try driver.service.respond(toLine: Array(line.utf8)).map { try JSONParser.parse($0) }
        }
        #expect(try respond(#"{"jsonrpc":"2.0","method":"sms.send","params":{"phone":"13800138000","purpose":"register"}}"#) == nil)
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox") == 1)
        #expect(try respond(#"{"jsonrpc":"2.0","method":"no.such"}"#) == nil)
        #expect(try respond("   ") == nil)
    }

    @Test func batchesGetAnArrayInOrder() throws {
        let response = try #require(try respond("""
            [{"jsonrpc":"2.0","id":1,"method":"captcha.issue"},{"jsonrpc":"2.0","method":"captcha.issue"},\
            {"jsonrpc":"2.0","id":"b","method":"nope"},7]
            """))
        let items = try #require(response.arrayValue)
        #expect(items.count == 3)
        #expect(items[0]["id"] == 1)
        #expect(items[0]["result"] != nil)
        #expect(items[1]["id"] == "b")
        expectError(items[1], -32601)
        expectError(items[2], -32600)
        #expect(try respond(#"[{"jsonrpc":"2.0","method":"captcha.issue"}]"#) == nil)
    }

    @Test func hugeNumericIDsAreEchoedExactly() throws {
        let response = try #require(try respond(#"{"jsonrpc":"2.0","id":123456789012345678901234567890,"method":"nope"}"#))
        #expect(response["id"] == .number("123456789012345678901234567890"))
    }

    @Test func oversizedLineIsAnsweredAndDiscarded() throws {
        let answer = try #require(driver.service.respond(to: .oversized(byteCount: 20_000_000)))
        let response = try JSONParser.parse(answer)
        #expect(response["id"] == .null)
        expectError(response, -32600)
    }

    @Test func domainErrorsAreNumberedFrom32000DownAndUnique() {
        let numbers = DomainError.Code.allCases.map(\.number)
        #expect(Set(numbers).count == numbers.count)
        #expect(numbers.allSatisfy { $0 <= -32000 && $0 > -32100 })
    }

    /// Docs/service.md's table of refusals lists every domain code with its number, and nothing else: a
    /// client author reads the table, not the code.
    @Test func theServiceDocumentListsEveryDomainCodeWithItsNumber() throws {
        let document = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("Docs/service.md")
        let rows = try String(contentsOf: document, encoding: .utf8).split(separator: "\n").compactMap { line -> (Int, String)? in
            let cells = line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 2, let number = Int(cells[0]), (-32099 ... -32000).contains(number),
                  cells[1].hasPrefix("`"), cells[1].hasSuffix("`") else { return nil }
            return (number, String(cells[1].dropFirst().dropLast()))
        }
        let documented = Dictionary(rows.map { ($0.1, $0.0) }, uniquingKeysWith: { first, _ in first })
        #expect(rows.count == documented.count, "a code is listed twice")
        for code in DomainError.Code.allCases {
            #expect(documented[code.rawValue] == code.number, "\(code.rawValue) (\(code.number)) in Docs/service.md")
        }
        let known = Set(DomainError.Code.allCases.map(\.rawValue))
        #expect(documented.keys.filter { !known.contains($0) }.sorted() == [], "listed but not a code")
    }
}
