import Foundation
import GRDB
import Persistence
@testable import Service
import TestDatabases
import Testing

/// The same document registered twice at once: a check and the write it guards cannot interleave with another
/// writer's, so the ID registers once. On SQLite, two `baokao serve` processes on one file (`BEGIN IMMEDIATE`);
/// on PostgreSQL, two instances on one database (`SERIALIZABLE`, retried, and the unique index behind it).
@Suite struct ConcurrencyTests {
    /// Round `round`'s pair: one fresh ID number under two usernames and phones (a fresh pair each round, so the
    /// race is run several times).
    static func racers(round: Int) -> (Candidate, Candidate) {
        var a = Candidate.numbered(1), b = Candidate.numbered(1)
        a.idNumber = residentID(born: "19880808", sequence: round)
        b.idNumber = a.idNumber
        a.username = "racer1r\(round)"
        b.username = "racer2r\(round)"
        a.phone = String(format: "1361000%04d", round * 2)
        b.phone = String(format: "1361000%04d", round * 2 + 1)
        return (a, b)
    }

    static func expectOneRegistration(_ answers: [JSONValue], round: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        let successes = answers.filter { $0["result"] != nil }.count
        #expect(successes == 1, "round \(round): \(answers.map(\.serialized))", sourceLocation: sourceLocation)
        #expect(answers.contains { $0["error"]?["data"]?["code"] == "id-already-registered" }, "round \(round): \(answers.map(\.serialized))",
                sourceLocation: sourceLocation)
    }

    @Test func twoServeProcessesRacingRegisterTheSameIDOnce() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("baokao.sqlite").path
        let seed = try Store(path: db)
        let arguments = ["serve", "--db", db, "--captcha", "off", "--scrypt", "16,1,1", "--log", "/dev/null"]
        for round in 0..<5 {
            let (a, b) = Self.racers(round: round)
            try seedRegistrationCodes(seed, phones: [a.phone, b.phone])
            let one = try ServeProcess(arguments: arguments), two = try ServeProcess(arguments: arguments)
            let requestA: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "account.register", "params": a.registration(smsCode: "123456")]
            let requestB: JSONValue = ["jsonrpc": "2.0", "id": 2, "method": "account.register", "params": b.registration(smsCode: "123456")]
            try one.send(requestA.serialized)
            try two.send(requestB.serialized)
            let answers = [try JSONParser.parse(try #require(try one.readLine())), try JSONParser.parse(try #require(try two.readLine()))]
            #expect(try one.finish() == 0 && two.finish() == 0)
            Self.expectOneRegistration(answers, round: round)
        }
        #expect(try seed.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") } == 5)
    }

    /// Two instances, each with its connections of its own, the two registrations sent at once from two threads.
    @Test func twoInstancesOnPostgreSQLRacingRegisterTheSameIDOnce() throws {
        let database = try FreshDatabase(.postgres)
        defer { database.remove() }
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = false
        configuration.scrypt = .fast
        let instances = try (0..<2).map { _ in BaokaoService(store: try database.open(), configuration: configuration) }
        let seed = try database.open()
        for round in 0..<5 {
            let (a, b) = Self.racers(round: round)
            try seedRegistrationCodes(seed, phones: [a.phone, b.phone])
            let registrations = [a.registration(smsCode: "123456"), b.registration(smsCode: "123456")]
            let answers = onThreads(2) { i in instances[i].call("account.register", registrations[i], id: .int(i + 1)) }
            Self.expectOneRegistration(answers, round: round)
        }
        #expect(try seed.read { tx in try tx.fetchCount("SELECT COUNT(*) FROM account") } == 5)
    }
}
