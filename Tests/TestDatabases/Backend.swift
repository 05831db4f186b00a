import Foundation
import Persistence
import PostgresStore

/// The two stores a test runs against. PostgreSQL is not optional: without `BAOKAO_TEST_POSTGRES` (set by
/// `scripts/with-postgres`, which `make test` runs the tests under) its tests fail, never skip.
public enum Backend: String, CaseIterable, Sendable, CustomStringConvertible {
    case sqlite
    case postgres

    public var description: String { rawValue }

    /// The SQL its store speaks.
    public var dialect: SQLDialect {
        switch self {
        case .sqlite: .sqlite
        case .postgres: .postgres
        }
    }
}

/// A fresh, empty database of one backend, and a way to open stores on it (several, as several processes or
/// instances would). Everything opened is closed and the database removed when `body` returns.
public func withFreshDatabase<T>(_ backend: Backend, sqliteLockWait: TimeInterval = Store.defaultLockWait,
                                 _ body: (_ open: () throws -> any ServiceStore) throws -> T) throws -> T {
    let database = try FreshDatabase(backend)
    defer { database.remove() }
    return try body { try database.open(sqliteLockWait: sqliteLockWait) }
}

/// One store on a fresh database.
public func withFreshStore<T>(_ backend: Backend, _ body: (any ServiceStore) throws -> T) throws -> T {
    try withFreshDatabase(backend) { open in try body(try open()) }
}

/// A fresh, empty database of one backend that lives as long as the object (or until `remove()`): for a test
/// fixture that outlives one closure, such as a service driver. SQLite: a file in a temporary folder of its
/// own; PostgreSQL: a database of its own on the test server (tests run in parallel).
public final class FreshDatabase: @unchecked Sendable {
    public let backend: Backend
    /// The SQLite file's path, or the PostgreSQL database's URL.
    public let location: String
    private let lock = NSLock()
    private var opened: [any ServiceStore] = []
    private var removed = false
    private let folder: URL?
    private let postgres: (admin: PostgresURL, url: PostgresURL)?

    public init(_ backend: Backend) throws {
        self.backend = backend
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            self.folder = folder
            postgres = nil
            location = folder.appendingPathComponent("store.sqlite").path
        case .postgres:
            let admin = try TestPostgres.adminURL()
            let url = try TestPostgres.createDatabase(on: admin)
            folder = nil
            postgres = (admin, url)
            location = url.redacted
        }
    }

    /// The PostgreSQL database's URL (nil for SQLite).
    public var postgresURL: PostgresURL? { postgres?.url }

    /// A new store on the database (migrating it, the first time). Closed by `remove()`.
    public func open(sqliteLockWait: TimeInterval = Store.defaultLockWait) throws -> any ServiceStore {
        let store: any ServiceStore
        switch backend {
        case .sqlite: store = try Store(path: location, lockWait: sqliteLockWait)
        case .postgres: store = try PostgresStore(url: postgres!.url)
        }
        lock.withLock { opened.append(store) }
        return store
    }

    /// Closes every store opened on it and removes the database. Idempotent.
    public func remove() {
        let stores: [any ServiceStore]? = lock.withLock {
            if removed { return nil }
            removed = true
            defer { opened = [] }
            return opened
        }
        guard let stores else { return }
        for store in stores { store.closeConnections() }
        if let folder { try? FileManager.default.removeItem(at: folder) }
        if let postgres { try? TestPostgres.dropDatabase(postgres.url.database, on: postgres.admin) }
    }

    deinit { remove() }
}
