import Foundation

/// The SQL the two engines speak. Queries are written once in what both accept (`?` placeholders, `RETURNING`,
/// `ON CONFLICT`); the few that differ ask the transaction's dialect.
public enum SQLDialect: String, Sendable {
    case sqlite
    case postgres
}

/// The service's database, whichever engine holds it: SQLite through GRDB (`Store`, the embedded default) or
/// PostgreSQL through postgres-nio (module `PostgresStore`).
///
/// Both give the same guarantees, and the conformance suite (`StoreConformanceTests`) checks them on both:
/// write transactions behave as if run one after another (SQLite: `BEGIN IMMEDIATE`, one writer; PostgreSQL:
/// `SERIALIZABLE`), a transaction that could not be serialised fails with `StoreFailure.busy` and nothing of it
/// is kept (the caller runs it again), unique constraints fail with `StoreFailure.uniqueViolation`, and a
/// commit has reached the disk when `write` returns.
public protocol ServiceStore: AnyObject, Sendable {
    var dialect: SQLDialect { get }
    /// Where the data lives, for logs: a file path or a `postgres://user@host:port/db` URL without password.
    var location: String { get }

    /// Runs `body` in a read-only transaction: one consistent snapshot, holding no lock a writer waits on.
    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

    /// Runs `body` in a serialised write transaction, committed when it returns and rolled back when it throws.
    /// `body` may nest savepoints (`SAVEPOINT name` / `RELEASE SAVEPOINT name` / `ROLLBACK TO SAVEPOINT name`).
    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T

    /// Closes connections; the store is not used afterwards.
    func closeConnections()

    /// After `attempt` tries of a transaction failed `busy` (1 after the first): how long to wait before the
    /// next try, or nil to give up — the caller then refuses with `server-busy`. `bound` is the caller's own
    /// number of tries (`WritePolicy.attempts`). The default, SQLite's, tries `bound` times with no pause: its
    /// busy handler has waited for the lock already.
    func pauseBeforeRetry(afterBusyAttempt attempt: Int, bound: Int) -> TimeInterval?
}

extension ServiceStore {
    public func pauseBeforeRetry(afterBusyAttempt attempt: Int, bound: Int) -> TimeInterval? {
        attempt < bound ? 0 : nil
    }
}

/// One transaction of a `ServiceStore`. Statements run in order on one connection; arguments bind to `?`.
public protocol StoreTransaction: AnyObject {
    var dialect: SQLDialect { get }

    /// Runs a statement that returns no rows; returns how many rows it changed.
    @discardableResult
    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int

    /// Runs a query and returns every row.
    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow]
}

extension StoreTransaction {
    @discardableResult
    public func execute(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> Int {
        try execute(sql, arguments.map { $0.storeValue })
    }

    public func fetchAll(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> [StoreRow] {
        try fetchAll(sql, arguments.map { $0.storeValue })
    }

    /// The first row, or nil. Put a `LIMIT 1` in queries that could return many.
    public func fetchOne(_ sql: String, _ arguments: [StoreValue]) throws -> StoreRow? {
        try fetchAll(sql, arguments).first
    }

    public func fetchOne(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> StoreRow? {
        try fetchAll(sql, arguments.map { $0.storeValue }).first
    }

    /// The first column of the first row: `SELECT COUNT(*) …`, `SELECT value FROM setting …`.
    public func fetchValue(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> StoreValue {
        try fetchAll(sql, arguments.map { $0.storeValue }).first?.values.first ?? .null
    }
}

/// What went wrong in a store, in terms both engines share.
public enum StoreFailure: Error, CustomStringConvertible, Equatable {
    /// The transaction could not take its lock in time (SQLite `SQLITE_BUSY`/`SQLITE_LOCKED`) or could not be
    /// serialised (PostgreSQL `40001`, `40P01`): nothing of it was kept; run it again.
    case busy(String)
    /// A unique constraint (or the trigger that stands in for one) refused the row.
    case uniqueViolation(String)
    /// Another constraint (not null, foreign key, check) refused the statement.
    case constraint(String)
    /// A stored value is not what the code reads it as.
    case decoding(column: String, String)
    /// The database could not be reached or opened.
    case unavailable(String)
    /// Anything else the engine reported.
    case other(String)

    public var isBusy: Bool { if case .busy = self { true } else { false } }
    public var isUniqueViolation: Bool { if case .uniqueViolation = self { true } else { false } }

    public var description: String {
        switch self {
        case .busy(let message): "database busy: \(message)"
        case .uniqueViolation(let message): "unique constraint: \(message)"
        case .constraint(let message): "constraint: \(message)"
        case .decoding(let column, let message): "column \(column): \(message)"
        case .unavailable(let message): "database unavailable: \(message)"
        case .other(let message): message
        }
    }

    /// Whether `error` says "run the whole transaction again".
    public static func isBusy(_ error: any Error) -> Bool { (error as? StoreFailure)?.isBusy == true }
}
