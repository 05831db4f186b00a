import Foundation
import Persistence
@testable import Service
import TestDatabases
import Testing

/// The service speaks to its database through the store contract only, in SQL that SQLite and PostgreSQL both
/// accept (issue #15). A whole journey runs on a store that records every statement; none may use what only
/// SQLite knows. With the dialect set to PostgreSQL the service's PostgreSQL branches run too (on SQLite, which
/// accepts them), and must give the same answers — as they must on PostgreSQL itself.
@Suite struct PortableSQLTests {
    /// What only SQLite accepts (or reads differently), and what the contract replaces it with.
    static let sqliteOnly: [(pattern: String, instead: String)] = [
        (#"\bINSERT\s+OR\b|\bREPLACE\s+INTO\b"#, "ON CONFLICT (…) DO NOTHING / DO UPDATE"),
        (#"\bIFNULL\s*\("#, "COALESCE"),
        (#"\bCOLLATE\b"#, "caseInsensitiveMatch (lower(…) on PostgreSQL)"),
        (#"last_insert_rowid|\bchanges\s*\(\s*\)|\browid\b"#, "RETURNING id and execute's count"),
        (#"\b(datetime|julianday|strftime|date|time)\s*\("#, "times computed in Swift and bound"),
        (#"\bPRAGMA\b|\bBEGIN\b|\bCOMMIT\b"#, "the store's own transactions"),
        (#"""#, "single quotes for strings, identifiers never quoted"),
        (#"\bx'"#, "a bound blob"),
        (#"\b(TRUE|FALSE)\b"#, "0 and 1: booleans are integers"),
        (#"\?\s+IS\s+(NOT\s+)?NULL"#, "a condition built in Swift (PostgreSQL cannot type a bare parameter)"),
    ]

    static func nonPortable(_ statements: [String]) -> [String] {
        statements.flatMap { sql in
            sqliteOnly.compactMap { rule in
                sql.range(of: rule.pattern, options: [.regularExpression, .caseInsensitive]) == nil ? nil : "\(sql) — use \(rule.instead)"
            }
        }
    }

    /// Registration to payment, the reviewers' side, logins that fail and recover, and the candidate's pages.
    static func journey(_ backend: Backend, _ dialect: SQLDialect) throws -> (RecordingStore, Journey) {
        let driver = try makeApplicationDriver(.inProcess(backend), recordingSQL: dialect)
        let recording = try #require((driver as? InProcessDriver)?.service.store as? RecordingStore)
        let j = try Journey.started(driver)
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        try j.approvePhoto()
        expectResult(try j.call("application.confirm"))
        expectResult(try j.pay(expectedAmount: 24200))
        #expect(try j.status()["state"] == "paid")
        let reviewer = try j.staffToken("bj-reviewer")
        let queue = expectResult(try driver.call("review.queue", ["token": .string(reviewer), "state": "all"]))
        #expect(queue["count"] == 1)
        expectResult(try driver.call("account.profile", ["token": .string(j.token)]))
        // A username is one whatever its case; an unknown one is counted and answered alike.
        let shouted = j.candidate.username.uppercased()
        expectDomainError(try driver.call("account.login", ["username": .string(shouted), "password": "Wrong2026x"]), .loginFailed)
        expectResult(try driver.call("account.login", ["username": .string(shouted), "password": .string(j.candidate.password)]))
        let unknown = try driver.call("account.login", ["username": "nobody", "password": "Wrong2026x"])
        expectDomainError(unknown, .loginFailed)
        #expect(unknown["error"]?["data"]?["remainingAttempts"] == 4)
        let again = try driver.call("account.login", ["username": "NOBODY", "password": "Wrong2026x"])
        #expect(again["error"]?["data"]?["remainingAttempts"] == 3)
        expectDomainError(try driver.call("review.login", ["username": "BJ-REVIEWER", "password": "Wrong2026x"]), .reviewerLoginFailed)
        expectResult(try driver.call("review.login", ["username": "BJ-REVIEWER", "password": .string(reviewerPassword)]))
        let recovery: JSONValue = ["name": .string(j.candidate.name), "idType": "resident-id", "idNumber": .string(j.candidate.idNumber)]
        expectResult(try driver.call("account.recoverByQuestion", recovery))
        expectResult(try driver.call("account.logout", ["token": .string(j.token)]))
        return (recording, j)
    }

    @Test(arguments: [(Backend.sqlite, SQLDialect.sqlite), (.sqlite, .postgres), (.postgres, .postgres)])
    func aWholeJourneyRunsOnPortableSQL(_ backend: Backend, _ dialect: SQLDialect) throws {
        let (recording, _) = try PortableSQLTests.journey(backend, dialect)
        let statements = recording.sql
        #expect(statements.count > 100)
        #expect(PortableSQLTests.nonPortable(statements) == [])
        let caseless = statements.filter { $0.contains("lower(username) = lower(?)") }
        #expect(dialect == .postgres ? !caseless.isEmpty : caseless.isEmpty)
    }

    /// The deny-list itself finds what it is for.
    @Test func theDenyListCatchesSQLiteOnlySQL() {
        let found = PortableSQLTests.nonPortable([
            "INSERT OR IGNORE INTO captchaUse (nonce) VALUES (?)", "SELECT IFNULL(x, 0) FROM t",
            "SELECT * FROM account WHERE username = ? COLLATE NOCASE", "SELECT last_insert_rowid()",
            "SELECT * FROM smsCode WHERE createdAt > datetime('now', '-1 hour')", "SELECT \"x\" FROM t",
            "SELECT * FROM account WHERE (? IS NULL OR name = ?)", "UPDATE account SET integrityRecord = TRUE",
        ])
        #expect(found.count == 8)
        #expect(PortableSQLTests.nonPortable(["INSERT INTO captchaUse (nonce, expiresAt) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING"]) == [])
    }

    /// A save writes the application's columns that changed, not the row (issue #14: GRDB's whole-row update
    /// was 14% of a save's CPU); a save that changes nothing but the time writes the time.
    @Test(arguments: Backend.allCases) func aSaveWritesOnlyTheColumnsItChanges(_ backend: Backend) throws {
        let (recording, j) = try PortableSQLTests.journey(backend, backend.dialect)
        let driver = try #require(j.driver as? InProcessDriver)
        let second = Journey(driver, Candidate.numbered(2))
        try second.register()
        try second.verify()
        try second.start()
        expectResult(try second.save())
        func applicationUpdates() -> [String] { recording.sql.filter { $0.hasPrefix("UPDATE application ") } }

        recording.clear()
        driver.advance(by: 1)
        expectResult(try second.save())
        #expect(applicationUpdates() == ["UPDATE application SET updatedAt = ? WHERE id = ?"])

        recording.clear()
        driver.advance(by: 1)
        var longer = Journey.beijing
        longer["relevantWorkYears"] = 7
        expectResult(try second.save(longer))
        let update = try #require(applicationUpdates().first)
        #expect(applicationUpdates().count == 1)
        #expect(update.contains("input = ?") && update.contains("updatedAt = ?"))
        for unchanged in ["accountId", "exam", "year", "province", "state", "city", "auditPoint", "createdAt", "confirmedAt"] {
            #expect(!update.contains(" \(unchanged) = ?"), "\(update) writes \(unchanged)")
        }

        recording.clear()
        driver.advance(by: 1)
        expectResult(try second.call("application.sign", ["action": "sign"]))
        #expect(applicationUpdates() == ["UPDATE application SET state = ?, signed = ?, updatedAt = ? WHERE id = ?"])
    }

    /// A wrong password counts on the account's row: two columns and the time, nothing else.
    @Test(arguments: Backend.allCases) func aFailedLoginWritesTheCounterAndTheTime(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, recordingSQL: backend.dialect)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let store = try #require(driver.service.store as? RecordingStore)
        store.clear()
        driver.advance(by: 1)
        expectDomainError(try driver.call("account.login", ["username": .string(candidate.username), "password": "Wrong2026x"]), .loginFailed)
        #expect(store.sql.filter { $0.hasPrefix("UPDATE account ") } == ["UPDATE account SET failedLogins = ?, updatedAt = ? WHERE id = ?"])
        // Read back as written: the row the next login finds holds the count.
        #expect(try driver.count("SELECT failedLogins FROM account") == 1)
    }
}
