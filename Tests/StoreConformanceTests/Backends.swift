import Foundation
import Testing
@testable import Persistence
@testable import PostgresStore

/// The two stores the suite runs against. PostgreSQL is not optional: without `BAOKAO_TEST_POSTGRES` (set by
/// `scripts/with-postgres`, which `make test` runs the tests under) its tests fail, never skip.
enum Backend: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite
    case postgres

    var testDescription: String { rawValue }
}

/// A fresh, empty database of one backend, and a way to open stores on it (several, as several processes or
/// instances would). Everything opened is closed and the database removed when `body` returns.
func withFreshDatabase<T>(_ backend: Backend, sqliteLockWait: TimeInterval = Store.defaultLockWait,
                          _ body: (_ open: () throws -> any ServiceStore) throws -> T) throws -> T {
    var opened: [any ServiceStore] = []
    defer { for store in opened { store.closeConnections() } }
    switch backend {
    case .sqlite:
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-conformance-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("store.sqlite").path
        return try body {
            let store = try Store(path: path, lockWait: sqliteLockWait)
            opened.append(store)
            return store
        }
    case .postgres:
        return try TestPostgres.withDatabase { url in
            try body {
                let store = try PostgresStore(url: url)
                opened.append(store)
                return store
            }
        }
    }
}

/// One store on a fresh database.
func withFreshStore<T>(_ backend: Backend, _ body: (any ServiceStore) throws -> T) throws -> T {
    try withFreshDatabase(backend) { open in try body(try open()) }
}

enum TestPostgres {
    struct NotConfigured: Error, CustomStringConvertible {
        let description = "BAOKAO_TEST_POSTGRES is not set: the PostgreSQL tests need a server — run them through "
            + "`make test` or `scripts/with-postgres swift test`"
    }

    /// The server `scripts/with-postgres` started (its `baokao` database is only used to create others).
    static func adminURL() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment["BAOKAO_TEST_POSTGRES"], !text.isEmpty else { throw NotConfigured() }
        return try PostgresURL(text)
    }

    /// Creates an empty database of its own for `body` and drops it afterwards (tests run in parallel).
    static func withDatabase<T>(_ body: (PostgresURL) throws -> T) throws -> T {
        let admin = try adminURL()
        let name = "baokao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let adminStore = try PostgresStore(url: admin, connections: 1, migrate: false)
        defer { adminStore.closeConnections() }
        try adminStore.withSession { _ = try $0.run("CREATE DATABASE \(name)") }
        defer { _ = try? adminStore.withSession { try $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
        return try body(admin.with(database: name))
    }
}

/// Runs `body(i)` for i in 0..<count on `count` threads of their own at once; returns their results in order.
func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = LockedBox([T?](repeating: nil, count: count))
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            let result = body(index)
            results.update { $0[index] = result }
            group.leave()
        }
    }
    group.wait()
    return results.value.map { $0! }
}

final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    init(_ value: Value) { stored = value }
    var value: Value { lock.withLock { stored } }
    func update<R>(_ change: (inout Value) -> R) -> R { lock.withLock { change(&stored) } }
}

/// Runs a write transaction again while it fails `busy`, a bounded number of times (as the service does).
func writeRetrying<T>(_ store: any ServiceStore, attempts: Int = 2000, _ body: (any StoreTransaction) throws -> T) throws -> T {
    var attempt = 0
    while true {
        do {
            return try store.write(body)
        } catch let failure as StoreFailure where failure.isBusy && attempt < attempts {
            attempt += 1
        }
    }
}

/// The smallest valid row of `account`, for tests of its keys and rules.
func insertAccount(_ db: any StoreTransaction, username: String, name: String = "王晓沛", idType: String = "resident-id",
                   idNumber: String, phone: String?) throws {
    let now = Date()
    try db.execute("""
        INSERT INTO account (username, passwordHash, name, idType, idNumber, email, phone, recoveryQuestion,
                             recoveryAnswerHash, createdAt, updatedAt)
        VALUES (?, 'hash', ?, ?, ?, 'a@example.com', ?, 'q', 'h', ?, ?)
        """, username, name, idType, idNumber, phone, now, now)
}

/// The outcome of a throwing call as a value, for `#expect` on which `StoreFailure` it was.
func failure<T>(_ body: () throws -> T) -> StoreFailure? {
    do {
        _ = try body()
        return nil
    } catch let failure as StoreFailure {
        return failure
    } catch {
        return .other("not a StoreFailure: \(error)")
    }
}
