import Foundation
import Persistence
import PostgresNIO

/// The PostgreSQL schema: the same tables, columns, keys and rules as SQLite's `Schema` at its latest
/// migration, reached by migrations of the same names, one step each (`PostgresMigrations.swift`).
///
/// Migrations run when a store is opened, under a session-level advisory lock, so that several instances
/// starting together against one empty database migrate it once: the first takes the lock and migrates, the
/// others wait for the lock and then find every step recorded in `schemaMigration`. Each step runs in its own
/// transaction with its record, so a failed step leaves nothing half-done.
public enum PostgresSchema {
    /// The advisory lock's key (any constant shared by every Baokao instance; "baokao" in ASCII).
    static let lockKey: Int64 = 0x62_61_6F_6B_61_6F

    public struct Migration: Sendable {
        public let name: String
        public let statements: [Statement]
    }

    /// One statement of a migration; arguments bind to `?` like the service's own statements.
    public struct Statement: Sendable, ExpressibleByStringLiteral {
        public let sql: String
        public let arguments: @Sendable () -> [StoreValue]

        public init(_ sql: String, arguments: @escaping @Sendable () -> [StoreValue] = { [] }) {
            self.sql = sql
            self.arguments = arguments
        }

        public init(stringLiteral sql: String) { self.init(sql) }
    }

    /// In order; never edit a step once released, add one (and its SQLite twin in `Schema`).
    public static let migrations: [Migration] = [
        Migration(name: "v1", statements: PostgresMigrations.v1),
        Migration(name: "v2", statements: PostgresMigrations.v2),
        Migration(name: "account-safety", statements: PostgresMigrations.accountSafety),
        Migration(name: "reviewer-disabled", statements: PostgresMigrations.reviewerDisabled),
        Migration(name: "loginThrottle", statements: PostgresMigrations.loginThrottle),
        Migration(name: "account-document-not-name", statements: PostgresMigrations.accountDocumentNotName),
    ]

    /// Brings `store`'s database up to date; returns the names of the steps this call applied.
    @discardableResult
    static func migrate(_ store: PostgresStore) throws -> [String] {
        try store.withSession { session in
            try session.run("SELECT pg_advisory_lock(?)", [.integer(lockKey)])
            do {
                let applied = try migrateLocked(session)
                try session.run("SELECT pg_advisory_unlock(?)", [.integer(lockKey)])
                return applied
            } catch {
                // A failed step rolled back; give the lock back so another instance can try (or say why).
                _ = try? session.run("ROLLBACK")
                _ = try? session.run("SELECT pg_advisory_unlock(?)", [.integer(lockKey)])
                throw error
            }
        }
    }

    private static func migrateLocked(_ session: PostgresTransaction) throws -> [String] {
        try session.run("""
            CREATE TABLE IF NOT EXISTS schemaMigration (
                name text PRIMARY KEY,
                appliedAt text NOT NULL
            )
            """)
        let done = Set(try session.fetchAll("SELECT name FROM schemaMigration").map { try $0.string("name") })
        let known = Set(migrations.map(\.name))
        if let unknown = done.subtracting(known).sorted().first {
            throw StoreFailure.other("the database was migrated by a newer Baokao (step “\(unknown)” is unknown to this one)")
        }
        var applied: [String] = []
        for migration in migrations where !done.contains(migration.name) {
            try session.run("BEGIN")
            for statement in migration.statements {
                do {
                    try session.run(statement.sql, statement.arguments())
                } catch {
                    throw StoreFailure.other("migration \(migration.name) failed: \(error)")
                }
            }
            try session.run("INSERT INTO schemaMigration (name, appliedAt) VALUES (?, ?)",
                            [.text(migration.name), .text(StoreTimestamp.format(Date()))])
            try session.run("COMMIT")
            applied.append(migration.name)
        }
        return applied
    }
}
