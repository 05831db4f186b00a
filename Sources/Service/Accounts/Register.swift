import Foundation
import Persistence
import Vocabulary

/// `account.register`: a new candidate account (seed manual, section 1).
///
/// The candidate accepts the agreement and the notice, fills the form, proves the phone with an SMS code,
/// and then enters name, ID type, ID number, education and degrees a second time (the manual's 二次确认);
/// a mismatch names the field. A document (type and number) registers once whatever the name, a phone binds
/// one account, a username is unique — and none of these is told before the SMS code is checked. Name, ID
/// type and number can never be changed afterwards.
///
/// The two hashes (password, recovery answer) are made in `prepare`, outside the write lock, after the checks
/// that need nothing but the form, so a refused form costs no hash.
public enum AccountRegister: PreparedRPCMethod {
    public static let name = "account.register"

    public struct Params: RPCParams {
        let agreementAccepted: Bool
        let noticeAccepted: Bool
        let username: String
        let password: String
        let name: PersonName
        let document: IdentityDocument
        let email: EmailAddress
        let phone: MobileNumber
        let smsCode: String
        let recoveryQuestion: String
        let recoveryAnswer: String
        let education: [Qualification]
        let degrees: [Qualification]
        let confirmation: Confirmation

        public init(from params: ParamReader) throws(RPCError) {
            let today = params.today
            agreementAccepted = try params.optionalBool("agreementAccepted") ?? false
            noticeAccepted = try params.optionalBool("noticeAccepted") ?? false
            username = try Credentials.username(params)
            password = try params.string("password")
            name = try params.value("name") { try PersonName($0) }
            document = try Credentials.document(params, today: today)
            email = try params.value("email") { try EmailAddress($0) }
            phone = try params.value("phone") { try MobileNumber($0) }
            smsCode = try params.string("smsCode")
            recoveryQuestion = try Recovery.question(params, key: "recoveryQuestion")
            recoveryAnswer = try params.text("recoveryAnswer", maximumLength: 50)
            var education: [Qualification] = []
            for record in try params.objects("education") { education.append(try Qualification(.education, from: record)) }
            var degrees: [Qualification] = []
            for record in try params.objects("degrees") { degrees.append(try Qualification(.degree, from: record)) }
            guard !education.isEmpty else {
                throw .invalidParams(field: "education", code: "education-required", message: "至少录入一条学历信息才能注册")
            }
            self.education = education
            self.degrees = degrees
            confirmation = try Confirmation(from: try params.object("confirmation"))
            try Credentials.checkPassword(password, field: "password", username: username, idNumber: document.number)
        }
    }

    /// The second entry of the identifying fields.
    struct Confirmation {
        let name: PersonName
        let idType: IDType
        let idNumber: String
        let education: [Qualification]
        let degrees: [Qualification]

        init(from params: ParamReader) throws(RPCError) {
            let today = params.today
            name = try params.value("name") { try PersonName($0) }
            let document = try Credentials.document(params, today: today)
            idType = document.type
            idNumber = document.number
            var education: [Qualification] = []
            for record in try params.objects("education") { education.append(try Qualification(.education, from: record)) }
            var degrees: [Qualification] = []
            for record in try params.objects("degrees") { degrees.append(try Qualification(.degree, from: record)) }
            self.education = education
            self.degrees = degrees
        }
    }

    public struct Result: RPCResult {
        let username: String
        public var json: JSONValue {
            ["registered": true, "username": .string(username), "next": "login",
             "message": "注册成功，请使用用户名、密码和验证码登录"]
        }
    }

    public struct Prepared {
        let params: Params
        let passwordHash: String
        let recoveryAnswerHash: String
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        context.log("phone", params.phone.masked)
        try checkForm(params, context.configuration)
        let scrypt = context.configuration.scrypt
        return Prepared(params: params, passwordHash: try Secrets.hashPassword(params.password, parameters: scrypt),
                        recoveryAnswerHash: try Secrets.hashPassword(Secrets.normalizedAnswer(params.recoveryAnswer), parameters: scrypt))
    }

    /// What the form alone decides: the agreement and notice accepted, the number of records, the confirmation.
    static func checkForm(_ params: Params, _ configuration: ServiceConfiguration) throws {
        guard params.agreementAccepted else {
            throw DomainError(.agreementNotAccepted, "请先阅读并接受专业技术人员资格考试网上报名协议")
        }
        guard params.noticeAccepted else { throw DomainError(.noticeNotAccepted, "请先阅读注册须知") }
        guard params.education.count <= configuration.maximumEducationRecords else {
            throw DomainError(.tooManyRecords, "学历信息最多\(configuration.maximumEducationRecords)条", ["field": "education"])
        }
        guard params.degrees.count <= configuration.maximumDegreeRecords else {
            throw DomainError(.tooManyRecords, "学位信息最多\(configuration.maximumDegreeRecords)条", ["field": "degrees"])
        }
        try checkConfirmation(params)
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result {
        let tx = context.tx, params = prepared.params
        // The code first: nothing about who is registered is told before the phone is proven.
        let code = try SMSCode.check(phone: params.phone, purpose: .register, code: params.smsCode, in: context)
        if try Account.usernameTaken(params.username, tx) {
            // The candidate picks another name with the same code; five such answers burn it.
            try SMSCode.countTry(code, context)
            throw DomainError(.usernameTaken, "用户名“\(params.username)”已被使用，请换一个", ["field": "username"])
        }
        try SMSCode.use(code, context)
        if try Account.find(phone: params.phone, tx) != nil {
            throw DomainError(.phoneAlreadyBound, "该手机号已绑定其他用户，一个手机号只能绑定一个用户", ["field": "phone"])
        }
        // A document registers once, whatever the name (one resident ID number is one person). Told only to
        // someone who proved a phone with a fresh code, which it uses up.
        if try Account.find(document: params.document, tx) != nil {
            throw DomainError(.idAlreadyRegistered, AccountRegister.alreadyRegistered)
        }

        var account = Account(
            username: params.username,
            passwordHash: prepared.passwordHash,
            name: params.name.value, idType: params.document.type.rawValue, idNumber: params.document.number,
            email: params.email.value, phone: params.phone.value,
            recoveryQuestion: params.recoveryQuestion,
            recoveryAnswerHash: prepared.recoveryAnswerHash,
            createdAt: context.now, updatedAt: context.now)
        try account.insert(tx)
        let id = account.id!
        for (position, record) in params.education.enumerated() { try record.insert(accountID: id, position: position, now: context.now, tx) }
        for (position, record) in params.degrees.enumerated() { try record.insert(accountID: id, position: position, now: context.now, tx) }
        context.act(asAccount: id)
        try context.audit("account.register", subject: account.subject, detail: [
            "idNumber": .string(account.maskedIDNumber), "phone": .string(params.phone.masked),
            "education": .int(params.education.count), "degrees": .int(params.degrees.count),
        ])
        return Result(username: params.username)
    }

    static let alreadyRegistered = "该证件号码已注册，一个证件号码只能注册一次。忘记密码请使用密码找回；如该证件号码并非本人注册，请携带本人有效身份证件到报考所在地考试管理机构申请重置，重置后即可重新注册"

    /// The manual's second confirmation: every identifying field entered again must match what was entered.
    static func checkConfirmation(_ params: Params) throws {
        let again = params.confirmation
        func mismatch(_ field: String, _ what: String) -> DomainError {
            DomainError(.confirmationMismatch, "二次确认的\(what)与填写的不一致，请核对", ["field": .string("confirmation." + field)])
        }
        if again.name != params.name { throw mismatch("name", "姓名") }
        if again.idType != params.document.type { throw mismatch("idType", "证件类型") }
        if again.idNumber != params.document.number { throw mismatch("idNumber", "证件号码") }
        for (key, what, first, second) in [("education", "学历", params.education, again.education),
                                           ("degrees", "学位", params.degrees, again.degrees)] {
            guard first.count == second.count else { throw mismatch(key, "\(what)条数") }
            for (i, (a, b)) in zip(first, second).enumerated() {
                if let field = a.firstDifference(from: b) { throw mismatch("\(key)[\(i)].\(field)", "第\(i + 1)条\(what)信息") }
            }
        }
    }
}
