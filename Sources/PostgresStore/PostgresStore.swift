import Foundation
import Persistence
import PostgresNIO

/// The service's database in PostgreSQL: the store several Baokao instances share (issue #15).
///
/// It keeps the `ServiceStore` contract as SQLite's `Store` does: write transactions are `SERIALIZABLE`, so
/// they behave as if run one after another, and one that PostgreSQL cannot serialise (SQLSTATE 40001, a
/// deadlock 40P01, a lock not available 55P03) — at any statement or at `COMMIT` — fails `StoreFailure.busy` with
/// nothing kept, for the caller to run again. Reads are `REPEATABLE READ READ ONLY`: one snapshot, no locks.
/// `synchronous_commit` is left at PostgreSQL's default (`on`), so a commit is on the server's disk when `write`
/// returns. The schema is brought up to date when the store is opened (`PostgresSchema`).
///
/// Calls block the calling thread (see `ConnectionPool`): the service runs on ordinary worker threads, never on
/// an event loop. The event loops are NIO's shared singleton group.
public final class PostgresStore: ServiceStore {
    public let url: PostgresURL
    private let pool: ConnectionPool
    private let logger: Logger

    /// Default size of the pool: more connections than a 2-to-8-core instance runs requests at once, and few
    /// enough that tens of instances stay under PostgreSQL's default `max_connections` (100).
    public static let defaultConnections = 8
    /// How long a transaction waits for a free connection before `StoreFailure.busy`.
    public static let defaultBorrowWait: TimeInterval = 5
    /// How long one statement may go unanswered before its connection is closed and the transaction fails
    /// `StoreFailure.unavailable`: far beyond any statement of the service, so that only a lost connection hits it.
    public static let defaultAnswerWait: TimeInterval = 60
    let answerWait: TimeInterval

    /// Opens a pool on `url` (`postgres://user[:password]@host[:port]/database`, password also from
    /// `PGPASSWORD`) and migrates the schema. Throws `PostgresURLError` for a malformed URL and
    /// `StoreFailure.unavailable` when the server cannot be reached or refuses the login.
    public convenience init(url: String, connections: Int = PostgresStore.defaultConnections,
                            borrowWait: TimeInterval = PostgresStore.defaultBorrowWait,
                            answerWait: TimeInterval = PostgresStore.defaultAnswerWait) throws {
        try self.init(url: try PostgresURL(url), connections: connections, borrowWait: borrowWait, answerWait: answerWait)
    }

    public init(url: PostgresURL, connections: Int = PostgresStore.defaultConnections,
                borrowWait: TimeInterval = PostgresStore.defaultBorrowWait,
                answerWait: TimeInterval = PostgresStore.defaultAnswerWait, migrate: Bool = true) throws {
        self.url = url
        self.answerWait = answerWait
        let logger = Logger(label: "baokao.postgres")
        self.logger = logger
        let tls: PostgresConnection.Configuration.TLS
        do {
            tls = url.requiresTLS ? .require(try NIOSSLContext(configuration: .makeClientConfiguration())) : .disable
        } catch {
            throw StoreFailure.unavailable("cannot set up TLS for \(url.redacted): \(error)")
        }
        let configuration = {
            var configuration = PostgresConnection.Configuration(
                host: url.host, port: url.port, username: url.user, password: url.password, database: url.database, tls: tls)
            configuration.options.connectTimeout = .seconds(10)
            return configuration
        }()
        let location = url.redacted
        let counter = ConnectionCounter()
        pool = ConnectionPool(capacity: max(1, connections), borrowWait: borrowWait) {
            let connection: PostgresConnection
            do {
                connection = try PostgresConnection.connect(
                    on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                    id: counter.next(), logger: logger
                ).wait()
            } catch {
                throw StoreFailure.unavailable("cannot connect to \(location): \(StoreFailure(postgres: error))")
            }
            do {
                let session = PostgresTransaction(connection, logger: logger, answerWait: answerWait)
                try PostgresStore.insistOnDurableCommits(session)
                try PostgresStore.preferIndexScans(session)
            } catch {
                try? connection.close().wait()
                throw error
            }
            return connection
        }
        if migrate {
            do {
                try PostgresSchema.migrate(self)
            } catch {
                pool.close()
                throw error
            }
        }
    }

    /// The contract says a commit is on disk when `write` returns. A server (or database, or role) configured with
    /// `synchronous_commit = off` would acknowledge commits it could still lose in a crash, so each connection
    /// turns it back on for itself; the stronger settings (`remote_write`, `remote_apply`) are left as they are.
    static func insistOnDurableCommits(_ session: PostgresTransaction) throws {
        try session.run("SELECT set_config('synchronous_commit', 'on', false) WHERE current_setting('synchronous_commit') = 'off'")
    }

    /// Under `SERIALIZABLE`, a sequential scan takes a predicate lock on the whole table, so two transactions
    /// that each scanned a table another writes conflict — every pair of concurrent saves, while the tables are
    /// small enough for the planner to prefer scanning them (a registration window's first hours). PostgreSQL's
    /// documentation advises encouraging index scans; a request's lookups go by key (session token, account,
    /// application) or by an indexed column, so each connection turns sequential scans off — made costly, not
    /// impossible: a query with no usable index still scans.
    static func preferIndexScans(_ session: PostgresTransaction) throws {
        try session.run("SET enable_seqscan = off")
    }

    public var dialect: SQLDialect { .postgres }
    public var location: String { url.redacted }

    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", body)
    }

    public func write<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try transaction(begin: "BEGIN ISOLATION LEVEL SERIALIZABLE", body)
    }

    /// `BEGIN …`, `body`, `COMMIT` on one connection; `ROLLBACK` when `body` throws. The connection goes back to
    /// the pool only when it is known to be outside a transaction again.
    func transaction<T>(begin: String, _ body: (any StoreTransaction) throws -> T) throws -> T {
        try pool.withConnection { connection, reusable in
            let transaction = PostgresTransaction(connection, logger: logger, answerWait: answerWait)
            try transaction.run(begin)
            let result: T
            do {
                result = try body(transaction)
            } catch {
                // Kept only when the rollback worked; otherwise the connection is closed with its transaction.
                reusable = (try? transaction.run("ROLLBACK")) != nil
                throw error
            }
            let commit: PostgresQueryResult
            do {
                commit = try transaction.run("COMMIT")
            } catch let failure as StoreFailure {
                // The server refused the commit (a serialisation failure, a deferred constraint): the transaction
                // is over and rolled back. Otherwise the connection broke and whether it committed is unknown.
                if case .unavailable = failure {} else { reusable = true }
                throw failure
            }
            reusable = true
            // `COMMIT` of a transaction that an earlier, caught error aborted rolls back instead.
            guard commit.metadata.command == "COMMIT" else {
                throw StoreFailure.other("nothing was committed: a statement of the transaction failed earlier "
                                         + "and was not rolled back to a savepoint (PostgreSQL answered \(commit.metadata.command))")
            }
            return result
        }
    }

    public func closeConnections() {
        pool.close()
    }

    /// At least this many tries of a transaction that failed `busy`, whatever the caller's own bound.
    public static let busyAttempts = 12
    /// The longest pause between two tries, in seconds.
    public static let longestBusyPause: TimeInterval = 0.05

    /// PostgreSQL refuses a transaction it cannot serialise at once, not after a wait as SQLite's busy handler
    /// does: the transactions that collided would run again together and collide again. So each try waits a
    /// random pause (full jitter) up to 2 ms, 4 ms, 8 ms … at most `longestBusyPause`, and there are at least
    /// `busyAttempts` tries. Under `SERIALIZABLE`, a read that scans a whole table (PostgreSQL prefers that on
    /// a small one) locks the whole table for the conflict check, so several instances writing at once on
    /// a young database collide often; the scale-out tests (three instances) showed three immediate tries
    /// refusing unrelated saves and registrations `server-busy`.
    public func pauseBeforeRetry(afterBusyAttempt attempt: Int, bound: Int) -> TimeInterval? {
        guard attempt < max(bound, PostgresStore.busyAttempts) else { return nil }
        let ceiling = min(PostgresStore.longestBusyPause, 0.001 * Double(1 << min(attempt, 10)))
        return Double.random(in: 0...ceiling)
    }

    /// A store dropped without `closeConnections()` still closes its idle connections.
    deinit {
        pool.close()
    }

    /// A connection outside any transaction, for the migrations (which take a session-level advisory lock)
    /// and maintenance. `body` must leave no transaction open.
    func withSession<T>(_ body: (PostgresTransaction) throws -> T) throws -> T {
        try pool.withConnection { connection, reusable in
            let result = try body(PostgresTransaction(connection, logger: logger, answerWait: answerWait))
            reusable = true
            return result
        }
    }
}

/// Connection ids for postgres-nio's log metadata.
private final class ConnectionCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var last = 0
    func next() -> Int { lock.withLock { last += 1; return last } }
}

extension StoreFailure {
    /// postgres-nio's errors in the shared terms, by SQLSTATE: serialisation failure (40001), deadlock (40P01)
    /// and lock not available (55P03) are `busy` — run it again; unique violation (23505) is `uniqueViolation`;
    /// the other integrity violations (23xxx: not null, foreign key, check, exclusion) are `constraint`; a
    /// connection that failed, closed or was refused (class 08, 57P0x shutdown, 53300 too many connections) is
    /// `unavailable`.
    init(postgres error: any Error) {
        if let failure = error as? StoreFailure {
            self = failure
            return
        }
        guard let error = error as? PSQLError else {
            self = .unavailable("\(error)")
            return
        }
        if error.code == .server, let info = error.serverInfo {
            let state = info[.sqlState] ?? ""
            var message = "\(info[.message] ?? "server error") [\(state)]"
            if let detail = info[.detail] { message += ": \(detail)" }
            if let constraint = info[.constraintName] { message += " (constraint \(constraint))" }
            switch state {
            case "40001", "40P01", "55P03": self = .busy(message)
            case "23505": self = .uniqueViolation(message)
            case _ where state.hasPrefix("23"): self = .constraint(message)
            case _ where state.hasPrefix("08"), "57P01", "57P02", "57P03", "53300", "28000", "28P01", "3D000":
                self = .unavailable(message)
            default: self = .other(message)
            }
            return
        }
        switch error.code {
        case .connectionError, .serverClosedConnection, .clientClosedConnection, .uncleanShutdown, .sslUnsupported,
             .failedToAddSSLHandler, .receivedUnencryptedDataAfterSSLRequest, .unsupportedAuthMechanism,
             .authMechanismRequiresPassword, .saslError, .poolClosed:
            var message = "\(error.code)"
            if let underlying = error.underlying { message += ": \(underlying)" }
            self = .unavailable(message)
        default:
            self = .other(String(reflecting: error))
        }
    }
}
