import Foundation
import Persistence

/// A store (SQLite or PostgreSQL), keeping every statement the service runs on it (GRDB's `sqlQueries`, over
/// the store contract). On SQLite, `dialect` may be set to `.postgres` so that the service's PostgreSQL branches
/// run — on SQLite, which accepts what they write.
final class RecordingStore: ServiceStore, @unchecked Sendable {
    let base: any ServiceStore
    let dialect: SQLDialect
    private let lock = NSLock()
    private var statements: [String] = []

    init(_ base: any ServiceStore, dialect: SQLDialect? = nil) {
        self.base = base
        self.dialect = dialect ?? base.dialect
    }

    var location: String { base.location }
    /// Every statement so far, in order.
    var sql: [String] { lock.withLock { statements } }
    func clear() { lock.withLock { statements.removeAll() } }
    fileprivate func record(_ sql: String) { lock.withLock { statements.append(sql) } }

    func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try base.read { try body(RecordingTransaction($0, self)) }
    }

    func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try base.write { try body(RecordingTransaction($0, self)) }
    }

    func closeConnections() { base.closeConnections() }
}

private final class RecordingTransaction: StoreTransaction {
    let base: any StoreTransaction
    let store: RecordingStore

    init(_ base: any StoreTransaction, _ store: RecordingStore) {
        self.base = base
        self.store = store
    }

    var dialect: SQLDialect { store.dialect }

    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        store.record(sql)
        return try base.execute(sql, arguments)
    }

    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        store.record(sql)
        return try base.fetchAll(sql, arguments)
    }
}
