import Foundation
import GRDB

/// `Store` as a `ServiceStore`: the SQLite backend.
extension Store: ServiceStore {
    public var dialect: SQLDialect { .sqlite }
    public var location: String { path }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteTransaction.mapping { try pool.read { db in try body(SQLiteTransaction(db)) } }
    }

    /// `BEGIN IMMEDIATE`: the write lock is taken at the start, so the transaction never fails half-way for
    /// want of it; the busy handler waits for it (`Store.busyHandler`), then `StoreFailure.busy`.
    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try SQLiteTransaction.mapping {
            try pool.writeWithoutTransaction { db in
                var result: T?
                try db.inTransaction(.immediate) {
                    result = try body(SQLiteTransaction(db))
                    return .commit
                }
                return result!
            }
        }
    }

    public func closeConnections() {
        try? pool.close()
    }
}

/// One GRDB connection inside a transaction. Every statement is a cached prepared statement: the service's
/// SQL is a fixed set of strings, and compiling it (with GRDB's authorizer) cost more than running it.
public final class SQLiteTransaction: StoreTransaction {
    /// The GRDB connection, for code that is SQLite-only (migrations, `baokao admin` maintenance).
    public let database: Database

    public init(_ database: Database) {
        self.database = database
    }

    public var dialect: SQLDialect { .sqlite }

    @discardableResult
    public func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        try SQLiteTransaction.mapping {
            let statement = try database.cachedStatement(sql: sql)
            try statement.execute(arguments: SQLiteTransaction.statementArguments(arguments))
            return database.changesCount
        }
    }

    public func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        try SQLiteTransaction.mapping {
            let statement = try database.cachedStatement(sql: sql)
            let columns = SQLiteTransaction.columns(of: statement, sql: sql)
            var rows: [StoreRow] = []
            let cursor = try StoreRowCursor(statement, arguments: SQLiteTransaction.statementArguments(arguments))
            while let values = try cursor.next() {
                rows.append(StoreRow(columns: columns, values: values))
            }
            return rows
        }
    }

    /// GRDB's arguments without a key path: `map(\\.databaseValue)` instantiated a key path on every statement
    /// (≈3 % of a save's CPU, issue #14).
    static func statementArguments(_ arguments: [StoreValue]) -> StatementArguments {
        StatementArguments(arguments.map { $0.databaseValue as (any DatabaseValueConvertible)? })
    }

    /// The column map of a query's rows, made once per SQL text: building its dictionaries on every query cost
    /// more than reading the row (issue #14). Checked against the statement's names, which a schema change
    /// (a migration adding a column to `SELECT *`) can change under the same text.
    static func columns(of statement: Statement, sql: String) -> StoreColumns {
        let names = statement.columnNames
        columnCacheLock.lock()
        defer { columnCacheLock.unlock() }
        if let cached = columnCache[sql], cached.names == names { return cached }
        let made = StoreColumns(names)
        if columnCache.count < 1_000 { columnCache[sql] = made }
        return made
    }

    private static let columnCacheLock = NSLock()
    nonisolated(unsafe) private static var columnCache: [String: StoreColumns] = [:]

    /// Runs `body`, turning GRDB's errors into `StoreFailure`.
    static func mapping<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch let error as DatabaseError {
            throw StoreFailure(error)
        }
    }
}

extension StoreFailure {
    /// SQLite's result codes in the shared terms. The document-once trigger raises a message that names a
    /// UNIQUE constraint, so it reads as one.
    init(_ error: DatabaseError) {
        let message = error.message ?? "\(error)"
        switch error.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: self = .busy(message)
        case .SQLITE_CONSTRAINT:
            if error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE || error.extendedResultCode == .SQLITE_CONSTRAINT_PRIMARYKEY
                || message.contains("UNIQUE constraint failed") {
                self = .uniqueViolation(message)
            } else {
                self = .constraint(message)
            }
        case .SQLITE_CANTOPEN, .SQLITE_NOTADB, .SQLITE_CORRUPT, .SQLITE_IOERR, .SQLITE_FULL: self = .unavailable(message)
        default: self = .other(message)
        }
    }
}

extension StoreValue {
    var databaseValue: DatabaseValue {
        switch self {
        case .null: .null
        case .integer(let value): value.databaseValue
        case .real(let value): value.databaseValue
        case .text(let value): value.databaseValue
        case .blob(let bytes): Data(bytes).databaseValue
        }
    }
}
