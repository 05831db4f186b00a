import Foundation
import TestDatabases
import Testing
import Persistence
@testable import PostgresStore

/// What only the PostgreSQL store has: its URL, the placeholder translation, the pool, the outbox claim.
@Suite struct PostgresURLTests {
    @Test func aFullURLIsRead() throws {
        let url = try PostgresURL("postgres://baokao:s%40cret@db.example:6543/registration", environment: [:])
        #expect(url == PostgresURL(user: "baokao", password: "s@cret", host: "db.example", port: 6543, database: "registration"))
        #expect(url.redacted == "postgres://baokao@db.example:6543/registration")
    }

    @Test func thePortDefaultsAndThePasswordMayComeFromPGPASSWORD() throws {
        let url = try PostgresURL("postgresql://baokao@127.0.0.1/baokao", environment: ["PGPASSWORD": "from-env"])
        #expect(url == PostgresURL(user: "baokao", password: "from-env", host: "127.0.0.1", port: 5432, database: "baokao"))
        // A password in the URL wins over the environment's.
        #expect(try PostgresURL("postgres://u:inline@h/d", environment: ["PGPASSWORD": "env"]).password == "inline")
        #expect(try PostgresURL("postgres://u@[::1]:7000/d", environment: [:]) == PostgresURL(user: "u", host: "::1", port: 7000, database: "d"))
    }

    @Test(arguments: [
        ("mysql://u@h/d", "it does not start with postgres:// or postgresql://"),
        ("postgres://u@h", "no database"),
        ("postgres://u@h/", "no database"),
        ("postgres://h:5432/d", "no user"),
        ("postgres://@h/d", "no user"),
        ("postgres://u@:5432/d", "no host"),
        ("postgres://u@h:0/d", "the port “0” is not a number from 1 to 65535"),
        ("postgres://u@h:port/d", "the port “port” is not a number from 1 to 65535"),
        ("postgres://u@h/d?sslmode=prefer", "the option “sslmode=prefer” is not understood"),
        ("postgres://u@h/d?application_name=x", "is not understood"),
        ("postgres://u@h/a/b", "may not hold '/'"),
        ("postgres://u:hunter2@h:99999/d", "not a number"),
    ])
    func aBadURLIsAClearError(_ text: String, _ expected: String) {
        do {
            _ = try PostgresURL(text, environment: [:])
            Issue.record("\(text) was accepted")
        } catch {
            #expect("\(error)".contains(expected), "\(error)")
            #expect(!"\(error)".contains("hunter2"), "the message repeats the password: \(error)")
        }
    }

    @Test func sslmodeRequireAsksForTLS() throws {
        let url = try PostgresURL("postgres://u@db.example/d?sslmode=require", environment: [:])
        #expect(url.requiresTLS)
        #expect(url.redacted == "postgres://u@db.example:5432/d?sslmode=require")
        #expect(try PostgresURL("postgres://u@h/d?sslmode=disable", environment: [:]).requiresTLS == false)
        // The test server has no TLS: a store that requires it refuses to talk to it in the clear.
        let admin = try TestPostgres.adminURL()
        var secure = admin
        secure.requiresTLS = true
        do {
            _ = try PostgresStore(url: secure)
            Issue.record("connected without TLS")
        } catch let failure as StoreFailure {
            guard case .unavailable(let message) = failure else { Issue.record("\(failure)"); return }
            #expect(message.contains("sslUnsupported"), "\(message)")
        }
    }

    @Test func theStoreTakesAStringURLAndHidesThePasswordInItsLocation() throws {
        #expect(throws: PostgresURLError.self) { _ = try PostgresStore(url: "sqlite:baokao.sqlite") }
        let admin = try TestPostgres.adminURL()
        let store = try PostgresStore(url: "postgres://\(admin.user):ignored-by-trust@\(admin.host):\(admin.port)/\(admin.database)")
        defer { store.closeConnections() }
        #expect(store.location == admin.redacted)
        #expect(!store.location.contains("ignored-by-trust"))
        #expect(store.dialect == .postgres)
    }
}

@Suite struct PlaceholderTests {
    @Test(arguments: [
        ("SELECT 1", "SELECT 1"),
        ("SELECT ? , ?", "SELECT $1 , $2"),
        ("UPDATE t SET a = ? WHERE b = '?' AND c = ?", "UPDATE t SET a = $1 WHERE b = '?' AND c = $2"),
        ("SELECT 'it''s ?', ?", "SELECT 'it''s ?', $1"),
        ("SELECT \"odd?name\" FROM t WHERE x = ?", "SELECT \"odd?name\" FROM t WHERE x = $1"),
        ("SELECT ? -- a comment?\n, ?", "SELECT $1 -- a comment?\n, $2"),
        ("SELECT /* why? */ ?", "SELECT /* why? */ $1"),
        ("SELECT $$ a ? b $$, ?", "SELECT $$ a ? b $$, $1"),
        ("SELECT $fn$ ? $fn$, ?", "SELECT $fn$ ? $fn$, $1"),
        ("SELECT '?", "SELECT '?"),
        ("SELECT 价格 = ? AND '价?' = ?", "SELECT 价格 = $1 AND '价?' = $2"),
    ])
    func questionMarksOutsideQuotesAreNumbered(_ sql: String, _ expected: String) {
        #expect(Placeholders.numbered(sql) == expected)
    }
}

@Suite struct PostgresPoolAndFailureTests {
    @Test func anUnreachableServerIsUnavailable() throws {
        // A loopback port nobody listens on: bind one, note it, close it.
        let admin = try TestPostgres.adminURL()
        var closed = admin
        closed.port = try freeLoopbackPort()
        #expect(throws: StoreFailure.self) { _ = try PostgresStore(url: closed) }
        do {
            _ = try PostgresStore(url: closed)
        } catch let failure as StoreFailure {
            guard case .unavailable(let message) = failure else { Issue.record("\(failure)"); return }
            #expect(message.contains(closed.redacted))
        }
        // A database that does not exist is unavailable too, named.
        do {
            _ = try PostgresStore(url: admin.with(database: "no_such_database"))
            Issue.record("opened a missing database")
        } catch let failure as StoreFailure {
            guard case .unavailable(let message) = failure else { Issue.record("\(failure)"); return }
            #expect(message.contains("no_such_database"))
        }
    }

    @Test func aFullPoolMakesTheNextTransactionBusyAfterItsWait() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url, connections: 1, borrowWait: 0.2)
            defer { store.closeConnections() }
            let holding = DispatchSemaphore(value: 0)
            let release = DispatchSemaphore(value: 0)
            let results = onThreads(2) { thread -> StoreFailure? in
                if thread == 0 {
                    return failure {
                        try store.write { _ in
                            holding.signal()
                            _ = release.wait(timeout: .now() + 10)
                        }
                    }
                }
                _ = holding.wait(timeout: .now() + 10)
                defer { release.signal() }
                return failure { _ = try store.read { db in try db.fetchValue("SELECT 1") } }
            }
            #expect(results[0] == nil)
            #expect(results[1]?.isBusy == true, "\(String(describing: results[1]))")
            // The connection came back: the store goes on.
            #expect(try store.read { db in try db.fetchValue("SELECT 1 AS one") } == .integer(1))
        }
    }

    @Test func aServerThatDroppedTheConnectionIsUnavailableAndTheNextTransactionReconnects() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url, connections: 1)
            defer { store.closeConnections() }
            let killed = failure {
                try store.write { db in try db.execute("SELECT pg_terminate_backend(pg_backend_pid())") }
            }
            if case .unavailable = killed {} else { Issue.record("expected unavailable, got \(String(describing: killed))") }
            #expect(try store.read { db in try db.fetchValue("SELECT 2 AS two") } == .integer(2))
        }
    }

    /// A statement left unanswered past `answerWait` fails `unavailable` instead of blocking its thread for good,
    /// its connection is dropped, and the next transaction runs on a new one.
    @Test func aStatementUnansweredPastItsWaitIsUnavailableAndTheConnectionIsReplaced() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url, connections: 1, answerWait: 1)
            defer { store.closeConnections() }
            let before = try store.read { db in try db.fetchValue("SELECT pg_backend_pid() AS pid") }
            let started = Date()
            let stalled = failure { try store.read { db in try db.fetchValue("SELECT pg_sleep(5)::text AS slept") } }
            #expect(Date().timeIntervalSince(started) < 4, "the wait must end at answerWait, not when the statement does")
            if case .unavailable(let message) = stalled {
                #expect(message.contains("did not answer within"), "\(message)")
            } else {
                Issue.record("expected unavailable, got \(String(describing: stalled))")
            }
            let after = try store.read { db in try db.fetchValue("SELECT pg_backend_pid() AS pid") }
            #expect(after != nil && after != before, "a new connection (backend \(String(describing: after)) after \(String(describing: before)))")
        }
    }

    /// A fresh database's store with a table `pair` of two rows (id 1 and 2, value 0), for the concurrency tests.
    private func withPairTable(_ body: (PostgresStore) throws -> Void) throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            try store.write { db in
                try db.execute("CREATE TABLE pair (id integer PRIMARY KEY, value integer NOT NULL)")
                try db.execute("INSERT INTO pair (id, value) VALUES (1, 0), (2, 0)")
            }
            try body(store)
        }
    }

    /// The values of `pair`, by id.
    private func pairValues(_ store: PostgresStore) throws -> [Int] {
        try store.read { db in try db.fetchAll("SELECT value FROM pair ORDER BY id", []).map { try $0.int("value") } }
    }

    /// Two writes of different rows of a small table, each reading its row first, both commit when they
    /// overlap: each connection prefers index scans (`PostgresStore.preferIndexScans`). With a sequential scan
    /// `SERIALIZABLE` locks the whole table for each reader, and one of two such transactions failed (40001) —
    /// every pair of concurrent saves while a registration window's tables were small (≈3 % of saves answered
    /// `server-busy` with three instances in `scripts/bench-scaleout`, none since).
    @Test func overlappingWritesOfDifferentRowsOfASmallTableBothCommit() throws {
        try withPairTable { store in
            // As autovacuum does soon after rows arrive: the planner then knows the table is one page.
            try store.write { db in try db.execute("ANALYZE pair") }
            let bothRead = DispatchGroup()
            bothRead.enter(); bothRead.enter()
            let outcomes = onThreads(2) { thread -> StoreFailure? in
                failure {
                    try store.write { db in
                        _ = try db.fetchAll("SELECT value FROM pair WHERE id = ?", [.integer(Int64(thread + 1))])
                        bothRead.leave()
                        _ = bothRead.wait(timeout: .now() + 10)
                        try db.execute("UPDATE pair SET value = value + 1 WHERE id = ?", thread + 1)
                    }
                }
            }
            #expect(outcomes.allSatisfy { $0 == nil }, "\(outcomes)")
            let values = try pairValues(store)
            #expect(values == [1, 1])
        }
    }

    /// A lock not available (55P03, `NOWAIT`) and a deadlock (40P01) are `busy` like a serialisation failure:
    /// nothing of the transaction is kept and running it again is the cure.
    @Test func lockConflictsAndDeadlocksAreBusy() throws {
        try withPairTable { store in
            let locked = DispatchSemaphore(value: 0)
            let done = DispatchSemaphore(value: 0)
            let nowait = onThreads(2) { thread -> StoreFailure? in
                if thread == 0 {
                    return failure {
                        try store.write { db in
                            try db.execute("UPDATE pair SET value = value + 1 WHERE id = 1")
                            locked.signal()
                            _ = done.wait(timeout: .now() + 10)
                        }
                    }
                }
                _ = locked.wait(timeout: .now() + 10)
                defer { done.signal() }
                return failure { try store.write { db in try db.fetchAll("SELECT value FROM pair WHERE id = 1 FOR UPDATE NOWAIT", []) } }
            }
            #expect(nowait[0] == nil)
            #expect(nowait[1]?.isBusy == true && "\(nowait[1]!)".contains("55P03"), "\(String(describing: nowait[1]))")

            // Each takes one row, then wants the other's: PostgreSQL's deadlock detector (after deadlock_timeout,
            // 1 s) ends one of them.
            let both = DispatchGroup()
            both.enter(); both.enter()
            let deadlock = onThreads(2) { thread -> StoreFailure? in
                failure {
                    try store.write { db in
                        try db.execute("UPDATE pair SET value = value + 1 WHERE id = ?", thread + 1)
                        both.leave()
                        _ = both.wait(timeout: .now() + 10)
                        try db.execute("UPDATE pair SET value = value + 1 WHERE id = ?", 2 - thread)
                    }
                }
            }
            let failures = deadlock.compactMap { $0 }
            #expect(failures.count == 1, "\(deadlock)")
            #expect(failures.first?.isBusy == true && "\(failures.first!)".contains("40P01"), "\(failures)")
            let values = try pairValues(store)
            #expect(values == [2, 1], "the first transaction added one to row 1, the deadlock's survivor one to each row")
        }
    }

    @Test func commitsAreDurableEvenWhereTheServerSaysOtherwise() throws {
        try TestPostgres.withDatabase { url in
            let admin = try PostgresStore(url: url, connections: 1, migrate: false)
            try admin.withSession { session in
                try session.run("ALTER DATABASE \(url.database) SET synchronous_commit = off")
            }
            admin.closeConnections()
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            #expect(try store.write { db in try db.fetchValue("SELECT current_setting('synchronous_commit')") } == .text("on"))
            try store.withSession { session in
                try session.run("ALTER DATABASE \(url.database) SET synchronous_commit = remote_apply")
            }
            let stronger = try PostgresStore(url: url)
            defer { stronger.closeConnections() }
            #expect(try stronger.read { db in try db.fetchValue("SELECT current_setting('synchronous_commit')") } == .text("remote_apply"))
        }
    }

    @Test func aCaughtErrorWithoutASavepointCommitsNothing() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            let outcome = failure {
                try store.write { db in
                    try db.execute("INSERT INTO setting (key, value) VALUES ('lost', '1')")
                    _ = try? db.execute("INSERT INTO setting (key, value) VALUES ('lost', '2')")
                }
            }
            #expect(outcome.map { "\($0)" }?.contains("nothing was committed") == true, "\(String(describing: outcome))")
            #expect(try store.read { db in try db.fetchValue("SELECT COUNT(*) FROM setting WHERE key = 'lost'") } == .integer(0))
        }
    }

    @Test func resultsOfOtherTypesAreDecoded() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            let row = try store.read { db in
                try db.fetchOne("""
                    SELECT 7::int2 AS small, 8::int4 AS medium, true AS yes, false AS no, 1.5::float4 AS single,
                           12.50::numeric AS money, 'v'::varchar AS chars, TIMESTAMP '2026-03-01 08:30:00.25' AS at,
                           NULL::text AS nothing, '{"a": 1}'::jsonb AS doc
                    """, [])
            }
            #expect(row?.values == [.integer(7), .integer(8), .integer(1), .integer(0), .real(1.5), .text("12.5"), .text("v"),
                                    .text("2026-03-01 08:30:00.250"), .null, .text("{\"a\": 1}")])
        }
    }
}

@Suite struct OutboxClaimTests {
    /// Two gateways drain one outbox at once, each holding its claim while "sending": no message is handed to
    /// both, every message is delivered, and the trigger erased every code.
    @Test func twoConcurrentGatewaysNeverClaimTheSameRow() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            let now = Date()
            try store.write { db in
                for index in 0..<60 {
                    try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt, expiresAt) VALUES (?, 'register', ?, '码 ******', ?, ?)",
                                   "1380000\(String(format: "%04d", index))", "码 \(100_000 + index)", now, now.addingTimeInterval(300))
                }
                // Expired and already-sent rows are not handed out.
                try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt, expiresAt) VALUES ('13900000000', 'register', '码 1', '码 ******', ?, ?)",
                               now, now.addingTimeInterval(-1))
                try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt, sentAt) VALUES ('13900000001', 'register', 'n', 'n', ?, ?)", now, now)
            }
            let claims = onThreads(2) { _ -> Result<[[Int64]], StoreFailure> in
                var batches: [[Int64]] = []
                do {
                    for _ in 0..<20 {
                        let delivered = try store.deliverOutbox(limit: 7, now: now) { messages in
                            Thread.sleep(forTimeInterval: 0.02)  // the provider's round trip, claim held
                            return messages.map(\.id)
                        }
                        if delivered.isEmpty { break }
                        batches.append(delivered)
                    }
                    return .success(batches)
                } catch {
                    return .failure(StoreFailure(postgres: error))
                }
            }
            let perGateway = try claims.map { try $0.get().flatMap { $0 } }
            #expect(Set(perGateway[0]).isDisjoint(with: perGateway[1]))
            #expect(perGateway.allSatisfy { !$0.isEmpty }, "both gateways took part: \(perGateway.map(\.count))")
            #expect((perGateway[0] + perGateway[1]).sorted() == Array(1...60).map(Int64.init))
            let left = try store.read { db in
                try db.fetchAll("SELECT phone FROM smsOutbox WHERE sentAt IS NULL OR message != redacted", [])
            }
            #expect(try left.map { try $0.string("phone") } == ["13900000000"])
        }
    }

    @Test func messagesTheGatewayDidNotDeliverStayForTheNextClaim() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            defer { store.closeConnections() }
            try store.write { db in
                for index in 0..<3 {
                    try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt) VALUES (?, 'notice', 'n', 'n', ?)", "1380000000\(index)", Date())
                }
            }
            // Returns an id it was not given: ignored.
            #expect(try store.deliverOutbox { messages in [messages[1].id, 999] } == [2])
            var second: [OutboxMessage] = []
            try store.deliverOutbox { messages in second = messages; return [] }
            #expect(second.map(\.id) == [1, 3])
            #expect(second.first == OutboxMessage(id: 1, phone: "13800000000", purpose: "notice", message: "n"))
        }
    }
}

/// A loopback port that was free a moment ago (bound, then closed).
func freeLoopbackPort() throws -> Int {
    let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw StoreFailure.other("socket") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
    }
    guard bound else { throw StoreFailure.other("bind") }
    return Int(UInt16(bigEndian: address.sin_port))
}
