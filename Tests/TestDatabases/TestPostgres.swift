import Foundation
import Persistence
import PostgresNIO
import PostgresStore

/// The PostgreSQL server of a test run: `scripts/with-postgres` starts one and names it in
/// `BAOKAO_TEST_POSTGRES`; each test makes databases of its own on it and drops them afterwards.
public enum TestPostgres {
    public struct NotConfigured: Error, CustomStringConvertible {
        public let description = "BAOKAO_TEST_POSTGRES is not set: the PostgreSQL tests need a server — run them through "
            + "`make test` or `scripts/with-postgres swift test`"
    }

    /// The server `scripts/with-postgres` started (its `baokao` database is only used to create others).
    public static func adminURL() throws -> PostgresURL {
        guard let text = ProcessInfo.processInfo.environment["BAOKAO_TEST_POSTGRES"], !text.isEmpty else { throw NotConfigured() }
        return try PostgresURL(text)
    }

    /// Creates an empty database of its own for `body` and drops it afterwards.
    public static func withDatabase<T>(_ body: (PostgresURL) throws -> T) throws -> T {
        let admin = try adminURL()
        let url = try createDatabase(on: admin)
        defer { try? dropDatabase(url.database, on: admin) }
        return try body(url)
    }

    /// A new, empty database on `admin`'s server; returns its URL.
    public static func createDatabase(on admin: PostgresURL) throws -> PostgresURL {
        let name = "baokao_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        try runOutsideTransaction("CREATE DATABASE \(name)", on: admin)
        return admin.with(database: name)
    }

    /// Drops `name`, ending whatever sessions are still on it.
    public static func dropDatabase(_ name: String, on admin: PostgresURL) throws {
        try runOutsideTransaction("DROP DATABASE IF EXISTS \(name) WITH (FORCE)", on: admin)
    }

    /// `CREATE DATABASE` and `DROP DATABASE` run outside any transaction, which `ServiceStore` has no way to
    /// do: one connection of postgres-nio's own, for one statement.
    static func runOutsideTransaction(_ sql: String, on admin: PostgresURL) throws {
        let logger = Logger(label: "baokao.test-postgres")
        let configuration = PostgresConnection.Configuration(host: admin.host, port: admin.port, username: admin.user,
                                                             password: admin.password, database: admin.database, tls: .disable)
        let connection = try PostgresConnection.connect(on: MultiThreadedEventLoopGroup.singleton.next(), configuration: configuration,
                                                        id: 0, logger: logger).wait()
        defer { try? connection.close().wait() }
        do {
            _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
        } catch {
            throw StoreFailure.other("\(sql): \(String(reflecting: error))")
        }
    }
}
