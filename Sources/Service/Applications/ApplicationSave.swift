import Eligibility
import Foundation
import Vocabulary
import Persistence

/// `application.save` (4.2, 填写报考信息 → 【保存】): city, audit point, level, specialty, subjects, work years,
/// basis and a captcha. The evaluator decides on the account's registered records as they are now.
///
/// Ineligible → `not-eligible` with every reason and nothing saved: the candidate corrects and saves again.
/// Eligible → saved; the result is the confirmation box of the manual (ID type and number, name, level,
/// specialty, subjects) plus the fee and the route. A candidate with an integrity record (失信) gets the
/// manual's special prompt instead of the 报考承诺书, and the route is on-site review.
public enum ApplicationSave: RPCMethod {
    public static let name = "application.save"
    public static var usesRules: Bool { true }

    static let integrityPrompt = "经查询，您已被列入专业技术人员资格考试诚信档案库，不适用告知承诺制，须对报名基本信息进行二次确认，并按规定时间到审核点进行现场核查"

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int
        let input: ApplicationInput
        let stored: String
        let captcha: Captcha
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.int("application")
            input = try ApplicationInput(from: params)
            stored = ApplicationInput.stored(from: params)
            captcha = try Captcha(from: params)
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func captcha(_ params: Params) -> Captcha? { params.captcha }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        var record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        try ApplicationAction.save.check(record.current)
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        try exam.requireRegistrationOpen(context)
        let app = try params.input.application(record: record, account: account, commitment: nil, context.tx)
        let verdict = try Judgement.evaluate(app, with: exam)

        let level = exam.exam.levels[exam.exam.level(params.input.level ?? "") ?? 0]
        record.level = level.id
        // A level's only specialty is implied (the evaluator's rule), so the row names it too.
        let specialty = params.input.specialty.flatMap { exam.exam.specialty($0) } ?? (level.specialties.count == 1 ? level.specialties[0] : nil)
        record.specialty = specialty.map { exam.exam.specialties[$0].id }
        record.city = params.input.city
        record.auditPoint = exam.auditPoint(params.input.auditPoint)?.id ?? params.input.auditPoint
        record.input = params.stored
        record.verdict = Judgement.storedText(verdict)
        record.route = verdict.route?.rawValue
        record.fee = verdict.fee.map { Int($0.total.value) }
        record.majorWarning = verdict.warnings.first { $0.code == "major-not-in-catalog" }?.message
        record.signed = nil
        try record.move(.save, to: .saved, in: context, detail: ["route": .string(record.route ?? ""), "fee": .int(record.fee ?? 0)])

        var result = summary(record, account: account, exam: exam, verdict: verdict)
        if account.integrityRecord {
            result["integrityRecord"] = true
            result["next"] = "acknowledge-integrity"
            result["message"] = .string(integrityPrompt)
        } else {
            result["integrityRecord"] = false
            result["next"] = "sign"
            result["message"] = "请阅读并签订报考承诺书；选择【暂不提交】则中止报名"
        }
        return Result(json: .object(result))
    }

    /// The confirmation box of 4.2 with the fee and the route.
    static func summary(_ record: ApplicationRecord, account: Account, exam: ExamContext, verdict: Verdict) -> [String: JSONValue] {
        let e = exam.exam
        let level = e.level(record.level ?? "").map { e.levels[$0] }
        let specialty = e.specialty(record.specialty ?? "").map { e.specialties[$0] }
        let subjects: [JSONValue] = verdict.subjects.map { id in
            .object(["id": .string(id), "name": .string(e.subject(id).map { e.subjects[$0].name } ?? id)])
        }
        return [
            "application": .int(Int(record.id!)), "state": .string(record.state),
            "summary": ["idType": .string(account.idType), "idNumber": .string(account.idNumber), "name": .string(account.name),
                        "exam": .string(e.name), "level": level.map { .string($0.name) } ?? .null,
                        "specialty": specialty.map { .string($0.name) } ?? .null, "subjects": .array(subjects),
                        "exempted": .array(verdict.exempted.map(JSONValue.string))],
            "fee": verdict.fee.map { fee in
                ["total": .int(Int(fee.total.value)), "currency": "CNY", "unit": "fen",
                 "items": .array(fee.items.map { ["name": .string($0.name), "amount": .int(Int($0.amount.value))] })]
            } ?? .null,
            "route": .string(verdict.route?.rawValue ?? ""), "routeReason": verdict.routeReason.map(JSONValue.string) ?? .null,
            "warnings": .array(verdict.warnings.map { ["code": .string($0.code), "message": .string($0.message)] }),
        ]
    }
}

/// `application.sign` (figure 4.2-3): `action` `sign` (签订报考承诺书), `later` (暂不提交: the application
/// stays saved and unsubmitted), or — for a candidate with an integrity record — `acknowledge` with the
/// second confirmation of the basic data (`confirmation: {name, idNumber}`, figure 4.2-5), which submits
/// without the commitment: on-site review.
public enum ApplicationSign: RPCMethod {
    public static let name = "application.sign"

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int
        let action: String
        let confirmation: (name: String, idNumber: String)?
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.int("application")
            action = try params.choice("action", ["sign", "later", "acknowledge"])
            if action == "acknowledge" {
                let c = try params.object("confirmation")
                confirmation = (try c.string("name"), try c.string("idNumber"))
            } else {
                confirmation = nil
            }
        }
    }

    public struct Result: RPCResult {
        let record: ApplicationRecord
        public var json: JSONValue {
            let submitted = record.current == .submitted
            return ["application": .int(Int(record.id!)), "state": .string(record.state), "signed": .bool(record.signed ?? false),
                    "next": submitted ? "confirm" : "sign",
                    "message": submitted ? "报名信息已提交。照片审核通过后，请点击【报名信息确认】" : "已暂不提交，报名中止；可随时签订报考承诺书继续报名"]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        var record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        switch params.action {
        case "later":
            try record.move(.signLater, to: .saved, in: context)
        case "sign":
            try ApplicationAction.sign.check(record.current)
            if account.integrityRecord {
                throw DomainError(.integrityRecord, ApplicationSave.integrityPrompt, ["next": "acknowledge"])
            }
            record.signed = true
            try record.move(.sign, to: .submitted, in: context)
        default:
            try ApplicationAction.acknowledgeIntegrity.check(record.current)
            guard account.integrityRecord else {
                throw DomainError(.illegalTransition, "您不是失信人员，请签订报考承诺书",
                                  ["state": .string(record.state), "allowed": ["sign", "sign-later"]])
            }
            let (name, idNumber) = params.confirmation!
            if name.trimmingCharacters(in: .whitespaces) != account.name {
                throw DomainError(.confirmationMismatch, "二次确认的姓名与注册信息不一致", ["field": "confirmation.name"])
            }
            if idNumber.trimmingCharacters(in: .whitespaces).uppercased() != account.idNumber.uppercased() {
                throw DomainError(.confirmationMismatch, "二次确认的证件号码与注册信息不一致", ["field": "confirmation.idNumber"])
            }
            record.signed = false
            try record.move(.acknowledgeIntegrity, to: .submitted, in: context)
        }
        return Result(record: record)
    }
}
