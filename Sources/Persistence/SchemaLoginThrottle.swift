import GRDB

extension Schema {
    /// Failed logins of usernames that have no account (issue #13): counted and locked like an account's own
    /// `failedLogins`/`lockedUntil`, so that the answers to a login never tell whether a username exists.
    static func loginThrottle(_ db: Database) throws {
        try db.create(table: "loginThrottle") { t in
            t.primaryKey("username", .text).collate(.nocase)
            t.column("failures", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
            t.column("updatedAt", .datetime).notNull()
        }
        try db.create(index: "loginThrottle_updatedAt", on: "loginThrottle", columns: ["updatedAt"])
    }
}
