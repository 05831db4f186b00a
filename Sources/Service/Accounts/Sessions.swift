import Foundation
import GRDB

/// Login sessions: a random bearer token, of which only the SHA-256 is stored; it lapses after two hours
/// without use (`ServiceConfiguration.sessionIdleTimeout`), twelve hours after login however busy
/// (`sessionLifetime`: a stolen token does not live for ever), or at logout.
enum Sessions {
    /// How stale `lastSeenAt` may get before a request refreshes it: most requests then write nothing.
    static let touchGranularity: TimeInterval = 60

    static func open(for account: Account, in context: RequestContext) throws -> String {
        var token = Secrets.newToken()
        if context.configuration.demoMode {
            let n = try Int.fetchOne(context.db, sql: "SELECT COUNT(*) FROM session WHERE accountId = ?", arguments: [account.id]) ?? 0
            token = "demo-session-\(account.username)-\(n + 1)"
        }
        try context.db.execute(
            sql: "INSERT INTO session (tokenHash, accountId, createdAt, lastSeenAt) VALUES (?, ?, ?, ?)",
            arguments: [Secrets.sha256Hex(token), account.id, context.now, context.now])
        return token
    }

    /// The account the token belongs to, refreshing the session's idle clock (at most once a minute; a read-only
    /// request leaves the refresh to a short write after its read transaction); refuses an unknown, ended,
    /// idle-expired or too old token, and a released account's, with `session-invalid`.
    static func account(token: String, in context: RequestContext, touch: Bool = true) throws -> Account {
        let hash = Secrets.sha256Hex(token)
        // Cached statements: nearly every request comes through here, and compiling SQL (GRDB's authorizer)
        // cost more than running it.
        let row = try Row.fetchOne(context.db.cachedStatement(sql: "SELECT * FROM session WHERE tokenHash = ?"), arguments: [hash])
        guard let row, row["endedAt"] as Date? == nil,
              context.now.timeIntervalSince(row["lastSeenAt"] as Date) < context.configuration.sessionIdleTimeout,
              context.now.timeIntervalSince(row["createdAt"] as Date) < context.configuration.sessionLifetime,
              let account = try Account.fetchOne(context.db.cachedStatement(sql: "SELECT * FROM account WHERE id = ?"),
                                                 arguments: [row["accountId"] as Int64]),
              account.releasedAt == nil
        else {
            throw DomainError(.sessionInvalid, "登录已失效，请重新登录")
        }
        if touch, context.now.timeIntervalSince(row["lastSeenAt"] as Date) >= touchGranularity {
            if context.canWrite {
                try refresh(tokenHash: hash, at: context.now, context.db)
            } else {
                context.pendingSessionTouch = hash
            }
        }
        context.act(asAccount: account.id!)
        return account
    }

    /// The account a token would belong to, read without judging the session (in a `prepare`, which must not
    /// refuse on what it reads: `account(token:in:)` judges it in the transaction).
    static func peekAccount(token: String, _ db: Database) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT account.* FROM session JOIN account ON account.id = session.accountId WHERE session.tokenHash = ?",
                             arguments: [Secrets.sha256Hex(token)])
    }

    /// Moves a session's idle clock to `now` (never back: two processes may refresh it at once).
    static func refresh(tokenHash: String, at now: Date, _ db: Database) throws {
        try db.cachedStatement(sql: "UPDATE session SET lastSeenAt = ? WHERE tokenHash = ? AND lastSeenAt < ?")
            .execute(arguments: [now, tokenHash, now])
    }

    /// Ends every session of an account (after a password reset), or all but `keeping`.
    static func endAll(of accountID: Int64, keeping token: String? = nil, in context: RequestContext) throws {
        try context.db.execute(
            sql: "UPDATE session SET endedAt = ? WHERE accountId = ? AND endedAt IS NULL AND tokenHash != ?",
            arguments: [context.now, accountID, token.map(Secrets.sha256Hex) ?? ""])
    }
}

/// The `token` field of every method a logged-in candidate calls.
struct SessionToken {
    let token: String
    init(from params: ParamReader) throws(RPCError) { token = try params.string("token") }
}
