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
            try statement.execute(arguments: StatementArguments(arguments.map(\.databaseValue)))
            return database.changesCount
        }
    }

    public func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        try SQLiteTransaction.mapping {
            let statement = try database.cachedStatement(sql: sql)
            let columns = StoreColumns(statement.columnNames)
            var rows: [StoreRow] = []
            let cursor = try Row.fetchCursor(statement, arguments: StatementArguments(arguments.map(\.databaseValue)))
            while let row = try cursor.next() {
                rows.append(StoreRow(columns: columns, values: row.databaseValues.map(StoreValue.init)))
            }
            return rows
        }
    }

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

    init(_ value: DatabaseValue) {
        switch value.storage {
        case .null: self = .null
        case .int64(let value): self = .integer(value)
        case .double(let value): self = .real(value)
        case .string(let value): self = .text(value)
        case .blob(let data): self = .blob([UInt8](data))
        }
    }
}
