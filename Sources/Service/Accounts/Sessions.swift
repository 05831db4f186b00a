import Foundation
import Persistence

/// Login sessions: a random bearer token, of which only the SHA-256 is stored; it lapses after two hours
/// without use (`ServiceConfiguration.sessionIdleTimeout`), twelve hours after login however busy
/// (`sessionLifetime`: a stolen token does not live for ever), or at logout.
enum Sessions {
    /// How stale `lastSeenAt` may get before a request refreshes it: most requests then write nothing.
    static let touchGranularity: TimeInterval = 60

    static func open(for account: Account, in context: RequestContext) throws -> String {
        var token = Secrets.newToken()
        if context.configuration.demoMode {
            let n = try context.tx.fetchCount("SELECT COUNT(*) FROM session WHERE accountId = ?", account.id)
            token = "demo-session-\(account.username)-\(n + 1)"
        }
        try context.tx.execute("INSERT INTO session (tokenHash, accountId, createdAt, lastSeenAt) VALUES (?, ?, ?, ?)",
                               Secrets.sha256Hex(token), account.id, context.now, context.now)
        return token
    }

    /// The account the token belongs to, refreshing the session's idle clock (at most once a minute; a read-only
    /// request leaves the refresh to a short write after its read transaction); refuses an unknown, ended,
    /// idle-expired or too old token, and a released account's, with `session-invalid`.
    static func account(token: String, in context: RequestContext, touch: Bool = true) throws -> Account {
        let hash = Secrets.sha256Hex(token)
        // One query for the session and its account: nearly every request comes through here.
        let row = try context.tx.fetchOne(Sessions.accountOfToken, hash)
        guard let row, try row.optionalDate("sessionEndedAt") == nil,
              case let lastSeenAt = try row.date("sessionLastSeenAt"),
              context.now.timeIntervalSince(lastSeenAt) < context.configuration.sessionIdleTimeout,
              context.now.timeIntervalSince(try row.date("sessionCreatedAt")) < context.configuration.sessionLifetime,
              case let account = try Account(row: row), account.releasedAt == nil
        else {
            throw DomainError(.sessionInvalid, "登录已失效，请重新登录")
        }
        if touch, context.now.timeIntervalSince(lastSeenAt) >= touchGranularity {
            if context.canWrite {
                try refresh(tokenHash: hash, at: context.now, context.tx)
            } else {
                context.pendingSessionTouch = hash
            }
        }
        context.act(asAccount: account.id!)
        return account
    }

    /// The session's clocks (named apart from the account's own `createdAt`) and its account's row.
    static let accountOfToken = """
        SELECT session.createdAt AS sessionCreatedAt, session.lastSeenAt AS sessionLastSeenAt, session.endedAt AS sessionEndedAt,
            account.* FROM session JOIN account ON account.id = session.accountId WHERE session.tokenHash = ?
        """

    /// The account a token would belong to, read without judging the session (in a `prepare`, which must not
    /// refuse on what it reads: `account(token:in:)` judges it in the transaction).
    static func peekAccount(token: String, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne(accountOfToken, Secrets.sha256Hex(token)).map(Account.init(row:))
    }

    /// Moves a session's idle clock to `now` (never back: two processes may refresh it at once).
    static func refresh(tokenHash: String, at now: Date, _ tx: any StoreTransaction) throws {
        try tx.execute("UPDATE session SET lastSeenAt = ? WHERE tokenHash = ? AND lastSeenAt < ?", now, tokenHash, now)
    }

    /// Ends every session of an account (after a password reset), or all but `keeping`.
    static func endAll(of accountID: Int64, keeping token: String? = nil, in context: RequestContext) throws {
        try context.tx.execute("UPDATE session SET endedAt = ? WHERE accountId = ? AND endedAt IS NULL AND tokenHash != ?",
                               context.now, accountID, token.map(Secrets.sha256Hex) ?? "")
    }
}

/// The `token` field of every method a logged-in candidate calls.
struct SessionToken {
    let token: String
    init(from params: ParamReader) throws(RPCError) { token = try params.string("token") }
}
