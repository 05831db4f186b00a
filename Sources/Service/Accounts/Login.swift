import Foundation
import GRDB

/// `account.login`: username, password and captcha → a session (seed manual, section 2).
///
/// Five wrong passwords in a row lock the account for fifteen minutes. The result tells the front end
/// where the manual sends the candidate next: the photo page when no photo is on file, the education page
/// for an account taken over from the old system without education records, else the list of exams.
public enum AccountLogin: RPCMethod {
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

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let db = context.db, configuration = context.configuration
        guard var account = try Account.find(username: params.username, db) else {
            // As slow as a real check, so timing does not tell which usernames exist.
            _ = Secrets.verifyPassword(params.password, against: try Secrets.hashPassword("", parameters: configuration.scrypt))
            throw DomainError(.loginFailed, "用户名或密码错误")
        }
        context.act(asAccount: account.id!)
        if let until = account.lockedUntil, until > context.now {
            throw locked(until: until, configuration: configuration)
        }
        guard Secrets.verifyPassword(params.password, against: account.passwordHash) else {
            account.failedLogins += 1
            account.updatedAt = context.now
            if account.failedLogins >= configuration.loginFailuresBeforeLock {
                let until = context.now.addingTimeInterval(configuration.lockDuration)
                account.failedLogins = 0
                account.lockedUntil = until
                try account.update(db)
                try context.audit("account.lock", subject: account.subject, detail: ["until": .string(ServiceLog.timestamp(until))])
                throw locked(until: until, configuration: configuration)
            }
            try account.update(db)
            try context.audit("account.login-failed", subject: account.subject)
            let remaining = configuration.loginFailuresBeforeLock - account.failedLogins
            throw DomainError(.loginFailed, "用户名或密码错误，再错\(remaining)次账号将被锁定\(Int(configuration.lockDuration / 60))分钟",
                              ["remainingAttempts": .int(remaining)])
        }
        // A hash made with other parameters than today's is remade now that the password is known: raising
        // the cost in the configuration upgrades every account at its next login.
        let rehash = !Secrets.usesParameters(account.passwordHash, configuration.scrypt)
        if account.failedLogins != 0 || account.lockedUntil != nil || rehash {
            account.failedLogins = 0
            account.lockedUntil = nil
            if rehash { account.passwordHash = try Secrets.hashPassword(params.password, parameters: configuration.scrypt) }
            account.updatedAt = context.now
            try account.update(db)
        }
        let token = try Sessions.open(for: account, in: context)
        try context.audit("account.login", subject: account.subject)
        return Result(token: token, expiresAt: context.now.addingTimeInterval(configuration.sessionIdleTimeout),
                      photoRequired: try account.photoRequired(db),
                      mustCompleteEducation: try account.recordCount(.education, db) == 0,
                      account: account)
    }

    static func locked(until: Date, configuration: ServiceConfiguration) -> DomainError {
        DomainError(.accountLocked, "密码连续输错\(configuration.loginFailuresBeforeLock)次，账号已锁定，请\(Int(configuration.lockDuration / 60))分钟后再试或使用密码找回",
                    ["lockedUntil": .string(ServiceLog.timestamp(until))])
    }
}

/// `account.logout`: ends the session.
public enum AccountLogout: RPCMethod {
    public static let name = "account.logout"
    public typealias Params = SessionParams

    public static func perform(_ params: SessionParams, in context: RequestContext) throws -> Done {
        let account = try Sessions.account(token: params.session.token, in: context, touch: false)
        try context.db.execute(sql: "UPDATE session SET endedAt = ? WHERE tokenHash = ?",
                               arguments: [context.now, Secrets.sha256Hex(params.session.token)])
        try context.audit("account.logout", subject: account.subject)
        return Done()
    }
}

/// Params of a method that needs only the session.
public struct SessionParams: RPCParams {
    let session: SessionToken
    public init(from params: ParamReader) throws(RPCError) { session = try SessionToken(from: params) }
}
