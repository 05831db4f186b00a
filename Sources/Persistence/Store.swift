import Foundation
import GRDB

/// The service's SQLite database: one file, WAL mode, the schema brought up to date by `Schema.migrator`
/// every time it is opened.
///
/// Durability is the point of this type: `synchronous = FULL` makes each commit reach the disk before
/// `write` returns, so a response written after `write` describes a state that survives `kill -9` and
/// power loss alike; WAL keeps readers (tests, an SMS gateway draining the outbox) off the writer's back.
public final class Store: Sendable {
    public let pool: DatabasePool
    public let path: String

    /// Opens (creating when missing) and migrates the database at `path`.
    public init(path: String) throws {
        var configuration = Configuration()
        configuration.busyMode = .timeout(5)
        self.path = path
        self.pool = try DatabasePool(path: path, configuration: configuration)
        // After the pool is made: its WAL set-up lowers the writer connection to NORMAL, which is safe
        // against a crash of the process but not of the machine. The pool keeps this one writer connection.
        try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        do {
            try Schema.migrator.migrate(pool)
        } catch {
            // Another process (`baokao serve` beside `baokao admin`) may have been migrating the same new file
            // at the same moment: GRDB's migrator is not serialised across processes. Its migrations are
            // then applied; running the migrator again finds them so and fails only on a real problem.
            try Schema.migrator.migrate(pool)
        }
    }

    /// `PRAGMA integrity_check`: `["ok"]` for a sound file, else SQLite's list of problems.
    public func integrityCheck() throws -> [String] {
        try pool.read { db in try String.fetchAll(db, sql: "PRAGMA integrity_check") }
    }

    /// The journal mode in force (`wal`).
    public func journalMode() throws -> String {
        try pool.read { db in try String.fetchOne(db, sql: "PRAGMA journal_mode") ?? "" }
    }
}
