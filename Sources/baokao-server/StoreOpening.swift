import Persistence

/// THE one place where `baokao-server` turns `--db` into a store.
///
/// Today every spec is a SQLite file (`Store`, created and migrated when missing). When the PostgreSQL module
/// lands, its case goes here first —
/// `if spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://") { return try PostgresStore(url: spec) }` —
/// and nothing else in the server changes: the routes reach the store only through the service, and `/ready`
/// only through `ServiceStore.read`.
func openStore(_ spec: String) throws -> any ServiceStore {
    try Store(path: spec)
}
