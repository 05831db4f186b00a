import Foundation
import Persistence
import Vocabulary

/// Password recovery (seed manual, figures 2-5 to 2-9), built so that no answer tells a stranger whether an
/// ID number is registered: an unknown name and ID number still get a question (a decoy, the same one every
/// time, picked with the instance's secret), and every failure later on is the same `recovery-failed`.
///
/// The decoy can only pass for a real question because real ones come from the same list: the manual has
/// the candidate *choose* a question (选择密码找回类型, section 3). A question written before the list existed is
/// never shown (the decoy is, and such an account recovers by SMS).
enum Recovery {
    /// The questions a candidate chooses from, at registration and in `account.updateRecoveryQuestion`.
    static let questions = ["您母亲的姓名是？", "您父亲的姓名是？", "您的出生地是？", "您小学的校名是？",
                            "您配偶的姓名是？", "您最喜欢的一本书是？", "您的高中班主任姓名是？"]

    /// A question from the list (blanks trimmed, ASCII `?` read as `？`), or `-32602 question-unknown`.
    static func question(_ params: ParamReader, key: String) throws(RPCError) -> String {
        let text = try params.string(key).trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "?", with: "？")
        guard questions.contains(text) else {
            throw .invalidParams(field: params.path(key), code: "question-unknown",
                                 message: "请从以下密码找回问题中选择一个：" + questions.joined(separator: "、"))
        }
        return text
    }

    /// The identity asked about, keyed with the instance secret: what failures are counted under.
    static func identityKey(_ document: IdentityDocument, _ name: PersonName, _ tx: any StoreTransaction) throws -> String {
        try InstanceSecret.digest("recovery", "\(document.type.rawValue)|\(document.number)|\(name.value)", tx)
    }

    static func decoyQuestion(for document: IdentityDocument, name: PersonName, _ tx: any StoreTransaction) throws -> String {
        let mac = Secrets.hmac(key: try InstanceSecret.read(tx), "\(document.type.rawValue)|\(document.number)|\(name.value)")
        return questions[Int(mac[0]) % questions.count]
    }

    static var failed: DomainError {
        DomainError(.recoveryFailed, "信息核对未通过：请检查姓名、证件号码、手机号、验证码或答案是否正确")
    }

    /// A one-time reset token for `account.resetPassword`.
    static func issueResetToken(for account: Account, in context: RequestContext) throws -> ResetToken {
        var token = Secrets.newToken()
        if context.configuration.demoMode {
            let n = try context.tx.fetchCount("SELECT COUNT(*) FROM resetToken WHERE accountId = ?", account.id)
            token = "demo-reset-\(account.username)-\(n + 1)"
        }
        let expiresAt = context.now.addingTimeInterval(context.configuration.resetTokenLifetime)
        try context.tx.execute("INSERT INTO resetToken (tokenHash, accountId, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                               Secrets.sha256Hex(token), account.id, context.now, expiresAt)
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
/// (and a captcha) → a reset token. Answers are compared after trimming and case folding, against a scrypt
/// hash. Both steps answer, take and write the same whether or not the identity is registered: one hash per
/// answer (a stand-in hash for strangers), and five wrong answers close recovery by question for fifteen
/// minutes for the identity asked about, registered or not.
/// The answer is checked in `prepare`, outside the write lock.
public enum AccountRecoverByQuestion: PreparedRPCMethod {
    public static let name = "account.recoverByQuestion"

    public struct Params: RPCParams {
        let identity: Recovery.Identity
        let answer: String?
        let captcha: Captcha
        public init(from params: ParamReader) throws(RPCError) {
            identity = try Recovery.Identity(from: params)
            answer = try params.optionalString("answer")
            captcha = try Captcha(from: params)
        }
    }

    /// Only answers need a captcha: asking for the question tells nothing.
    public static func captcha(_ params: Params) -> Captcha? { params.answer == nil ? nil : params.captcha }

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

    public struct Prepared {
        let params: Params
        /// The account's id as read before hashing, nil for an unknown identity.
        let accountID: Int64?
        /// The answer checked (one hash, a stand-in's for strangers), when there was one.
        let answer: SecretCheck?
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        let identity = params.identity
        let account = try context.read { tx in try Account.find(document: identity.document, name: identity.name, tx) }
        // One hash whatever happens, so that neither a stranger nor a lock answers sooner.
        let answer = params.answer.map {
            SecretCheck(Secrets.normalizedAnswer($0), against: account?.recoveryAnswerHash, decoy: context.configuration.scrypt)
        }
        return Prepared(params: params, accountID: account?.id, answer: answer)
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result {
        let tx = context.tx, configuration = context.configuration, params = prepared.params
        let document = params.identity.document, name = params.identity.name
        let account = try Account.find(document: document, name: name, tx)
        guard account?.id == prepared.accountID else { throw PreparationStale("account") }
        guard let answer = prepared.answer else {
            if let account, Recovery.questions.contains(account.recoveryQuestion) { return .question(account.recoveryQuestion) }
            return .question(try Recovery.decoyQuestion(for: document, name: name, tx))
        }
        try answer.requireUnchanged(account?.recoveryAnswerHash, "account.recoveryAnswerHash")
        let identity = try Recovery.identityKey(document, name, tx)
        let row = try tx.fetchOne("SELECT failures, lockedUntil FROM recoveryFailure WHERE identity = ?", identity)
        var lockedUntil = try row?.optionalDate("lockedUntil")
        let locked = lockedUntil.map { $0 > context.now } ?? false
        if let account { context.act(asAccount: account.id!) }
        guard let account, answer.matches, !locked else {
            var failures = (try row?.int("failures") ?? 0) + (locked ? 0 : 1)
            if failures >= configuration.loginFailuresBeforeLock {
                failures = 0
                lockedUntil = context.now.addingTimeInterval(configuration.lockDuration)
            }
            try tx.execute("""
                INSERT INTO recoveryFailure (identity, failures, lockedUntil, updatedAt) VALUES (?, ?, ?, ?)
                ON CONFLICT (identity) DO UPDATE SET failures = excluded.failures, lockedUntil = excluded.lockedUntil, updatedAt = excluded.updatedAt
                """, identity, failures, lockedUntil, context.now)
            try context.audit("account.recovery-failed", subject: account?.subject ?? "identity:" + identity.prefix(12),
                              detail: ["by": "question"])
            throw Recovery.failed
        }
        try tx.execute("DELETE FROM recoveryFailure WHERE identity = ?", identity)
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
        guard let account = try Account.find(document: params.identity.document, name: params.identity.name, context.tx),
              account.phone == params.phone.value
        else { throw Recovery.failed }
        context.act(asAccount: account.id!)
        let token = try Recovery.issueResetToken(for: account, in: context)
        try context.audit("account.recover", subject: account.subject, detail: ["by": "sms"])
        return token
    }
}

/// `account.resetPassword`: a reset token (single use, 30 minutes) and the new password. Ends every
/// session and lifts a login lock. The new password is hashed in `prepare`, outside the write lock.
public enum AccountResetPassword: PreparedRPCMethod {
    public static let name = "account.resetPassword"

    public struct Params: RPCParams {
        let resetToken: String
        let newPassword: String
        public init(from params: ParamReader) throws(RPCError) {
            resetToken = try params.string("resetToken")
            newPassword = try params.string("newPassword")
        }
    }

    public struct Prepared {
        let params: Params
        /// The new password's hash, made when the token named an account and the password suits it.
        let newHash: String?
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        let account = try context.read { tx in
            try tx.fetchOne("SELECT account.* FROM resetToken JOIN account ON account.id = resetToken.accountId WHERE resetToken.tokenHash = ?",
                            Secrets.sha256Hex(params.resetToken)).map(Account.init(row:))
        }
        guard let account,
              (try? Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)) != nil
        else { return Prepared(params: params, newHash: nil) }
        return Prepared(params: params, newHash: try Secrets.hashPassword(params.newPassword, parameters: context.configuration.scrypt))
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Done {
        let tx = context.tx, params = prepared.params
        let hash = Secrets.sha256Hex(params.resetToken)
        guard let row = try tx.fetchOne("SELECT accountId, expiresAt, usedAt FROM resetToken WHERE tokenHash = ?", hash),
              try row.optionalDate("usedAt") == nil, try row.date("expiresAt") > context.now,
              var account = try Account.find(id: try row.int64("accountId"), tx)
        else { throw DomainError(.resetTokenInvalid, "密码重置链接已失效，请重新找回密码") }
        try Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)
        context.act(asAccount: account.id!)
        try tx.execute("UPDATE resetToken SET usedAt = ? WHERE tokenHash = ?", context.now, hash)
        guard let newHash = prepared.newHash else { throw PreparationStale("resetToken") }
        account.passwordHash = newHash
        account.failedLogins = 0
        account.lockedUntil = nil
        account.updatedAt = context.now
        try account.update(tx)
        try Sessions.endAll(of: account.id!, in: context)
        try context.audit("account.resetPassword", subject: account.subject)
        return Done()
    }
}
