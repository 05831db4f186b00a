import Foundation
import Persistence

/// Where a PostgreSQL database is: `postgres://user[:password]@host[:port]/database[?sslmode=require]`, as
/// `--db` and `BAOKAO_DB` take it (`postgresql://` too).
///
/// The password may instead come from `PGPASSWORD`, as with `psql`, so that it need not appear on a command
/// line every user of the machine can read (`ps`). `redacted` is the URL without the password, for logs.
/// `sslmode=require` connects over TLS and verifies the server's certificate and name against the system's
/// trust roots (libpq's `verify-full`); the default, `disable`, is for a server on loopback or a private network.
public struct PostgresURL: Sendable, Equatable {
    public var user: String
    public var password: String?
    public var host: String
    public var port: Int
    public var database: String
    public var requiresTLS: Bool

    public static let defaultPort = 5432

    public init(user: String, password: String? = nil, host: String, port: Int = PostgresURL.defaultPort, database: String,
                requiresTLS: Bool = false) {
        self.user = user
        self.password = password
        self.host = host
        self.port = port
        self.database = database
        self.requiresTLS = requiresTLS
    }

    /// Parses `text`; a password missing from the URL is taken from `environment["PGPASSWORD"]`.
    public init(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        let schemes = ["postgres://", "postgresql://"]
        guard let scheme = schemes.first(where: { text.hasPrefix($0) }) else {
            throw PostgresURLError(text, "it does not start with postgres:// or postgresql://")
        }
        let rest = text.dropFirst(scheme.count)
        guard let slash = rest.firstIndex(of: "/") else {
            throw PostgresURLError(text, "no database: expected postgres://user@host:port/database")
        }
        let authority = rest[..<slash]
        var path = rest[rest.index(after: slash)...]
        var requiresTLS = false
        if let question = path.firstIndex(of: "?") {
            for option in path[path.index(after: question)...].split(separator: "&") {
                switch option {
                case "sslmode=disable": requiresTLS = false
                case "sslmode=require", "sslmode=verify-full": requiresTLS = true
                default:
                    throw PostgresURLError(text, "the option “\(option)” is not understood (only sslmode=disable or sslmode=require)")
                }
            }
            path = path[..<question]
        }
        guard !path.contains("/"), !path.contains("#") else {
            throw PostgresURLError(text, "the database name may not hold '/' or '#'")
        }
        guard let database = String(path).removingPercentEncoding, !database.isEmpty else {
            throw PostgresURLError(text, "no database: expected postgres://user@host:port/database")
        }
        guard let at = authority.lastIndex(of: "@") else {
            throw PostgresURLError(text, "no user: expected postgres://user@host:port/database")
        }
        let credentials = authority[..<at]
        let server = authority[authority.index(after: at)...]
        let userPart: Substring
        var password: String?
        if let colon = credentials.firstIndex(of: ":") {
            userPart = credentials[..<colon]
            guard let decoded = String(credentials[credentials.index(after: colon)...]).removingPercentEncoding else {
                throw PostgresURLError(text, "the password is not valid percent-encoding")
            }
            password = decoded
        } else {
            userPart = credentials
        }
        guard let user = String(userPart).removingPercentEncoding, !user.isEmpty else {
            throw PostgresURLError(text, "no user: expected postgres://user@host:port/database")
        }
        var host = String(server)
        var port = PostgresURL.defaultPort
        // `[::1]:5432` for IPv6, `host:5432` otherwise.
        if host.hasPrefix("[") {
            guard let close = host.firstIndex(of: "]") else { throw PostgresURLError(text, "an IPv6 host must be closed by ']'") }
            let after = host[host.index(after: close)...]
            let inner = String(host[host.index(after: host.startIndex)..<close])
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw PostgresURLError(text, "unexpected text after the IPv6 host") }
                port = try PostgresURL.port(String(after.dropFirst()), in: text)
            }
            host = inner
        } else if let colon = host.lastIndex(of: ":") {
            port = try PostgresURL.port(String(host[host.index(after: colon)...]), in: text)
            host = String(host[..<colon])
        }
        guard !host.isEmpty else { throw PostgresURLError(text, "no host: expected postgres://user@host:port/database") }
        self.init(user: user, password: password ?? environment["PGPASSWORD"], host: host, port: port, database: database,
                  requiresTLS: requiresTLS)
    }

    private static func port(_ text: String, in url: String) throws -> Int {
        guard let port = Int(text), (1...65_535).contains(port) else {
            throw PostgresURLError(url, "the port “\(text)” is not a number from 1 to 65535")
        }
        return port
    }

    /// The URL without its password, safe to log.
    public var redacted: String {
        let shownHost = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(shownHost):\(port)/\(database)" + (requiresTLS ? "?sslmode=require" : "")
    }

    /// The same server and user, another database (the tests' admin connection makes one database per test).
    public func with(database: String) -> PostgresURL {
        var copy = self
        copy.database = database
        return copy
    }
}

/// A `--db` value that is not a PostgreSQL URL; the message says what is wrong without repeating a password.
public struct PostgresURLError: Error, CustomStringConvertible, Equatable {
    public let description: String

    init(_ url: String, _ why: String) {
        description = "not a PostgreSQL URL (\(PostgresURLError.withoutPassword(url))): \(why)"
    }

    /// `url` with whatever sits between the user's `:` and the `@` replaced by `***`.
    static func withoutPassword(_ url: String) -> String {
        guard let schemeEnd = url.range(of: "://"), let at = url.range(of: "@", options: .backwards),
              schemeEnd.upperBound <= at.lowerBound,
              let colon = url[schemeEnd.upperBound..<at.lowerBound].firstIndex(of: ":") else { return url }
        return String(url[..<url.index(after: colon)]) + "***" + String(url[at.lowerBound...])
    }
}
