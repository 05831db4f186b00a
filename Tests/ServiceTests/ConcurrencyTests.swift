import Foundation
import GRDB
import Persistence
@testable import Service
import Testing

/// Two `baokao serve` processes on one database: write transactions are `BEGIN IMMEDIATE`, so a check and the
/// write it guards cannot interleave with another process's — the same ID and name register once.
@Suite struct ConcurrencyTests {
    @Test func twoServicesRacingRegisterTheSameIDOnce() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("baokao.sqlite").path
        let seed = try Store(path: db)
        let arguments = ["serve", "--db", db, "--captcha", "off", "--scrypt", "16,1,1", "--log", "/dev/null"]
        for round in 0..<5 {
            // Each round a fresh pair of the same ID, so the race is run several times.
            var a = Candidate.numbered(1), b = Candidate.numbered(1)
            a.idNumber = residentID(born: "19880808", sequence: round)
            b.idNumber = a.idNumber
            a.username = "racer1r\(round)"
            b.username = "racer2r\(round)"
            a.phone = String(format: "1361000%04d", round * 2)
            b.phone = String(format: "1361000%04d", round * 2 + 1)
            try seedRegistrationCodes(seed, phones: [a.phone, b.phone])
            let one = try ServeProcess(arguments: arguments), two = try ServeProcess(arguments: arguments)
            let requestA: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "account.register", "params": a.registration(smsCode: "123456")]
            let requestB: JSONValue = ["jsonrpc": "2.0", "id": 2, "method": "account.register", "params": b.registration(smsCode: "123456")]
            try one.send(requestA.serialized)
            try two.send(requestB.serialized)
            let answers = [try JSONParser.parse(try #require(try one.readLine())), try JSONParser.parse(try #require(try two.readLine()))]
            #expect(try one.finish() == 0 && two.finish() == 0)
            let successes = answers.filter { $0["result"] != nil }.count
            #expect(successes == 1, "round \(round): \(answers.map(\.serialized))")
            #expect(answers.contains { $0["error"]?["data"]?["code"] == "id-already-registered" })
        }
        #expect(try seed.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") } == 5)
    }
}
