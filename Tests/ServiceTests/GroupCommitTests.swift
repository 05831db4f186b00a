import Foundation
import GRDB
import Persistence
@testable import Service
import TestDatabases
import Testing

/// Test-only methods: `test.put` writes `key` = `value` into `setting`, then fails as asked (`fail`: `internal`
/// after writing, `domain` after writing bookkeeping `key-bookkeeping`).
private enum TestPut: RPCMethod {
    static let name = "test.put"
    struct Params: RPCParams {
        let key: String, value: String, fail: String?
        init(from params: ParamReader) throws(RPCError) {
            key = try params.string("key")
            value = try params.string("value")
            fail = try params.optionalString("fail")
        }
    }
    struct Failure: Error {}

    static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        if params.fail == "domain" {
            try context.tx.execute("INSERT INTO setting (key, value) VALUES (?, 'kept')", params.key + "-bookkeeping")
            throw DomainError(.loginFailed, "拒绝")
        }
        try context.tx.execute("INSERT INTO setting (key, value) VALUES (?, ?)", params.key, params.value)
        if params.fail == "internal" { throw Failure() }
        return Done()
    }
}

/// `test.claim` takes `key` in `setting` unless it is taken, deciding in `prepare` (outside the transaction,
/// as a method that hashes does) and trusting that in `apply`: a row committed in between is met only by the
/// unique constraint.
private enum TestClaim: PreparedRPCMethod {
    static let name = "test.claim"
    struct Params: RPCParams {
        let key: String
        init(from params: ParamReader) throws(RPCError) { key = try params.string("key") }
    }
    typealias Result = Done

    static func prepare(_ params: Params, in context: PrepareContext) throws -> (key: String, free: Bool) {
        (params.key, try context.read { tx in try tx.fetchOne("SELECT 1 FROM setting WHERE key = ?", params.key) == nil })
    }

    static func apply(_ prepared: (key: String, free: Bool), in context: RequestContext) throws -> Done {
        guard prepared.free else { throw DomainError(.usernameTaken, "已被占用") }
        try context.tx.execute("INSERT INTO setting (key, value) VALUES (?, 'claimed')", prepared.key)
        return Done()
    }
}

/// `test.guarded` writes `key` behind a captcha, then fails if asked (`fail`): a write method with a captcha,
/// as `application.save` is.
private enum TestGuarded: RPCMethod {
    static let name = "test.guarded"
    struct Params: RPCParams {
        let key: String, fail: Bool, captcha: Captcha
        init(from params: ParamReader) throws(RPCError) {
            key = try params.string("key")
            fail = try params.optionalBool("fail") ?? false
            captcha = try Captcha(from: params)
        }
    }

    static func captcha(_ params: Params) -> Captcha? { params.captcha }

    static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        try context.tx.execute("INSERT INTO setting (key, value) VALUES (?, 'guarded')", params.key)
        if params.fail { throw TestPut.Failure() }
        return Done()
    }
}

/// A store that counts its write transactions (each one commit, one `fsync` on SQLite).
private final class CountingStore: ServiceStore, @unchecked Sendable {
    let inner: any ServiceStore
    private let lock = NSLock()
    private var count = 0
    init(_ inner: any ServiceStore) { self.inner = inner }
    var writes: Int { lock.withLock { count } }
    var dialect: SQLDialect { inner.dialect }
    var location: String { inner.location }
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T { try inner.read(body) }
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        lock.withLock { count += 1 }
        return try inner.write(body)
    }
    func closeConnections() { inner.closeConnections() }
    func pauseBeforeRetry(afterBusyAttempt attempt: Int, bound: Int) -> TimeInterval? {
        inner.pauseBeforeRetry(afterBusyAttempt: attempt, bound: bound)
    }
}

/// Runs `lines` through a `StdioLoop` with all of them already buffered (written before the loop starts, input
/// closed): the case of a client sending faster than the service answers. Returns the answers by line.
/// (Input and answers must fit a pipe's buffer, 64 KiB: nothing reads either end while the loop runs.)
func runBuffered(_ service: BaokaoService, _ lines: [String]) throws -> [JSONValue] {
    let input = Pipe(), output = Pipe()
    try input.fileHandleForWriting.write(contentsOf: Array(lines.map { $0 + "\n" }.joined().utf8))
    try input.fileHandleForWriting.close()
    try StdioLoop(service: service, input: input.fileHandleForReading.fileDescriptor,
                  output: output.fileHandleForWriting.fileDescriptor).run()
    try output.fileHandleForWriting.close()
    let data = output.fileHandleForReading.readDataToEndOfFile()
    return try data.split(separator: 0x0A).map { try JSONParser.parse(Array($0)) }
}

@Suite struct GroupCommitTests {
    /// Ten buffered writes share one transaction and one commit, each in its own savepoint: the one that fails
    /// rolls back alone, a refusal keeps its bookkeeping, the answers come in order.
    @Test(arguments: Backend.allCases) func bufferedWritesShareOneCommitAndFailAlone(_ backend: Backend) throws {
        try withFreshStore(backend) { store in try bufferedWritesShareOneCommitAndFailAlone(store) }
    }

    func bufferedWritesShareOneCommitAndFailAlone(_ store: any ServiceStore) throws {
        var configuration = ServiceConfiguration()
        configuration.writes.groupTimeBudget = 60 // a slow test machine must not cut the group short
        let service = BaokaoService(store: store, configuration: configuration, methods: MethodRegistry([[RegisteredMethod(TestPut.self)]]))
        let lines = (0..<10).map { i -> String in
            var params: [String: JSONValue] = ["key": .string("k\(i)"), "value": .string("v\(i)")]
            if i == 3 { params["fail"] = "internal" }
            if i == 6 { params["fail"] = "domain" }
            let request: JSONValue = ["jsonrpc": "2.0", "id": .int(i), "method": "test.put", "params": .object(params)]
            return request.serialized
        }
        let answers = try runBuffered(service, lines)
        #expect(answers.map { $0["id"]?.intValue } == (0..<10).map { $0 })
        for (i, answer) in answers.enumerated() {
            switch i {
            case 3: expectError(answer, -32603, "internal")
            case 6: expectDomainError(answer, .loginFailed)
            default: expectResult(answer)
            }
        }
        let keys = try store.read { tx in try tx.fetchAll("SELECT key FROM setting WHERE key LIKE 'k%' ORDER BY key").map { try $0.string("key") } }
        #expect(keys == ["k0", "k1", "k2", "k4", "k5", "k6-bookkeeping", "k7", "k8", "k9"])
        #expect(service.writeStatistics.transactions == 1)
        #expect(service.writeStatistics.largestGroup == 10)
    }

    /// Writes with captchas, buffered together, share one commit as other writes do: each captcha's use is
    /// written in the group's transaction, outside the request's savepoint (issue #14: each use used to commit
    /// in a transaction of its own, an `fsync` per request). A use stays when its request rolls back, a wrong
    /// answer is refused and used up, and a captcha replayed within the same group is refused.
    @Test(arguments: Backend.allCases) func writesWithCaptchasShareOneCommitAndKeepEveryUse(_ backend: Backend) throws {
        try withFreshStore(backend) { inner in
            let store = CountingStore(inner)
            var configuration = ServiceConfiguration()
            configuration.captchaEnabled = true
            configuration.writes.groupTimeBudget = 60 // a slow test machine must not cut the group short
            let service = BaokaoService(store: store, configuration: configuration,
                                        methods: MethodRegistry([MethodRegistry.accounts, [RegisteredMethod(TestGuarded.self)]]))
            let key = try store.read { tx in try CaptchaChallenge.key(tx) }
            func solved() throws -> (id: String, answer: String) {
                let id = try #require(expectResult(service.call("captcha.issue"))["captchaId"]?.stringValue)
                let challenge = try #require(CaptchaChallenge.parse(id))
                let answer = (0..<10_000).lazy.map { String(format: "%04d", $0) }
                    .first { CaptchaChallenge.tag(nonce: challenge.nonce, expiry: challenge.expiry, answer: $0, key: key) == challenge.tag }
                return (id, try #require(answer))
            }
            let captchas = try (0..<5).map { _ in try solved() }
            let wrong = captchas[2].answer == "0000" ? "0001" : "0000"
            let requests: [(key: String, captcha: (id: String, answer: String), fail: Bool)] = [
                ("g0", captchas[0], false),
                ("g1", captchas[1], true),                  // rolls back; its captcha stays used
                ("g2", (captchas[2].id, wrong), false),     // a wrong answer: refused, used up
                ("g3", captchas[0], false),                 // the first one again, in the same group
                ("g4", captchas[3], false),
                ("g5", captchas[4], false),
            ]
            let lines = requests.enumerated().map { i, r in
                JSONValue.object(["jsonrpc": "2.0", "id": .int(i), "method": "test.guarded", "params": [
                    "key": .string(r.key), "fail": .bool(r.fail), "captchaId": .string(r.captcha.id), "captcha": .string(r.captcha.answer),
                ]]).serialized
            }
            let writesBefore = store.writes
            let answers = try runBuffered(service, lines)
            #expect(store.writes - writesBefore == 1, "one write transaction for the group, the captchas' uses included")
            #expect(answers.map { $0["id"]?.intValue } == Array(0..<6))
            expectResult(answers[0])
            expectError(answers[1], -32603, "internal")
            expectDomainError(answers[2], .captchaMismatch)
            expectDomainError(answers[3], .captchaExpired)
            expectResult(answers[4])
            expectResult(answers[5])
            #expect(service.writeStatistics.transactions == 1)
            let keys = try store.read { tx in try tx.fetchAll("SELECT key FROM setting WHERE key LIKE 'g%' ORDER BY key").map { try $0.string("key") } }
            #expect(keys == ["g0", "g4", "g5"])
            let uses = try store.read { tx in try tx.fetchOne("SELECT COUNT(*) AS n FROM captchaUse")?.int("n") }
            #expect(uses == 5, "every captcha sent was used up, the failed request's and the wrong answer's too")
            // Sent again later, each of them is refused.
            let again = try runBuffered(service, [JSONValue.object(["jsonrpc": "2.0", "id": 9, "method": "test.guarded", "params": [
                "key": "g9", "captchaId": .string(captchas[1].id), "captcha": .string(captchas[1].answer)]]).serialized])
            expectDomainError(again[0], .captchaExpired)
        }
    }

    /// A login hashed (prepared) before another request changed the password finds, in its transaction, that
    /// the hash it checked is gone: nothing of it is kept, and it runs again from the start — logging in with
    /// the new password instead of counting a failure. Its captcha, passed once, is not asked for again.
    @Test(arguments: Backend.allCases) func aLoginPreparedBeforeAPasswordChangeRunsAgain(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let params: JSONValue = ["username": .string(candidate.username), "password": "Changed2026x"]
        let login: JSONValue = ["jsonrpc": "2.0", "id": 9, "method": "account.login", "params": params.with(try driver.captchaFields())]
        let service = driver.service
        let frame = service.pendingFrame(.line(Array(login.serialized.utf8)))
        let call = try #require(frame.calls.first)
        #expect(service.prepare(call))
        // Meanwhile (another process, say) the password changes.
        expectResult(try driver.call("account.changePassword", ["token": .string(token), "password": .string(candidate.password),
                                                                "newPassword": "Changed2026x"]))
        service.runWriteGroup([call])
        #expect(call.outcome == nil && call.staleCount == 1)
        let pipeline = RequestPipeline(service: service)
        pipeline.enqueue(frame)
        let answer = try JSONParser.parse(Array(try #require(pipeline.drain().first).utf8))
        expectResult(answer)
        #expect(try driver.count("SELECT failedLogins FROM account") == 0)
    }

    /// A row another instance committed after the request's checks (here: between its preparation and its
    /// transaction) stops it at the unique constraint: nothing of it is kept, it runs again, sees the row and
    /// answers as it would have — the refusal, not -32603. The other requests of its transaction are not hurt.
    @Test(arguments: Backend.allCases) func aUniqueViolationRunsTheRequestAgainOnWhatWasCommitted(_ backend: Backend) throws {
        try withFreshStore(backend) { store in try aUniqueViolationRunsTheRequestAgainOnWhatWasCommitted(store) }
    }

    func aUniqueViolationRunsTheRequestAgainOnWhatWasCommitted(_ store: any ServiceStore) throws {
        // Both requests in one transaction: the 2 ms budget would cut the group short after the first on a slow
        // machine, and sooner on PostgreSQL (three round trips a request).
        var configuration = ServiceConfiguration()
        configuration.writes.groupTimeBudget = 60
        let service = BaokaoService(store: store, configuration: configuration, methods: MethodRegistry([[RegisteredMethod(TestClaim.self), RegisteredMethod(TestPut.self)]]))
        func call(_ method: String, _ key: String) throws -> PendingCall {
            let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": ["key": .string(key), "value": "v"]]
            let call = try #require(service.pendingFrame(.line(Array(request.serialized.utf8))).calls.first)
            #expect(service.prepare(call))
            return call
        }
        let claim = try call("test.claim", "seat"), other = try call("test.put", "other")
        try store.write { tx in _ = try tx.execute("INSERT INTO setting (key, value) VALUES ('seat', 'elsewhere')") }
        service.runWriteGroup([other, claim])
        #expect(claim.outcome == nil && claim.staleCount == 1)
        #expect(try #require(claim.facts.logFields["stale"]?.stringValue).hasPrefix("unique"))
        #expect(other.outcome.map { (try? $0.get()) != nil } == true)
        #expect(service.prepare(claim))
        service.runWriteGroup([claim])
        guard case .failure(let refusal)? = claim.outcome else { Issue.record("claim answered \(String(describing: claim.outcome))"); return }
        #expect(refusal.data?["code"] == "username-taken")
        #expect(try store.read { tx in try tx.fetchString("SELECT value FROM setting WHERE key = 'seat'") } == "elsewhere")
    }

    /// A registration and the login of it, and a login after a password change, sent in one go: each hashing
    /// request leads its own transaction, prepared after the one before it committed.
    @Test(arguments: Backend.allCases) func hashingRequestsSentTogetherEachSeeTheOneBefore(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        var second = Candidate.numbered(2)
        second.password = "Second2026x"
        let code = try driver.sendCode(to: second.phone, purpose: "register")
        let requests: [JSONValue] = [
            ["jsonrpc": "2.0", "id": 1, "method": "account.changePassword",
             "params": ["token": .string(token), "password": .string(candidate.password), "newPassword": "Changed2026x"]],
            ["jsonrpc": "2.0", "id": 2, "method": "account.login", "params": ["username": .string(candidate.username), "password": "Changed2026x"]],
            ["jsonrpc": "2.0", "id": 3, "method": "account.register", "params": second.registration(smsCode: code)],
            ["jsonrpc": "2.0", "id": 4, "method": "account.login", "params": second.login],
        ]
        let answers = try runBuffered(driver.service, requests.map(\.serialized))
        #expect(answers.count == 4)
        for answer in answers { expectResult(answer) }
    }

    /// Read-only methods take no write lock: they answer while another process holds it (SQLite's one write
    /// lock; on PostgreSQL, the rows they read locked by another instance's open update). The session's idle
    /// clock is written at most once a minute, after the read.
    @Test(arguments: Backend.allCases) func readOnlyMethodsAnswerWhileAnotherProcessHoldsTheWriteLock(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        func lastSeen() throws -> Date? {
            try driver.store.read { tx in try tx.fetchOne("SELECT lastSeenAt FROM session")?.date("lastSeenAt") }
        }
        let loggedIn = try lastSeen()

        try whileAnotherConnectionWrites(driver) {
            let started = Date()
            expectResult(try driver.call("account.profile", ["token": .string(token)]))
            expectResult(try driver.call("application.status", ["token": .string(token)]))
            #expect(Date().timeIntervalSince(started) < 1, "a read waited for the write lock")
        }
        driver.advance(by: 30)
        expectResult(try driver.call("account.profile", ["token": .string(token)]))
        #expect(try lastSeen() == loggedIn, "refreshed before a minute had passed")
        driver.advance(by: 31)
        expectResult(try driver.call("account.profile", ["token": .string(token)]))
        #expect(try lastSeen() == driver.clock.now())
    }

    /// Runs `body` while another connection holds a write transaction open on the driver's database: SQLite's
    /// write lock (`BEGIN IMMEDIATE`); on PostgreSQL, a `SERIALIZABLE` transaction that has updated every account
    /// and session row (row locks a writer of them would wait on).
    func whileAnotherConnectionWrites(_ driver: InProcessDriver, _ body: () throws -> Void) throws {
        switch driver.backend {
        case .sqlite:
            let other = try DatabaseQueue(path: driver.store.path)
            try other.writeWithoutTransaction { db in
                try db.execute(sql: "BEGIN IMMEDIATE")
                defer { try? db.execute(sql: "ROLLBACK") }
                try body()
            }
        case .postgres:
            let other = try driver.database.open()
            let held = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0), done = DispatchSemaphore(value: 0)
            let failure = LockedBox<String?>(nil)
            Thread.detachNewThread {
                do {
                    try other.write { tx in
                        try tx.execute("UPDATE account SET updatedAt = updatedAt")
                        try tx.execute("UPDATE session SET lastSeenAt = lastSeenAt")
                        held.signal()
                        release.wait()
                    }
                } catch {
                    failure.update { $0 = "\(error)" }
                    held.signal()
                }
                done.signal()
            }
            held.wait()
            defer {
                release.signal()
                done.wait()
                #expect(failure.value == nil, "the other connection's transaction failed: \(failure.value ?? "")")
            }
            try body()
        }
    }

    /// A database another process keeps locked past the wait: `server-busy` with `retryAfter`, nothing done,
    /// never -32603; once the lock is gone the same request goes through.
    @Test func aDatabaseLockedTooLongAnswersServerBusy() throws {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("b.sqlite").path
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = false
        configuration.writes.attempts = 2
        let service = BaokaoService(store: try Store(path: path, lockWait: 0.05), configuration: configuration)
        let request: JSONValue = ["phone": "13800138000", "purpose": "register"]
        let other = try DatabaseQueue(path: path)
        try other.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            defer { try? db.execute(sql: "ROLLBACK") }
            let answer = service.call("sms.send", request)
            expectDomainError(answer, .serverBusy)
            #expect(answer["error"]?["data"]?["retryAfter"] == 1)
            #expect(answer["error"]?["code"] == -32000)
        }
        #expect(try service.store.pool.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM smsOutbox") } == 0)
        #expect(service.writeStatistics.busyRetries == 2)
        expectResult(service.call("sms.send", request))
    }
}
