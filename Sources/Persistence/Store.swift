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

    /// How long one attempt to take the write lock (or a read snapshot during a checkpoint) may wait before
    /// SQLite gives up with `SQLITE_BUSY`; the service then retries the whole request a few times.
    public static let defaultLockWait: TimeInterval = 1.5

    /// Opens (creating when missing) and migrates the database at `path`.
    public init(path: String, lockWait: TimeInterval = Store.defaultLockWait) throws {
        var configuration = Configuration()
        configuration.busyMode = .callback(Store.busyHandler(waitingAtMost: lockWait))
        self.path = path
        // Opening a new file (WAL set-up) and migrating it are not serialised across processes, and
        // `baokao serve` beside `baokao admin` may open the same new file at the same moment: an exclusive lock
        // on a file beside the database makes the second process wait, then find the schema up to date.
        var opened: DatabasePool?
        try Store.withFileLock(path + "-lock") {
            let pool = try DatabasePool(path: path, configuration: configuration)
            // After the pool is made: its WAL set-up lowers the writer connection to NORMAL, which is safe
            // against a crash of the process but not of the machine. The pool keeps this one writer connection.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
            try Schema.migrator.migrate(pool)
            opened = pool
        }
        self.pool = opened!
    }

    /// A busy handler that polls often and briefly, up to `limit` in all.
    ///
    /// SQLite's own timeout handler sleeps up to 100 ms between tries, so a writer waits far longer than the
    /// few milliseconds another process holds the lock, and whoever comes next may take it first. Here the
    /// sleeps start at 50 µs and never exceed 1 ms: a waiter takes the lock within a millisecond of its release,
    /// so the processes waiting on one file are served roughly in turn. The wait is a pure function of the
    /// number of tries, so the handler keeps no state between connections.
    static func busyHandler(waitingAtMost limit: TimeInterval) -> Database.BusyCallback {
        let maximumSleep: UInt32 = 1000 // µs
        // 50, 100, 200, 400, 800 µs, then 1 ms a try: about 1.55 ms for the first five tries.
        let tries = 5 + max(0, Int((limit * 1e6 - 1550) / Double(maximumSleep)))
        return { numberOfTries in
            guard numberOfTries < tries else { return false }
            usleep(min(maximumSleep, 50 << UInt32(min(numberOfTries, 5))))
            return true
        }
    }

    /// Whether `error` is SQLite saying the database is locked by another connection (after the busy handler
    /// gave up), as opposed to a real failure.
    public static func isBusy(_ error: any Error) -> Bool {
        guard let error = error as? DatabaseError else { return false }
        return error.resultCode == .SQLITE_BUSY || error.resultCode == .SQLITE_LOCKED
    }

    /// Runs `body` holding an exclusive `flock` on `lockPath` (created when missing), released on return.
    static func withFileLock(_ lockPath: String, _ body: () throws -> Void) throws {
        let fd = open(lockPath, O_CREAT | O_RDWR, 0o644)
        guard fd >= 0 else { throw StoreError.lock(lockPath, String(cString: strerror(errno))) }
        defer { close(fd) }
        while flock(fd, LOCK_EX) != 0 {
            guard errno == EINTR else { throw StoreError.lock(lockPath, String(cString: strerror(errno))) }
        }
        defer { flock(fd, LOCK_UN) }
        try body()
    }

    public enum StoreError: Error, CustomStringConvertible {
        case lock(String, String)
        public var description: String {
            switch self {
            case .lock(let path, let why): "cannot lock \(path) for the schema migration: \(why)"
            }
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
