import ArgumentParser
import Foundation
import Persistence

/// Which databases a program's operator commands may open, and what it calls itself in their messages.
///
/// The commands (`admin …`, `verify-form --db`) are written once, generic over this, and act on
/// `any ServiceStore`: `baokao` opens SQLite files only — it links no networking — while `baokao-server`, which
/// links the PostgreSQL client anyway, also opens `postgres://…`.
public protocol DatabaseOpening {
    /// The program as the operator types it: `baokao`, `baokao-server`.
    static var program: String { get }
    /// `--db` when the operator gave none.
    static var defaultDatabase: String { get }
    /// The help of `--db`.
    static var databaseHelp: String { get }
    /// Opens (migrating) the PostgreSQL database of a `postgres://` URL; nil for a program that cannot.
    static var postgres: (@Sendable (String) throws -> any ServiceStore)? { get }
}

/// `baokao`'s databases: SQLite files. A `postgres://` URL is refused with a pointer at `baokao-server`, rather
/// than created as a SQLite file called `postgres:`.
public enum SQLiteDatabases: DatabaseOpening {
    public static let program = "baokao"
    public static let defaultDatabase = "baokao.sqlite"
    public static let databaseHelp = "The SQLite database of `baokao serve` (default baokao.sqlite; PostgreSQL: the same command of `baokao-server`)."
    public static let postgres: (@Sendable (String) throws -> any ServiceStore)? = nil
}

/// Opening the database named by `--db` for a command, with its failures said on stderr.
public enum CommandDatabase {
    /// Whether `--db` names a PostgreSQL server rather than a file.
    public static func isPostgresURL(_ spec: String) -> Bool {
        spec.hasPrefix("postgres://") || spec.hasPrefix("postgresql://")
    }

    /// Refuses a `postgres://` URL in a command of `baokao` (exit 64), naming what to run instead.
    /// `command` is the command as typed (`baokao serve`), `instead` the `baokao-server` way of doing it.
    public static func refusePostgres(_ spec: String, command: String, instead: String) throws {
        guard isPostgresURL(spec) else { return }
        FileOutput.standardError.write("""
            \(command): --db names a PostgreSQL database (postgres://…); `baokao` opens SQLite files only (it links \
            no networking): use \(instead)\n
            """)
        throw ExitCodes.usage
    }

    /// The store `spec` names, opened for `command` (`baokao admin`): a SQLite file (created and migrated when
    /// missing, unless `mustExist`) or, for a program that can, a PostgreSQL database. A URL the program cannot
    /// open is a usage error (64); a database that cannot be opened an I/O failure (74), its message on stderr
    /// without the URL (which may hold a password).
    public static func open<Database: DatabaseOpening>(_ spec: String, _ database: Database.Type, command: String,
                                                       instead: String, mustExist: Bool = false) throws -> any ServiceStore {
        if isPostgresURL(spec) {
            guard let postgres = Database.postgres else {
                try refusePostgres(spec, command: command, instead: instead)
                throw ExitCodes.usage
            }
            do { return try postgres(spec) } catch {
                FileOutput.standardError.write("\(command): cannot open database: \(error)\n")
                throw ExitCodes.ioFailure
            }
        }
        if mustExist, !FileManager.default.fileExists(atPath: spec) {
            FileOutput.standardError.write("\(command): no database \(spec)\n")
            throw ExitCodes.ioFailure
        }
        do { return try Store(path: spec) } catch {
            FileOutput.standardError.write("\(command): cannot open database \(spec): \(error)\n")
            throw ExitCodes.ioFailure
        }
    }
}
