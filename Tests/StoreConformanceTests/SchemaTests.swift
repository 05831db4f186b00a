import Foundation
import GRDB
import TestDatabases
import Testing
@testable import Persistence
@testable import PostgresStore

/// The two schemas are one: the same tables, columns and nullability, the same rules (outbox erasure, one
/// open account per document, the instance secret), migrated once however many instances start together.
@Suite struct SchemaTests {
    /// `table.column` → NOT NULL, lower-cased (PostgreSQL folds the unquoted names), bookkeeping tables left out.
    static func columns(_ store: any ServiceStore) throws -> [String: Bool] {
        try store.read { db in
            var columns: [String: Bool] = [:]
            switch db.dialect {
            case .sqlite:
                let tables = try db.fetchAll("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != 'grdb_migrations'", [])
                for table in try tables.map({ try $0.string("name") }) {
                    for column in try db.fetchAll("SELECT name, \"notnull\" AS required, pk FROM pragma_table_info(?)", [.text(table)]) {
                        // SQLite lets a non-integer primary key hold NULL; both engines' keys never do in practice.
                        let required = try column.bool("required") || (try column.int("pk")) > 0
                        columns["\(table).\(try column.string("name"))".lowercased()] = required
                    }
                }
            case .postgres:
                for column in try db.fetchAll("""
                    SELECT table_name, column_name, is_nullable FROM information_schema.columns
                    WHERE table_schema = 'public' AND table_name != 'schemamigration'
                    """, []) {
                    columns["\(try column.string("table_name")).\(try column.string("column_name"))"] = try column.string("is_nullable") == "NO"
                }
            }
            return columns
        }
    }

    @Test func bothSchemasHaveTheSameTablesColumnsAndNullability() throws {
        let sqlite = try withFreshStore(.sqlite) { try Self.columns($0) }
        let postgres = try withFreshStore(.postgres) { try Self.columns($0) }
        #expect(sqlite.count > 100)
        #expect(Set(postgres.keys).subtracting(sqlite.keys).sorted() == [])
        #expect(Set(sqlite.keys).subtracting(postgres.keys).sorted() == [])
        let differing = sqlite.keys.filter { postgres[$0] != nil && postgres[$0] != sqlite[$0] }.sorted()
        #expect(differing == [])
    }

    @Test func bothStoresHaveMigrationsOfTheSameNames() throws {
        let sqlite = try withFreshStore(.sqlite) { store in
            try store.read { db in try db.fetchAll("SELECT identifier FROM grdb_migrations", []).map { try $0.string("identifier") } }
        }
        let postgres = try withFreshStore(.postgres) { store in
            try store.read { db in try db.fetchAll("SELECT name FROM schemaMigration", []).map { try $0.string("name") } }
        }
        #expect(Set(sqlite) == Set(postgres))
        #expect(postgres.count == PostgresSchema.migrations.count)
    }

    @Test(arguments: Backend.allCases)
    func theInstanceSecretIsMadeWithTheDatabase(_ backend: Backend) throws {
        let secrets = try (0..<2).map { _ in
            try withFreshStore(backend) { store in
                try store.read { db in try db.fetchOne("SELECT value FROM setting WHERE key = 'instance-secret'")?.string("value") }
            }
        }
        for secret in secrets {
            #expect(secret.flatMap { Data(base64Encoded: $0) }?.count == 32)
        }
        #expect(secrets[0] != secrets[1])
    }

    @Test(arguments: Backend.allCases)
    func aDeliveredCodeIsErasedFromTheOutbox(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let now = Date()
            let expires = now.addingTimeInterval(300)
            try store.write { db in
                try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?)",
                               "13800000001", "register", "验证码 123456", "验证码 ******", now, expires)
                try db.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt) VALUES (?, ?, ?, ?, ?)",
                               "13800000002", "register", "通知", "通知", now)
            }
            // Another column changing is not a delivery.
            try store.write { db in try db.execute("UPDATE smsOutbox SET phone = phone WHERE id = 1") }
            #expect(try store.read { db in try db.fetchValue("SELECT message FROM smsOutbox WHERE phone = '13800000001'") } == .text("验证码 123456"))
            try store.write { db in try db.execute("UPDATE smsOutbox SET sentAt = ?", now) }
            let rows = try store.read { db in try db.fetchAll("SELECT message, expiresAt, sentAt FROM smsOutbox ORDER BY phone", []) }
            #expect(rows.map { $0["message"] } == [.text("验证码 ******"), .text("通知")])
            #expect(rows.map { $0["expiresAt"] } == [.null, .null])
            #expect(rows.map { $0["sentAt"] } == [.text(StoreTimestamp.format(now)), .text(StoreTimestamp.format(now))])
        }
    }

    @Test func migratingAgainAppliesNothing() throws {
        try TestPostgres.withDatabase { url in
            let first = try PostgresStore(url: url)
            defer { first.closeConnections() }
            let secret = try first.read { db in try db.fetchValue("SELECT value FROM setting WHERE key = 'instance-secret'") }
            #expect(try PostgresSchema.migrate(first) == [])
            let second = try PostgresStore(url: url)
            defer { second.closeConnections() }
            #expect(try second.read { db in try db.fetchValue("SELECT value FROM setting WHERE key = 'instance-secret'") } == secret)
        }
    }

    @Test func threeInstancesStartingTogetherMigrateOnce() throws {
        try TestPostgres.withDatabase { url in
            let start = DispatchSemaphore(value: 0)
            let opened = onThreads(4) { thread -> Result<PostgresStore, StoreFailure>? in
                if thread == 3 {
                    // Let the three go at once.
                    Thread.sleep(forTimeInterval: 0.05)
                    for _ in 0..<3 { start.signal() }
                    return nil
                }
                _ = start.wait(timeout: .now() + 10)
                do {
                    return .success(try PostgresStore(url: url))
                } catch {
                    return .failure(StoreFailure(postgres: error))
                }
            }
            let stores = opened.compactMap { try? $0?.get() }
            defer { stores.forEach { $0.closeConnections() } }
            #expect(stores.count == 3, "\(opened)")
            let migrations = try stores[0].read { db in try db.fetchAll("SELECT name FROM schemaMigration ORDER BY name", []) }
            #expect(try migrations.map { try $0.string("name") } == PostgresSchema.migrations.map(\.name).sorted())
            let secrets = try stores.map { store in
                try store.read { db in try db.fetchAll("SELECT value FROM setting WHERE key = 'instance-secret'", []) }
            }
            #expect(secrets.map(\.count) == [1, 1, 1])
            #expect(Set(secrets.map { $0.first?["value"] }).count == 1)
        }
    }

    @Test func aDatabaseMigratedByANewerVersionIsRefused() throws {
        try TestPostgres.withDatabase { url in
            let store = try PostgresStore(url: url)
            try store.write { db in try db.execute("INSERT INTO schemaMigration (name, appliedAt) VALUES ('from-the-future', 'x')") }
            store.closeConnections()
            #expect(throws: StoreFailure.other("the database was migrated by a newer Baokao (step “from-the-future” is unknown to this one)")) {
                _ = try PostgresStore(url: url)
            }
        }
    }
}

/// `StoreTimestamp` is the contract's own writer of GRDB's date format: what it writes, GRDB reads as the same
/// instant, and what GRDB writes, it reads (existing SQLite files hold GRDB's text).
@Suite struct TimestampTests {
    static let dates: [Date] = {
        var generator = SplitMix64(seed: 2026)
        var dates: [Date] = [0, -0.001, -0.999, -1, 0.001, 0.999, 951_782_400.5, -2_208_988_800, -2_203_891_200.25,
                             1_780_000_000.123, 4_102_444_799.999, 253_402_300_799.999]
            .map { Date(timeIntervalSince1970: $0) }
        // Whole milliseconds from 1900 to 2100.
        for _ in 0..<5000 {
            let milliseconds = Int64(bitPattern: generator.next() % 6_311_433_600_000) - 2_208_988_800_000
            dates.append(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
        }
        // And some with microseconds, which both round to the nearest millisecond.
        for _ in 0..<2000 {
            let microseconds = Int64(bitPattern: generator.next() % 6_311_433_600_000_000) - 2_208_988_800_000_000
            dates.append(Date(timeIntervalSince1970: Double(microseconds) / 1_000_000))
        }
        return dates
    }()

    @Test func storeTimestampWritesWhatGRDBWrites() throws {
        var differences: [String] = []
        for date in Self.dates {
            let grdb = String.fromDatabaseValue(date.databaseValue)
            let ours = StoreTimestamp.format(date)
            if grdb != ours { differences.append("\(date.timeIntervalSince1970): GRDB \(grdb ?? "nil"), StoreTimestamp \(ours)") }
        }
        #expect(differences.prefix(5) == [], "\(differences.count) of \(Self.dates.count) differ")
    }

    @Test func eachReadsWhatTheOtherWrote() throws {
        var differences: [String] = []
        for date in Self.dates {
            let ours = StoreTimestamp.format(date)
            let grdbs = String.fromDatabaseValue(date.databaseValue) ?? ""
            // The instant the text names: the date rounded to its millisecond.
            let named = Date.fromDatabaseValue(grdbs.databaseValue)
            guard let named, abs(named.timeIntervalSince(date)) <= 0.000_5 + 1e-6 else {
                differences.append("GRDB read its own \(grdbs) as \(String(describing: named)) for \(date.timeIntervalSince1970)")
                continue
            }
            let byGRDB = Date.fromDatabaseValue(ours.databaseValue)
            let byUs = StoreTimestamp.parse(grdbs)
            for (who, read) in [("GRDB", byGRDB), ("StoreTimestamp", byUs)] where read.map({ abs($0.timeIntervalSince(named)) >= 0.000_5 }) ?? true {
                differences.append("\(who) read \(who == "GRDB" ? ours : grdbs) as \(String(describing: read?.timeIntervalSince1970)), not \(named.timeIntervalSince1970)")
            }
        }
        #expect(differences.prefix(5) == [], "\(differences.count) differ")
    }

    @Test func malformedTimestampsAreRefused() {
        for text in ["", "2026-13-01 00:00:00.000", "2026-01-01T24:00:00", "2026-01-01 00:00", "2026/01/01", "2026-01-01 00:00:00.", "2026-01-01 00:00:00.0x"] {
            #expect(StoreTimestamp.parse(text) == nil, "\(text)")
        }
    }
}

/// A small seeded generator, so the dates above are the same every run.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
