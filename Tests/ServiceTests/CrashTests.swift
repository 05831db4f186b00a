import Foundation
import GRDB
import Persistence
@testable import Service
import Testing

/// `kill -9` in the middle of a stream of registrations — sent in one write, so `serve` reads them many at a time
/// and runs them in groups, a savepoint each and one commit a group: everything answered is there, nothing is
/// half-done (a registration is its account, records, audit row and used SMS code, or nothing).
@Suite struct CrashTests {
    @Test func sigkillLosesNothingAnsweredAndLeavesNothingHalfDone() throws {
        let folder = temporaryDirectory()
        let db = folder.appendingPathComponent("baokao.sqlite").path
        let arguments = ["serve", "--db", db, "--captcha", "off", "--scrypt", "16,1,1", "--log", folder.appendingPathComponent("serve.log").path]
        let candidates = (0..<1000).map(Candidate.numbered)

        // A code for every phone (there must be many more registrations than are answered before the kill).
        try seedRegistrationCodes(try Store(path: db), phones: candidates.map(\.phone))
        let requests = candidates.enumerated().map { i, candidate in
            let request: JSONValue = ["jsonrpc": "2.0", "id": .int(i), "method": "account.register",
                                      "params": candidate.registration(smsCode: "123456")]
            return request.serialized
        }

        // The stream, killed after 40 answers.
        let victim = try ServeProcess(arguments: arguments)
        let payload = Array(requests.map { $0 + "\n" }.joined().utf8)
        let writer = Thread { try? victim.write(payload) }
        writer.start()
        var answered: [Int] = []
        while answered.count < 40, let line = try victim.readLine() {
            let response = try JSONParser.parse(line)
            expectResult(response)
            answered.append(try #require(response["id"]?.intValue))
        }
        victim.kill()
        #expect(victim.process.terminationReason == .uncaughtSignal)

        let store = try Store(path: db)
        #expect(try store.integrityCheck() == ["ok"])
        let rows = try store.pool.read { db in
            try Row.fetchAll(db, sql: """
                SELECT a.username,
                       (SELECT COUNT(*) FROM education e WHERE e.accountId = a.id) AS education,
                       (SELECT COUNT(*) FROM degree d WHERE d.accountId = a.id) AS degrees,
                       (SELECT COUNT(*) FROM audit u WHERE u.subject = 'account:' || a.id AND u.action = 'account.register') AS audits,
                       (SELECT usedAt IS NOT NULL FROM smsCode s WHERE s.phone = a.phone) AS codeUsed
                FROM account a
                """)
        }
        let present = Set(rows.map { $0["username"] as String })
        for i in answered { #expect(present.contains(candidates[i].username), "answered registration \(i) lost") }
        for row in rows {
            #expect(row["education"] as Int == 1 && row["degrees"] as Int == 1 && row["audits"] as Int == 1 && row["codeUsed"] as Bool,
                    "partial registration: \(row)")
        }
        let usedCodes = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM smsCode WHERE usedAt IS NOT NULL") }
        #expect(usedCodes == rows.count)
        #expect(rows.count >= answered.count && rows.count < candidates.count, "kill came after the stream: \(rows.count)")

        // A restarted service goes on: a registration committed but never answered is found registered,
        // one never committed goes through now, and the answered ones log in.
        let restarted = try ServeProcess(arguments: arguments)
        let committedUnanswered = candidates.indices.filter { present.contains(candidates[$0].username) && !answered.contains($0) }
        let neverCommitted = candidates.indices.filter { !present.contains(candidates[$0].username) }
        // (With group commit many such are in the database: a group's commit, then the kill before its answers.)
        for i in committedUnanswered.prefix(5) {
            try restarted.send(requests[i])
            let refusal = try JSONParser.parse(try #require(try restarted.readLine()))
            // Its SMS code was used by the committed registration, and the code is checked first (a used code is
            // answered as an expired one, so as not to tell that the phone registered): any of these refusals
            // says it is not applied twice.
            #expect(["phone-already-bound", "username-taken", "id-already-registered", "sms-code-expired"]
                        .contains(refusal["error"]?["data"]?["code"]?.stringValue ?? ""),
                    "registration \(i) not found registered: \(refusal.serialized)")
        }
        for i in neverCommitted.prefix(5) + neverCommitted.suffix(1) {
            try restarted.send(requests[i])
            expectResult(try JSONParser.parse(try #require(try restarted.readLine())))
        }
        for i in [answered[0], answered.last!] {
            let login: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": "account.login", "params": candidates[i].login]
            try restarted.send(login.serialized)
            expectResult(try JSONParser.parse(try #require(try restarted.readLine())))
        }
        #expect(try restarted.finish() == 0)
        // Nothing registered twice: the accounts are those committed before the kill and those sent since.
        let accounts = try store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM account") }
        #expect(accounts == rows.count + Set(neverCommitted.prefix(5) + neverCommitted.suffix(1)).count)
    }
}
