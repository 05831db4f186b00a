import Foundation
import GRDB
import Persistence
import Testing

/// The store: WAL, durable commits, the v1 and v2 schemas and their constraints.
@Suite struct StoreTests {
    /// Rows are read straight from the SQLite statement (`StoreRowCursor`): text keeps a NUL inside it (GRDB's
    /// `String` read stopped there), an empty blob is an empty blob, and a query that fails while stepping (an
    /// integer overflow) throws a clear error, and its cached statement runs again afterwards as new.
    @Test func rowsReadFromTheStatementKeepEveryByteAndAFailedStepLeavesTheStatementUsable() throws {
        let store = try Store(path: temporaryDirectory().appendingPathComponent("r.sqlite").path)
        let read = try store.read { tx in try tx.fetchAll("SELECT 'a' || char(0) || 'b 长' AS t, x'' AS b, NULL AS n", []) }
        #expect(read.map(\.values) == [[.text("a\u{0}b 长"), .blob([]), .null]])
        let sum = "SELECT SUM(value) AS total FROM (SELECT ? AS value UNION ALL SELECT ?)"
        #expect(throws: StoreFailure.self) {
            try store.read { tx in try tx.fetchAll(sum, [.integer(Int64.max), .integer(1)]) }
        }
        let total = try store.read { tx in try tx.fetchOne(sum, [.integer(2), .integer(3)]) }
        #expect(total?["total"] == .integer(5))
    }

    @Test func opensInWALModeMigratedAndReopensIdempotently() throws {
        let path = temporaryDirectory().appendingPathComponent("s.sqlite").path
        let store = try Store(path: path)
        #expect(try store.journalMode() == "wal")
        #expect(try store.integrityCheck() == ["ok"])
        let synchronous = try store.pool.write { db in try Int.fetchOne(db, sql: "PRAGMA synchronous") }
        #expect(synchronous == 2) // FULL
        let applied = try store.pool.read { db in try Schema.migrator.appliedMigrations(db) }
        #expect(applied == ["v1", "v2", "account-safety", "reviewer-disabled", "loginThrottle", "account-document-not-name"])
        let tables = try store.pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'grdb_%' ORDER BY name")
        }
        #expect(tables == ["account", "application", "applicationNote", "audit", "captchaUse", "degree", "education", "loginThrottle", "payment", "photo",
                           "proof", "recoveryFailure", "resetToken", "reviewer", "reviewerSession", "session", "setting", "smsCode", "smsOutbox"])
        _ = try Store(path: path) // a second open migrates nothing and fails nothing
    }

    @Test func theDatabaseItselfRefusesDuplicates() throws {
        let store = try Store(path: temporaryDirectory().appendingPathComponent("s.sqlite").path)
        let insert = """
            INSERT INTO account (username, passwordHash, name, idType, idNumber, email, phone, recoveryQuestion, recoveryAnswerHash, createdAt, updatedAt)
            VALUES (?, 'h', ?, 'resident-id', ?, 'e@example.com', ?, 'q', 'a', '2026-03-02', '2026-03-02')
            """
        try store.pool.write { db in try db.execute(sql: insert, arguments: ["alpha", "王五", "11010519491231002X", "13800138000"]) }
        for (username, name, id, phone) in [("ALPHA", "李四", "110105194912310011", "13800138001"),   // username, any case
                                            ("beta", "王五", "11010519491231002X", "13800138002"),   // ID + name
                                            ("gamma", "李四", "110105194912310011", "13800138000")] { // phone
            #expect(throws: DatabaseError.self) {
                try store.pool.write { db in try db.execute(sql: insert, arguments: [username, name, id, phone]) }
            }
        }
        // The same ID number under another name is refused too (one document is one person), until the
        // authority releases the first account.
        #expect(throws: DatabaseError.self) {
            try store.pool.write { db in try db.execute(sql: insert, arguments: ["delta", "王六", "11010519491231002X", "13800138003"]) }
        }
        try store.pool.write { db in try db.execute(sql: "UPDATE account SET releasedAt = '2026-03-03', phone = NULL WHERE username = 'alpha'") }
        try store.pool.write { db in try db.execute(sql: insert, arguments: ["delta", "王六", "11010519491231002X", "13800138003"]) }
        // Released again, the document registers under the first name too (the owner, after a squatter).
        try store.pool.write { db in try db.execute(sql: "UPDATE account SET releasedAt = '2026-03-04', phone = NULL WHERE username = 'delta'") }
        try store.pool.write { db in try db.execute(sql: insert, arguments: ["epsilon", "王五", "11010519491231002X", "13800138004"]) }
        // v2: one application per candidate, exam and year.
        let application = "INSERT INTO application (accountId, exam, year, province, state, createdAt, updatedAt) VALUES (1, 'yijian', 2026, '110000', 'editing', '2026-07-02', '2026-07-02')"
        try store.pool.write { db in try db.execute(sql: application) }
        #expect(throws: DatabaseError.self) { try store.pool.write { db in try db.execute(sql: application) } }
    }

    /// `account-document-not-name` rebuilds `account` without v1's UNIQUE (idType, idNumber, name) on a
    /// database in use: its rows, the rows that reference them, its indexes, its trigger and its id counter
    /// come through as they were.
    @Test func theAccountRebuildKeepsRowsReferencesIndexesTriggerAndCounter() throws {
        let path = temporaryDirectory().appendingPathComponent("m.sqlite").path
        let old = try DatabaseQueue(path: path)
        try Schema.migrator.migrate(old, upTo: "loginThrottle")
        let insert = """
            INSERT INTO account (username, passwordHash, name, idType, idNumber, email, phone, recoveryQuestion, recoveryAnswerHash, createdAt, updatedAt)
            VALUES (?, 'h', ?, 'resident-id', ?, 'e@example.com', ?, 'q', 'a', '2026-03-02', '2026-03-02')
            """
        try old.write { db in
            try db.execute(sql: insert, arguments: ["alpha", "王五", "11010519491231002X", "13800138000"])
            try db.execute(sql: insert, arguments: ["beta", "李四", "110105194912310011", "13800138001"])
            try db.execute(sql: insert, arguments: ["gamma", "赵六", "110105194912310038", "13800138002"])
            try db.execute(sql: "DELETE FROM account WHERE username = 'gamma'") // the counter stays at 3
            try db.execute(sql: "INSERT INTO education (accountId, position, level, major, school, date, createdAt) VALUES (2, 0, 'bachelor', '土木工程', '某大学', '2015-07', '2026-03-02')")
        }
        try old.close()

        let store = try Store(path: path)
        try store.pool.write { db in
            #expect(try String.fetchAll(db, sql: "SELECT username FROM account ORDER BY id") == ["alpha", "beta"])
            #expect(try Row.fetchAll(db, sql: "PRAGMA foreign_key_check").isEmpty)
            #expect(try String.fetchAll(db, sql: "PRAGMA integrity_check") == ["ok"])
            let sql = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE name = 'account'") ?? ""
            #expect(!sql.contains(#"UNIQUE ("idType""#) && sql.contains("COLLATE NOCASE"))
            let dependents = try String.fetchAll(db, sql: "SELECT name FROM sqlite_master WHERE tbl_name = 'account' AND sql IS NOT NULL ORDER BY name")
            #expect(dependents == ["account", "account_document_once", "account_on_idNumber"])
            #expect(try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM education e JOIN account a ON a.id = e.accountId WHERE a.username = 'beta'") == 1)
            // Still enforced: usernames in any case, phones, a document while not released.
            #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: ["ALPHA", "钱七", "110105194912310046", "13800138009"]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: ["delta", "钱七", "110105194912310046", "13800138001"]) }
            #expect(throws: DatabaseError.self) { try db.execute(sql: insert, arguments: ["delta", "王五", "11010519491231002X", "13800138009"]) }
            // A new account takes the next id after the deleted one's, as before the rebuild.
            try db.execute(sql: insert, arguments: ["delta", "钱七", "110105194912310046", "13800138009"])
            #expect(try Int64.fetchOne(db, sql: "SELECT id FROM account WHERE username = 'delta'") == 4)
        }
    }
}
