import Foundation
import Persistence
import Vocabulary

/// `account.updateRecoveryQuestion` (seed manual 3, 1): a question chosen from the list and its answer, with
/// the current password and a captcha — a stolen session alone cannot set an answer it then recovers with.
/// The password check and the answer's hash are done in `prepare`, outside the write lock.
public enum AccountUpdateRecoveryQuestion: PreparedRPCMethod {
    public static let name = "account.updateRecoveryQuestion"

    public struct Params: RPCParams {
        let session: SessionToken
        let password: String
        let question: String
        let answer: String
        let captcha: Captcha
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            password = try params.string("password")
            question = try Recovery.question(params, key: "question")
            answer = try params.text("answer", maximumLength: 50)
            captcha = try Captcha(from: params)
        }
    }

    public static func captcha(_ params: Params) -> Captcha? { params.captcha }

    public struct Prepared {
        let params: Params
        let password: SecretCheck
        let answerHash: String
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        Prepared(params: params, password: try CurrentPassword.check(params.password, params.session, in: context),
                 answerHash: try Secrets.hashPassword(Secrets.normalizedAnswer(params.answer), parameters: context.configuration.scrypt))
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Done {
        let params = prepared.params
        var account = try Sessions.account(token: params.session.token, in: context)
        try CurrentPassword.require(prepared.password, of: &account, in: context)
        account.recoveryQuestion = params.question
        account.recoveryAnswerHash = prepared.answerHash
        account.updatedAt = context.now
        try account.update(context.tx)
        try context.audit("account.updateRecoveryQuestion", subject: account.subject)
        return Done()
    }
}

/// `account.changePhone` (seed manual 3, 2): the new phone, proven by a `change-phone` code sent to it, and
/// the current password (a stolen session alone cannot move the phone and then recover by SMS). The old
/// phone is told of the change through the outbox. A phone bound to another account is refused — after the
/// code, which such a phone never received (its owner got a notice instead). The password is checked in
/// `prepare`, outside the write lock.
public enum AccountChangePhone: PreparedRPCMethod {
    public static let name = "account.changePhone"

    public struct Params: RPCParams {
        let session: SessionToken
        let password: String
        let phone: MobileNumber
        let smsCode: String
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            password = try params.string("password")
            phone = try params.value("phone") { try MobileNumber($0) }
            smsCode = try params.string("smsCode")
        }
    }

    public struct Result: RPCResult {
        let phone: MobileNumber
        public var json: JSONValue { ["ok": true, "phone": .string(phone.masked)] }
    }

    public struct Prepared {
        let params: Params
        let password: SecretCheck
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        Prepared(params: params, password: try CurrentPassword.check(params.password, params.session, in: context))
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result {
        let params = prepared.params
        var account = try Sessions.account(token: params.session.token, in: context)
        context.log("phone", params.phone.masked)
        try CurrentPassword.require(prepared.password, of: &account, in: context)
        try SMSCode.consume(phone: params.phone, purpose: .changePhone, code: params.smsCode, in: context)
        if let holder = try Account.find(phone: params.phone, context.tx), holder.id != account.id {
            throw DomainError(.phoneAlreadyBound, "该手机号已绑定其他用户，一个手机号只能绑定一个用户", ["field": "phone"])
        }
        let old = account.phone
        account.phone = params.phone.value
        account.updatedAt = context.now
        try account.update(context.tx)
        if let old, old != params.phone.value {
            try SMSOutbox.notify(phone: old, purpose: nil,
                                 "\(SMSSend.signature)您报名账号绑定的手机号已改为\(params.phone.masked)。如非本人操作，请立即通过密码找回重置密码，或联系考试管理机构。", context)
        }
        try context.audit("account.changePhone", subject: account.subject,
                          detail: ["from": account.maskedPhone(old).map(JSONValue.string) ?? .null, "to": .string(params.phone.masked)])
        return Result(phone: params.phone)
    }
}

/// The current password, asked again before a change that would hand the account to whoever holds the
/// session. Wrong ones count with wrong logins: the fifth locks the account and ends its sessions.
enum CurrentPassword {
    /// In `prepare`: the password checked against the hash of the session's account (a decoy when the token
    /// names none), outside the write lock.
    static func check(_ password: String, _ session: SessionToken, in context: PrepareContext) throws -> SecretCheck {
        let account = try context.read { tx in try Sessions.peekAccount(token: session.token, tx) }
        return SecretCheck(password, against: account?.passwordHash, decoy: context.configuration.scrypt)
    }

    /// In the transaction: refuses, counting the failure, unless the checked password matched the hash the
    /// account still has.
    static func require(_ check: SecretCheck, of account: inout Account, in context: RequestContext) throws {
        let configuration = context.configuration
        try check.requireUnchanged(account.passwordHash, "account.passwordHash")
        guard !check.matches else { return }
        account.failedLogins += 1
        account.updatedAt = context.now
        if account.failedLogins >= configuration.loginFailuresBeforeLock {
            let until = context.now.addingTimeInterval(configuration.lockDuration)
            account.failedLogins = 0
            account.lockedUntil = until
            try account.update(context.tx)
            try Sessions.endAll(of: account.id!, in: context)
            try context.audit("account.lock", subject: account.subject, detail: ["until": .string(ServiceLog.timestamp(until))])
            throw LoginLockout.locked(until: until, configuration: configuration)
        }
        try account.update(context.tx)
        try context.audit("account.password-failed", subject: account.subject)
        let remaining = configuration.loginFailuresBeforeLock - account.failedLogins
        throw DomainError(.passwordIncorrect, "当前密码不正确，再错\(remaining)次账号将被锁定", ["field": "password", "remainingAttempts": .int(remaining)])
    }
}

/// `account.updateEducation` (seed manual 3, 3): adds education and degree records. Records are never
/// changed or deleted here (they may already be verified or on a form); at most five of each.
public enum AccountUpdateEducation: RPCMethod {
    public static let name = "account.updateEducation"

    public struct Params: RPCParams {
        let session: SessionToken
        let education: [Qualification]
        let degrees: [Qualification]
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            var education: [Qualification] = []
            for record in try params.objects("education") { education.append(try Qualification(.education, from: record)) }
            var degrees: [Qualification] = []
            for record in try params.objects("degrees") { degrees.append(try Qualification(.degree, from: record)) }
            guard !education.isEmpty || !degrees.isEmpty else {
                throw .invalidParams(field: "education", code: "missing-field", message: "请至少添加一条学历或学位信息")
            }
            self.education = education
            self.degrees = degrees
        }
    }

    public struct Result: RPCResult {
        let education: JSONValue
        let degrees: JSONValue
        public var json: JSONValue { ["education": education, "degrees": degrees] }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let tx = context.tx, id = account.id!
        let haveEducation = try account.recordCount(.education, tx), haveDegrees = try account.recordCount(.degree, tx)
        let limits = context.configuration
        guard haveEducation + params.education.count <= limits.maximumEducationRecords else {
            throw DomainError(.tooManyRecords, "学历信息最多\(limits.maximumEducationRecords)条，已有\(haveEducation)条", ["field": "education"])
        }
        guard haveDegrees + params.degrees.count <= limits.maximumDegreeRecords else {
            throw DomainError(.tooManyRecords, "学位信息最多\(limits.maximumDegreeRecords)条，已有\(haveDegrees)条", ["field": "degrees"])
        }
        for (i, record) in params.education.enumerated() { try record.insert(accountID: id, position: haveEducation + i, now: context.now, tx) }
        for (i, record) in params.degrees.enumerated() { try record.insert(accountID: id, position: haveDegrees + i, now: context.now, tx) }
        try context.audit("account.updateEducation", subject: account.subject,
                          detail: ["education": .int(params.education.count), "degrees": .int(params.degrees.count)])
        return Result(education: try Qualification.list(.education, accountID: id, tx),
                      degrees: try Qualification.list(.degree, accountID: id, tx))
    }
}

/// `account.changePassword`: the current password and a new one; other sessions end. Both hashes (checking
/// the current password, making the new one) are done in `prepare`, outside the write lock.
public enum AccountChangePassword: PreparedRPCMethod {
    public static let name = "account.changePassword"

    public struct Params: RPCParams {
        let session: SessionToken
        let password: String
        let newPassword: String
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            password = try params.string("password")
            newPassword = try params.string("newPassword")
        }
    }

    public struct Prepared {
        let params: Params
        let password: SecretCheck
        /// The new password's hash, made only when the current one matched and the new one is acceptable.
        let newHash: String?
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        let account = try context.read { tx in try Sessions.peekAccount(token: params.session.token, tx) }
        let password = SecretCheck(params.password, against: account?.passwordHash, decoy: context.configuration.scrypt)
        var newHash: String?
        if let account, password.matches,
           (try? Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)) != nil {
            newHash = try Secrets.hashPassword(params.newPassword, parameters: context.configuration.scrypt)
        }
        return Prepared(params: params, password: password, newHash: newHash)
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Done {
        let params = prepared.params
        var account = try Sessions.account(token: params.session.token, in: context)
        try prepared.password.requireUnchanged(account.passwordHash, "account.passwordHash")
        guard prepared.password.matches else {
            throw DomainError(.passwordIncorrect, "原密码不正确", ["field": "password"])
        }
        try Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)
        guard let newHash = prepared.newHash else { throw PreparationStale("account") }
        account.passwordHash = newHash
        account.updatedAt = context.now
        try account.update(context.tx)
        try Sessions.endAll(of: account.id!, keeping: params.session.token, in: context)
        try context.audit("account.changePassword", subject: account.subject)
        return Done()
    }
}
