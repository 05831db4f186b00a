import Foundation
import TestDatabases
import Testing
import Persistence

/// What every store keeps: values come back as they went in, unique keys refuse duplicates as
/// `uniqueViolation`, savepoints and rollbacks keep or drop exactly what they should.
@Suite struct ValueAndTransactionTests {
    /// A scratch table with one column per `StoreValue` kind, in each engine's spelling.
    static func createKinds(_ db: any StoreTransaction) throws {
        switch db.dialect {
        case .sqlite:
            try db.execute("CREATE TABLE kinds (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB)")
        case .postgres:
            try db.execute("CREATE TABLE kinds (id bigint PRIMARY KEY, i bigint, r double precision, t text, b bytea)")
        }
    }

    @Test(arguments: Backend.allCases)
    func everyKindOfValueComesBackAsItWentIn(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let integers: [Int64] = [0, 1, -1, Int64.max, Int64.min, 4_294_967_296]
            let reals: [Double] = [0, -0.5, 0.1, .pi, 1e300, -1e-300, Double.greatestFiniteMagnitude]
            let texts = ["", "王晓[沛] 𠀋 🎓", "it's \"quoted\" and has ? marks", "line\nbreak\ttab", String(repeating: "长", count: 5000)]
            let blobs: [[UInt8]] = [[0], Array(0...255), [0xFF, 0x00, 0x3F], []]
            var rows: [[StoreValue]] = []
            for (index, value) in integers.enumerated() { rows.append([.integer(Int64(index)), .integer(value), .null, .null, .null]) }
            for (index, value) in reals.enumerated() { rows.append([.integer(Int64(100 + index)), .null, .real(value), .null, .null]) }
            for (index, value) in texts.enumerated() { rows.append([.integer(Int64(200 + index)), .null, .null, .text(value), .null]) }
            for (index, value) in blobs.enumerated() { rows.append([.integer(Int64(300 + index)), .null, .null, .null, .blob(value)]) }
            try store.write { db in
                try Self.createKinds(db)
                for row in rows { try db.execute("INSERT INTO kinds (id, i, r, t, b) VALUES (?, ?, ?, ?, ?)", row) }
            }
            let read = try store.read { db in try db.fetchAll("SELECT id, i, r, t, b FROM kinds ORDER BY id", []) }
            #expect(read.map(\.values) == rows)
            #expect(read.first?.columns.names == ["id", "i", "r", "t", "b"])
        }
    }

    @Test(arguments: Backend.allCases)
    func booleansAreIntegersAndTimestampsAreTheContractText(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let dates = [Date(timeIntervalSince1970: 1_780_000_000.123), Date(timeIntervalSince1970: -86_400 * 365 * 30 + 0.5)]
            try store.write { db in
                try Self.createKinds(db)
                try db.execute("INSERT INTO kinds (id, i, t) VALUES (?, ?, ?)", 1, true, dates[0])
                try db.execute("INSERT INTO kinds (id, i, t) VALUES (?, ?, ?)", 2, false, dates[1])
            }
            let rows = try store.read { db in try db.fetchAll("SELECT i, t FROM kinds ORDER BY id", []) }
            #expect(rows.map { $0["i"] } == [.integer(1), .integer(0)])
            #expect(try rows.map { try $0.bool("i") } == [true, false])
            #expect(rows.map { $0["t"] } == dates.map { .text(StoreTimestamp.format($0)) })
            #expect(try rows.map { try $0.date("t") } == dates)
            // Timestamps order as text the same way on both: the service's `createdAt >= ?` relies on it.
            let later = try store.read { db in try db.fetchAll("SELECT id FROM kinds WHERE t >= ? ORDER BY id", [.text(StoreTimestamp.format(Date(timeIntervalSince1970: 0)))]) }
            #expect(later.map { $0["id"] } == [.integer(1)])
        }
    }

    @Test(arguments: Backend.allCases)
    func aQuestionMarkInALiteralIsNotAPlaceholder(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let row = try store.read { db in try db.fetchOne("SELECT '?' AS mark, 'it''s ?' AS quoted, ? AS bound", [.text("x")]) }
            #expect(row?.values == [.text("?"), .text("it's ?"), .text("x")])
        }
    }

    @Test(arguments: Backend.allCases)
    func aDuplicateOfAUniqueKeyIsAUniqueViolation(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            try store.write { db in try insertAccount(db, username: "wangxiaopei", idNumber: "11010519491231002X", phone: "13800000001") }
            // The phone, the username in another case, the document: each is refused as a unique violation.
            let phone = failure { try store.write { db in try insertAccount(db, username: "other", idNumber: "110105194912310021", phone: "13800000001") } }
            let username = failure { try store.write { db in try insertAccount(db, username: "WangXiaoPei", idNumber: "110105194912310048", phone: "13800000002") } }
            let setting = failure { try store.write { db in try db.execute("INSERT INTO setting (key, value) VALUES ('instance-secret', 'x')") } }
            #expect(phone?.isUniqueViolation == true, "\(String(describing: phone))")
            #expect(username?.isUniqueViolation == true, "\(String(describing: username))")
            #expect(setting?.isUniqueViolation == true, "\(String(describing: setting))")
            #expect(try store.read { db in try db.fetchValue("SELECT COUNT(*) FROM account") } == .integer(1))
        }
    }

    @Test(arguments: Backend.allCases)
    func otherConstraintsAreConstraintFailures(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let notNull = failure { try store.write { db in try db.execute("INSERT INTO setting (key, value) VALUES ('k', NULL)") } }
            // SQLite checks foreign keys only with the pragma GRDB turns on: both must refuse an orphan.
            let foreignKey = failure {
                try store.write { db in
                    try db.execute("INSERT INTO session (tokenHash, accountId, createdAt, lastSeenAt) VALUES ('t', 999, 'x', 'x')")
                }
            }
            #expect(notNull.map { if case .constraint = $0 { true } else { false } } == true, "\(String(describing: notNull))")
            #expect(foreignKey.map { if case .constraint = $0 { true } else { false } } == true, "\(String(describing: foreignKey))")
        }
    }

    @Test(arguments: Backend.allCases)
    func aReleasedAccountFreesItsDocument(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let document = "11010519491231002X"
            try store.write { db in try insertAccount(db, username: "first", idNumber: document, phone: "13800000001") }
            // Once per document, whatever the name.
            let again = failure { try store.write { db in try insertAccount(db, username: "second", name: "王二", idNumber: document, phone: "13800000002") } }
            #expect(again?.isUniqueViolation == true, "\(String(describing: again))")
            // Another document type with the same number is another document.
            try store.write { db in try insertAccount(db, username: "passport", name: "王二", idType: "passport", idNumber: document, phone: "13800000003") }
            try store.write { db in try db.execute("UPDATE account SET releasedAt = ?, phone = NULL WHERE username = 'first'", Date()) }
            try store.write { db in try insertAccount(db, username: "second", name: "王二", idNumber: document, phone: "13800000001") }
            let open = try store.read { db in
                try db.fetchAll("SELECT username FROM account WHERE idType = 'resident-id' AND idNumber = ? AND releasedAt IS NULL", [.text(document)])
            }
            #expect(try open.map { try $0.string("username") } == ["second"])
        }
    }

    @Test(arguments: Backend.allCases)
    func aSavepointRolledBackKeepsTheRestOfTheTransaction(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let refused = try store.write { db -> StoreFailure? in
                try db.execute("INSERT INTO setting (key, value) VALUES ('a', '1')")
                try db.execute("SAVEPOINT attempt")
                try db.execute("INSERT INTO setting (key, value) VALUES ('b', '2')")
                let refused = failure { try db.execute("INSERT INTO setting (key, value) VALUES ('a', 'again')") }
                try db.execute("ROLLBACK TO SAVEPOINT attempt")
                try db.execute("RELEASE SAVEPOINT attempt")
                try db.execute("INSERT INTO setting (key, value) VALUES ('c', '3')")
                return refused
            }
            #expect(refused?.isUniqueViolation == true)
            let keys = try store.read { db in try db.fetchAll("SELECT key FROM setting WHERE key != 'instance-secret' ORDER BY key", []) }
            #expect(try keys.map { try $0.string("key") } == ["a", "c"])
        }
    }

    struct Refusal: Error {}

    @Test(arguments: Backend.allCases)
    func aBodyThatThrowsRollsBackAndTheStoreGoesOn(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            #expect(throws: Refusal.self) {
                try store.write { db in
                    try db.execute("INSERT INTO setting (key, value) VALUES ('gone', '1')")
                    throw Refusal()
                }
            }
            // A failed statement that ends the body rolls back too, and the connection is fit for the next one.
            let failed = failure { try store.write { db in try db.execute("INSERT INTO setting (key, value) VALUES ('gone', NULL)") } }
            #expect(failed != nil)
            try store.write { db in try db.execute("INSERT INTO setting (key, value) VALUES ('kept', '1')") }
            let keys = try store.read { db in try db.fetchAll("SELECT key FROM setting WHERE key != 'instance-secret'", []) }
            #expect(try keys.map { try $0.string("key") } == ["kept"])
        }
    }

    @Test(arguments: Backend.allCases)
    func aReadTransactionCannotWrite(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let refused = failure { try store.read { db in try db.execute("INSERT INTO setting (key, value) VALUES ('r', '1')") } }
            #expect(refused != nil)
            let count = try store.read { db in try db.fetchValue("SELECT COUNT(*) FROM setting WHERE key = 'r'") }
            #expect(count == .integer(0))
        }
    }

    @Test(arguments: Backend.allCases)
    func executeCountsTheRowsItChanged(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let counts = try store.write { db -> [Int] in
                [try db.execute("INSERT INTO setting (key, value) VALUES ('x', '1')"),
                 try db.execute("UPDATE setting SET value = '2' WHERE key IN ('x', 'instance-secret')"),
                 try db.execute("DELETE FROM setting WHERE key = 'nothing'")]
            }
            #expect(counts == [1, 2, 0])
        }
    }
}
