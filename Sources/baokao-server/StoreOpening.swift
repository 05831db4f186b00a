import CommandSupport
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
    if CommandDatabase.isPostgresURL(spec) {
        return try PostgresStore(url: spec, connections: workers + 1)
    }
    return try Store(path: spec)
}

/// The databases of `baokao-server` and its operator commands (`baokao-server admin …`, `verify-form`):
/// SQLite files and PostgreSQL, `--db`, else `$BAOKAO_DB`, else `baokao.sqlite`, as for the server itself.
enum ServerDatabases: DatabaseOpening {
    static let program = "baokao-server"
    static let databaseHelp = "The database: a SQLite file or postgres://user@host:port/database (default: $BAOKAO_DB, else baokao.sqlite; the password may come from PGPASSWORD)."
    static let postgres: (@Sendable (String) throws -> any ServiceStore)? = { url in
        // A command runs one transaction at a time: one connection.
        try PostgresStore(url: url, connections: 1)
    }

    static var defaultDatabase: String {
        SecretSources.environment("BAOKAO_DB") ?? "baokao.sqlite"
    }
}
