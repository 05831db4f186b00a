import Foundation
import GRDB
import Vocabulary

/// `account.updateRecoveryQuestion` (seed manual 3, 1): a new question and answer, with a captcha.
public enum AccountUpdateRecoveryQuestion: RPCMethod {
    public static let name = "account.updateRecoveryQuestion"

    public struct Params: RPCParams {
        let session: SessionToken
        let question: String
        let answer: String
        let captcha: Captcha
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            question = try params.text("question", maximumLength: 50)
            answer = try params.text("answer", maximumLength: 50)
            captcha = try Captcha(from: params)
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        var account = try Sessions.account(token: params.session.token, in: context)
        try params.captcha.verify(in: context)
        account.recoveryQuestion = params.question
        account.recoveryAnswerHash = try Secrets.hashPassword(Secrets.normalizedAnswer(params.answer), parameters: context.configuration.scrypt)
        account.updatedAt = context.now
        try account.update(context.db)
        try context.audit("account.updateRecoveryQuestion", subject: account.subject)
        return Done()
    }
}

/// `account.changePhone` (seed manual 3, 2): the new phone, proven by a `change-phone` code sent to it;
/// a phone bound to another account is refused.
public enum AccountChangePhone: RPCMethod {
    public static let name = "account.changePhone"

    public struct Params: RPCParams {
        let session: SessionToken
        let phone: MobileNumber
        let smsCode: String
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            phone = try params.value("phone") { try MobileNumber($0) }
            smsCode = try params.string("smsCode")
        }
    }

    public struct Result: RPCResult {
        let phone: MobileNumber
        public var json: JSONValue { ["ok": true, "phone": .string(phone.masked)] }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        var account = try Sessions.account(token: params.session.token, in: context)
        context.log("phone", params.phone.masked)
        if let holder = try Account.find(phone: params.phone, context.db), holder.id != account.id {
            throw DomainError(.phoneAlreadyBound, "该手机号已绑定其他用户，一个手机号只能绑定一个用户", ["field": "phone"])
        }
        try SMSCode.consume(phone: params.phone, purpose: .changePhone, code: params.smsCode, in: context)
        let old = account.maskedPhone
        account.phone = params.phone.value
        account.updatedAt = context.now
        try account.update(context.db)
        try context.audit("account.changePhone", subject: account.subject,
                          detail: ["from": old.map(JSONValue.string) ?? .null, "to": .string(params.phone.masked)])
        return Result(phone: params.phone)
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
        let db = context.db, id = account.id!
        let haveEducation = try account.recordCount(.education, db), haveDegrees = try account.recordCount(.degree, db)
        let limits = context.configuration
        guard haveEducation + params.education.count <= limits.maximumEducationRecords else {
            throw DomainError(.tooManyRecords, "学历信息最多\(limits.maximumEducationRecords)条，已有\(haveEducation)条", ["field": "education"])
        }
        guard haveDegrees + params.degrees.count <= limits.maximumDegreeRecords else {
            throw DomainError(.tooManyRecords, "学位信息最多\(limits.maximumDegreeRecords)条，已有\(haveDegrees)条", ["field": "degrees"])
        }
        for (i, record) in params.education.enumerated() { try record.insert(accountID: id, position: haveEducation + i, now: context.now, db) }
        for (i, record) in params.degrees.enumerated() { try record.insert(accountID: id, position: haveDegrees + i, now: context.now, db) }
        try context.audit("account.updateEducation", subject: account.subject,
                          detail: ["education": .int(params.education.count), "degrees": .int(params.degrees.count)])
        return Result(education: try Qualification.list(.education, accountID: id, db),
                      degrees: try Qualification.list(.degree, accountID: id, db))
    }
}

/// `account.changePassword`: the current password and a new one; other sessions end.
public enum AccountChangePassword: RPCMethod {
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

    public static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        var account = try Sessions.account(token: params.session.token, in: context)
        guard Secrets.verifyPassword(params.password, against: account.passwordHash) else {
            throw DomainError(.passwordIncorrect, "原密码不正确", ["field": "password"])
        }
        try Credentials.checkPassword(params.newPassword, field: "newPassword", username: account.username, idNumber: account.idNumber)
        account.passwordHash = try Secrets.hashPassword(params.newPassword, parameters: context.configuration.scrypt)
        account.updatedAt = context.now
        try account.update(context.db)
        try Sessions.endAll(of: account.id!, keeping: params.session.token, in: context)
        try context.audit("account.changePassword", subject: account.subject)
        return Done()
    }
}
