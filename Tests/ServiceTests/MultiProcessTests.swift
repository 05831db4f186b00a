import Foundation
import GRDB
import Persistence
@testable import Service
import Testing

/// Four `baokao serve` processes on one database with the production password hashing (scrypt N = 2^17):
/// the hashing runs outside the write lock, so no process waits out the busy timeout — no -32603, and every
/// acknowledged registration and login is in the database.
@Suite struct MultiProcessTests {
    @Test func fourProcessesWithProductionHashingNeverFailInternallyAndLoseNothing() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("baokao.sqlite").path
        let seed = try Store(path: db)
        let processes = 4
        let candidates = (0..<processes).map { Candidate.numbered(700 + $0) }
        try seedRegistrationCodes(seed, phones: candidates.map(\.phone))
        let servers = try (0..<processes).map { p in
            try ServeProcess(arguments: ["serve", "--db", db, "--captcha", "off", "--log", folder.appendingPathComponent("serve\(p).log").path])
        }
        // Each process, as one front end would drive it: register, log in, read the profile. (Three production
        // hashes a process; in a debug build each takes seconds, so the test keeps to these.)
        let answers = Answers()
        DispatchQueue.concurrentPerform(iterations: processes) { p in
            let server = servers[p], candidate = candidates[p]
            var requests: [(String, JSONValue)] = [("account.register", candidate.registration(smsCode: "123456")),
                                                   ("account.login", candidate.login)]
            var n = 0
            while !requests.isEmpty {
                let (method, params) = requests.removeFirst()
                n += 1
                let request: JSONValue = ["jsonrpc": "2.0", "id": .string("p\(p)-\(n)"), "method": .string(method), "params": params]
                guard (try? server.send(request.serialized)) != nil, let line = try? server.readLine(), let answer = try? JSONParser.parse(line) else {
                    answers.add(p, method, ["error": ["code": -1, "message": "no answer"]])
                    return
                }
                answers.add(p, method, answer)
                if method == "account.login", let token = answer["result"]?["token"]?.stringValue {
                    requests.append(("account.profile", ["token": .string(token)]))
                }
            }
        }
        for server in servers { #expect(try server.finish() == 0) }

        let all = answers.all
        #expect(all.count == processes * 3)
        for (p, method, answer) in all {
            #expect(answer["error"]?["code"] != -32603, "process \(p) \(method): \(answer.serialized)")
            #expect(answer["result"] != nil, "process \(p) \(method): \(answer.serialized)")
        }
        let (accounts, sessions) = try seed.pool.read { db in
            (try String.fetchAll(db, sql: "SELECT username FROM account ORDER BY username"),
             try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM session") ?? 0)
        }
        #expect(accounts == candidates.map(\.username).sorted())
        let acknowledgedLogins = all.filter { $0.1 == "account.login" && $0.2["result"] != nil }.count
        #expect(sessions == acknowledgedLogins)
        let hashes = try seed.pool.read { db in try String.fetchAll(db, sql: "SELECT passwordHash FROM account") }
        #expect(hashes.allSatisfy { $0.hasPrefix("scrypt$131072$8$1$") })
    }
}

private final class Answers: @unchecked Sendable {
    private let lock = NSLock()
    private var answers: [(Int, String, JSONValue)] = []
    func add(_ process: Int, _ method: String, _ answer: JSONValue) { lock.withLock { answers.append((process, method, answer)) } }
    var all: [(Int, String, JSONValue)] { lock.withLock { answers } }
}
