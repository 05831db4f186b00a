import Foundation
import Persistence

/// `account.login`: username, password and captcha → a session (seed manual, section 2).
///
/// Five wrong passwords in a row lock the account for fifteen minutes. The result tells the front end
/// where the manual sends the candidate next: the photo page when no photo is on file, the education page
/// for an account taken over from the old system without education records, else the list of exams.
///
/// Whether a username exists is never told: an unknown one costs the same one hash (against a decoy with
/// today's parameters), and its failures are counted and locked the same way (`LoginLockout`), so the
/// answers — `remainingAttempts`, then `account-locked` — are the same.
///
/// The hash is checked in `prepare`, outside the write lock; `apply` re-reads the account and, when its
/// password changed meanwhile or it appeared or went, has the whole login run again.
public enum AccountLogin: PreparedRPCMethod {
    public static let name = "account.login"

    public struct Params: RPCParams {
        let username: String
        let password: String
        let captcha: Captcha

        public init(from params: ParamReader) throws(RPCError) {
            username = try params.string("username").trimmingCharacters(in: .whitespaces)
            password = try params.string("password")
            captcha = try Captcha(from: params)
        }
    }

    public struct Prepared {
        let params: Params
        /// The account as read before hashing, nil for an unknown username.
        let account: Account?
        let password: SecretCheck
        /// A hash with today's parameters, when the password matched a hash made with others.
        let upgradedHash: String?
    }

    public struct Result: RPCResult {
        let token: String
        let expiresAt: Date
        let photoRequired: Bool
        let mustCompleteEducation: Bool
        let account: Account

        public var json: JSONValue {
            let next = mustCompleteEducation ? "complete-education" : photoRequired ? "upload-photo" : "choose-exam"
            return ["token": .string(token), "expiresAt": .string(ServiceLog.timestamp(expiresAt)),
                    "photoRequired": .bool(photoRequired), "mustCompleteEducation": .bool(mustCompleteEducation),
                    "next": .string(next), "account": AccountProfile.summary(account)]
        }
    }

    public static func captcha(_ params: Params) -> Captcha? { params.captcha }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        let parameters = context.configuration.scrypt
        let account = try context.read { tx in try Account.find(username: params.username, tx) }
        // Exactly one hash whatever the username, locked or not.
        let password = SecretCheck(params.password, against: account?.passwordHash, decoy: parameters)
        // A hash made with other parameters than today's is remade now that the password is known: raising
        // the cost in the configuration upgrades every account at its next login.
        let upgraded = password.matches && !Secrets.usesParameters(account!.passwordHash, parameters)
            ? try Secrets.hashPassword(params.password, parameters: parameters) : nil
        return Prepared(params: params, account: account, password: password, upgradedHash: upgraded)
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result {
        let tx = context.tx, configuration = context.configuration
        let current = try Account.find(username: prepared.params.username, tx)
        guard current?.id == prepared.account?.id else { throw PreparationStale("account") }
        try prepared.password.requireUnchanged(current?.passwordHash, "account.passwordHash")
        guard var account = current else {
            throw try LoginLockout.failUnknown(username: prepared.params.username, in: context)
        }
        context.act(asAccount: account.id!)
        if let until = account.lockedUntil, until > context.now {
            throw LoginLockout.locked(until: until, configuration: configuration)
        }
        guard prepared.password.matches else {
            let refusal = LoginLockout.fail(&account.failedLogins, &account.lockedUntil, now: context.now, configuration: configuration)
            account.updatedAt = context.now
            try account.update(tx)
            if refusal.code == .accountLocked {
                try context.audit("account.lock", subject: account.subject, detail: ["until": refusal.details["lockedUntil"] ?? .null])
            } else {
                try context.audit("account.login-failed", subject: account.subject)
            }
            throw refusal
        }
        if account.failedLogins != 0 || account.lockedUntil != nil || prepared.upgradedHash != nil {
            account.failedLogins = 0
            account.lockedUntil = nil
            if let upgraded = prepared.upgradedHash { account.passwordHash = upgraded }
            account.updatedAt = context.now
            try account.update(tx)
        }
        let token = try Sessions.open(for: account, in: context)
        try context.audit("account.login", subject: account.subject)
        return Result(token: token, expiresAt: context.now.addingTimeInterval(configuration.sessionIdleTimeout),
                      photoRequired: try account.photoRequired(tx),
                      mustCompleteEducation: try account.recordCount(.education, tx) == 0,
                      account: account)
    }
}

/// Five wrong passwords in a row lock a username for fifteen minutes — an account's in its own row, an
/// unknown username's in `loginThrottle` — with the same answers either way.
enum LoginLockout {
    /// Counts one failure; returns the refusal to answer (`login-failed` with `remainingAttempts`, or
    /// `account-locked` at the fifth).
    static func fail(_ failures: inout Int, _ lockedUntil: inout Date?, now: Date, configuration: ServiceConfiguration) -> DomainError {
        failures += 1
        if failures >= configuration.loginFailuresBeforeLock {
            failures = 0
            lockedUntil = now.addingTimeInterval(configuration.lockDuration)
            return locked(until: lockedUntil!, configuration: configuration)
        }
        let remaining = configuration.loginFailuresBeforeLock - failures
        return DomainError(.loginFailed, "用户名或密码错误，再错\(remaining)次账号将被锁定\(Int(configuration.lockDuration / 60))分钟",
                           ["remainingAttempts": .int(remaining)])
    }

    static func locked(until: Date, configuration: ServiceConfiguration) -> DomainError {
        DomainError(.accountLocked, "密码连续输错\(configuration.loginFailuresBeforeLock)次，账号已锁定，请\(Int(configuration.lockDuration / 60))分钟后再试或使用密码找回",
                    ["lockedUntil": .string(ServiceLog.timestamp(until))])
    }

    /// A failed login of a username without an account: counted in `loginThrottle`, under the username with
    /// ASCII letters in lower case (the rule the username's uniqueness follows), so that `Alice` and `alice`
    /// count as one on either engine. Rows untouched for a day are dropped as others are written, so sprayed
    /// usernames do not pile up.
    static func failUnknown(username: String, in context: RequestContext) throws -> DomainError {
        let tx = context.tx, configuration = context.configuration
        let key = throttleKey(username)
        let row = try tx.fetchOne("SELECT failures, lockedUntil FROM loginThrottle WHERE username = ?", key)
        var failures = try row?.int("failures") ?? 0
        var lockedUntil = try row?.optionalDate("lockedUntil")
        if let until = lockedUntil, until > context.now { return locked(until: until, configuration: configuration) }
        let refusal = fail(&failures, &lockedUntil, now: context.now, configuration: configuration)
        try tx.execute("""
            INSERT INTO loginThrottle (username, failures, lockedUntil, updatedAt) VALUES (?, ?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil, updatedAt = excluded.updatedAt
            """, key, failures, lockedUntil, context.now)
        try tx.execute("DELETE FROM loginThrottle WHERE updatedAt < ?", context.now.addingTimeInterval(-24 * 3600))
        try context.audit(refusal.code == .accountLocked ? "account.lock" : "account.login-failed", detail: ["username": "unknown"])
        return refusal
    }

    /// `username` with `A`–`Z` as `a`–`z` and nothing else changed: SQLite's `NOCASE`, which the table's key
    /// was declared with, so rows written before this key was folded are still found.
    static func throttleKey(_ username: String) -> String {
        String(decoding: username.utf8.map { (0x41...0x5A).contains($0) ? $0 + 0x20 : $0 }, as: UTF8.self)
    }
}

/// `account.logout`: ends the session.
public enum AccountLogout: RPCMethod {
    public static let name = "account.logout"
    public typealias Params = SessionParams

    public static func perform(_ params: SessionParams, in context: RequestContext) throws -> Done {
        let account = try Sessions.account(token: params.session.token, in: context, touch: false)
        try context.tx.execute("UPDATE session SET endedAt = ? WHERE tokenHash = ?", context.now, Secrets.sha256Hex(params.session.token))
        try context.audit("account.logout", subject: account.subject)
        return Done()
    }
}

/// Params of a method that needs only the session.
public struct SessionParams: RPCParams {
    let session: SessionToken
    public init(from params: ParamReader) throws(RPCError) { session = try SessionToken(from: params) }
}
