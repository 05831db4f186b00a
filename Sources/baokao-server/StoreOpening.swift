import Persistence
import PostgresStore

/// THE one place where `baokao-server` turns `--db` into a store: `postgres://…` (or `postgresql://…`) is
/// PostgreSQL, shared by every instance started on the same URL; anything else is a SQLite file (created and
/// migrated when missing). The routes reach the store only through the service, and `/ready` only through
/// `ServiceStore.read`, so nothing else in the server knows which one it is.
///
/// A PostgreSQL pool gets one connection per worker thread and a spare: each worker runs one request at a time,
/// and the spare keeps `/ready` answering while every worker is busy.
func openStore(_ spec: String, workers: Int) throws -> any ServiceStore {
    if isPostgresURL(spec) {
        return try PostgresStore(url: spec, connections: workers + 1)
    }
    return try Store(path: spec)
}

/// Whether `--db` names a PostgreSQL server rather than a file.
func isPostgresURL(_ spec: String) -> Bool {
    spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://")
}
