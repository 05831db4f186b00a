import Foundation
import GRDB
import Vocabulary

/// Password recovery (seed manual, figures 2-5 to 2-9), built so that no answer tells a stranger whether an
/// ID number is registered: an unknown name and ID number still get a question (a decoy, the same one every
/// time, picked with the instance's secret), and every failure later on is the same `recovery-failed`.
enum Recovery {
    static let decoyQuestions = ["您母亲的姓名是？", "您父亲的姓名是？", "您的出生地是？", "您小学的校名是？",
                                 "您配偶的姓名是？", "您最喜欢的一本书是？", "您的高中班主任姓名是？"]

    /// The secret of this database, made on first use and kept in `setting`.
    static func instanceSecret(_ db: Database) throws -> String {
        if let secret = try String.fetchOne(db, sql: "SELECT value FROM setting WHERE key = 'instance-secret'") { return secret }
        let secret = Secrets.newToken()
        try db.execute(sql: "INSERT INTO setting (key, value) VALUES ('instance-secret', ?)", arguments: [secret])
        return secret
    }

    static func decoyQuestion(for document: IdentityDocument, name: PersonName, _ db: Database) throws -> String {
        let mac = Secrets.hmac(key: try instanceSecret(db), "\(document.type.rawValue)|\(document.number)|\(name.value)")
        return decoyQuestions[Int(mac[0]) % decoyQuestions.count]
    }

    static var failed: DomainError {
        DomainError(.recoveryFailed, "信息核对未通过：请检查姓名、证件号码、手机号、验证码或答案是否正确")
    }

    /// A one-time reset token for `account.resetPassword`.
    static func issueResetToken(for account: Account, in context: RequestContext) throws -> ResetToken {
        var token = Secrets.newToken()
        if context.configuration.demoMode {
            let n = try Int.fetchOne(context.db, sql: "SELECT COUNT(*) FROM resetToken WHERE accountId = ?", arguments: [account.id]) ?? 0
            token = "demo-reset-\(account.username)-\(n + 1)"
        }
        let expiresAt = context.now.addingTimeInterval(context.configuration.resetTokenLifetime)
        try context.db.execute(sql: "INSERT INTO resetToken (tokenHash, accountId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                               arguments: [Secrets.sha256Hex(token), account.id, context.now, expiresAt])
        return ResetToken(token: token, expiresAt: expiresAt)
    }

    /// Name and document of the candidate who asks.
    struct Identity {
        let name: PersonName
        let document: IdentityDocument
        init(from params: ParamReader) throws(RPCError) {
            name = try params.value("name") { try PersonName($0) }
            document = try Credentials.document(params, today: params.today)
        }
    }
}

public struct ResetToken: RPCResult {
    let token: String
    let expiresAt: Date
    public var json: JSONValue {
        ["resetToken": .string(token), "expiresAt": .string(ServiceLog.timestamp(expiresAt)), "next": "reset-password"]
    }
}

/// `account.recoverByQuestion`, in two steps: name and ID → the recovery question; the same with `answer`
/// → a reset token. Answers are compared after trimming and case folding, against a scrypt hash. Five
/// wrong answers close recovery by question for fifteen minutes (answered the same way, so it tells nothing).
public enum AccountRecoverByQuestion: RPCMethod {
    public static let name = "account.recoverByQuestion"

    public struct Params: RPCParams {
        let identity: Recovery.Identity
        let answer: String?
        public init(from params: ParamReader) throws(RPCError) {
            identity = try Recovery.Identity(from: params)
            answer = try params.optionalString("answer")
        }
    }

    public enum Result: RPCResult {
        case question(String)
        case token(ResetToken)
        public var json: JSONValue {
            switch self {
            case .question(let question): ["question": .string(question), "next": "answer"]
            case .token(let token): token.json
            }
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let db = context.db, configuration = context.configuration
        let account = try Account.find(document: params.identity.document, name: params.identity.name, db)
        guard let answer = params.answer else {
            if let account { return .question(account.recoveryQuestion) }
            return .question(try Recovery.decoyQuestion(for: params.identity.document, name: params.identity.name, db))
        }
        guard var account else {
            _ = Secrets.verifyPassword(answer, against: try Secrets.hashPassword("", parameters: configuration.scrypt))
            throw Recovery.failed
        }
        context.act(asAccount: account.id!)
        if let until = account.recoveryLockedUntil, until > context.now { throw Recovery.failed }
        guard Secrets.verifyPassword(Secrets.normalizedAnswer(answer), against: account.recoveryAnswerHash) else {
            account.recoveryFailures += 1
            if account.recoveryFailures >= configuration.loginFailuresBeforeLock {
                account.recoveryFailures = 0
                account.recoveryLockedUntil = context.now.addingTimeInterval(configuration.lockDuration)
            }
            account.updatedAt = context.now
            try account.update(db)
            try context.audit("account.recovery-failed", subject: account.subject, detail: ["by": "question"])
            throw Recovery.failed
        }
        account.recoveryFailures = 0
        account.recoveryLockedUntil = nil
        try account.update(db)
        let token = try Recovery.issueResetToken(for: account, in: context)
        try context.audit("account.recover", subject: account.subject, detail: ["by": "question"])
        return .token(token)
    }
}

/// `account.recoverBySms`: name, ID, the bound phone and a `recover` code sent to it → a reset token.
public enum AccountRecoverBySms: RPCMethod {
    public static let name = "account.recoverBySms"

    public struct Params: RPCParams {
        let identity: Recovery.Identity
        let phone: MobileNumber
        let smsCode: String
        public init(from params: ParamReader) throws(RPCError) {
            identity = try Recovery.Identity(from: params)
            phone = try params.value("phone") { try MobileNumber($0) }
            smsCode = try params.string("smsCode")
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> ResetToken {
        context.log("phone", params.phone.masked)
        // The code first: a wrong one counts towards burning it whoever is asked about.
        try SMSCode.consume(phone: params.phone, purpose: .recover, code: params.smsCode, in: context)
        guard let account = try Account.find(document: params.identity.document, name: params.identity.name, context.db),
              account.phone == params.phone.value
        else { throw Recovery.failed }
        context.act(asAccount: account.id!)
        let token = try Recovery.issueResetToken(for: account, in: context)
        try context.audit("account.recover", subject: account.subject, detail: ["by": "sms"])
        return token
    }
}

/// `account.resetPassword`: a reset token (single use, 30 minutes) and the new password. Ends every
/// session and lifts a login lock.
public enum AccountResetPassword: RPCMethod {
    public static let name = "account.resetPassword"

    public struct Params: RPCParams {
        let resetToken: String
        let newPassword: String
        public init(from params: ParamReader) throws(RPCError) {
            resetToken = try params.string("resetToken")
            newPassword = try params.string("newPassword")
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        let db = context.db
        let hash = Secrets.sha256Hex(params.resetToken)
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM resetToken WHERE tokenHash = ?", arguments: [hash]),
              row["usedAt"] as Date? == nil, (row["expiresAt"] as Date) > context.now,
              var account = try Account.fetchOne(db, key: row["accountId"] as Int64)
        else { throw DomainError(.resetTokenInvalid, "密码重置链接已失效，请重新找回密码") }
        try Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)
        context.act(asAccount: account.id!)
        try db.execute(sql: "UPDATE resetToken SET usedAt = ? WHERE tokenHash = ?", arguments: [context.now, hash])
        account.passwordHash = try Secrets.hashPassword(params.newPassword, parameters: context.configuration.scrypt)
        account.failedLogins = 0
        account.lockedUntil = nil
        account.updatedAt = context.now
        try account.update(db)
        try Sessions.endAll(of: account.id!, in: context)
        try context.audit("account.resetPassword", subject: account.subject)
        return Done()
    }
}
