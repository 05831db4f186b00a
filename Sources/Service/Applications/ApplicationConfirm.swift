import Eligibility
import Foundation
import Vocabulary
import Persistence

/// `application.confirm` (报名信息确认, 4.4): only after the photo is approved. The evaluator decides again on
/// the records as they are now (a verification may have changed the route since the save). A major outside
/// the exam's catalogue needs `majorConfirmed: true` (the warning of figure 4.4-7). Confirming locks the
/// application and starts verification (4.5): `auto` approves at once (自动核验通过), `online-review` enters
/// the authority's queue, `onsite-review` waits for the audit point.
public enum ApplicationConfirm: RPCMethod {
    public static let name = "application.confirm"
    public static var usesRules: Bool { true }

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int
        let majorConfirmed: Bool
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.int("application")
            majorConfirmed = try params.optionalBool("majorConfirmed") ?? false
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        var record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        try ApplicationAction.confirm.check(record.current)
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        try exam.requireRegistrationOpen(context)
        let photo = try Photos.latestStatus(accountID: account.id, context.tx)
        guard photo == "approved" else {
            throw DomainError(.photoNotApproved, photo == "rejected" ? "照片审核未通过，请重新上传照片" : "照片尚未审核通过，审核通过后才能进行报名信息确认",
                              ["photo": .string(photo ?? "missing")])
        }
        let input = try ApplicationInput.restore(record.input ?? "{}", today: context)
        let app = try input.application(record: record, account: account, commitment: record.signed ?? false, context.tx)
        let verdict = try Judgement.evaluate(app, with: exam)
        if let warning = verdict.warnings.first(where: { $0.code == "major-not-in-catalog" }), !params.majorConfirmed {
            throw DomainError(.majorConfirmationRequired, "\(warning.message)。请根据实际情况确定报考资格，确认报考请再次确认",
                              ["warning": .string(warning.message)])
        }
        record.verdict = Judgement.storedText(verdict)
        record.route = verdict.route?.rawValue
        record.fee = verdict.fee.map { Int($0.total.value) }
        record.confirmedAt = context.now
        let next: ApplicationState
        switch verdict.route ?? .onsiteReview {
        case .auto:
            next = .approved
            record.decidedAt = context.now
            record.decidedBy = "auto"
        case .onlineReview: next = .onlineReview
        case .onsiteReview: next = .onsiteReview
        }
        try record.move(.confirm, to: next, in: context, detail: ["route": .string(record.route ?? ""), "majorConfirmed": .bool(params.majorConfirmed)])
        var result = ApplicationSave.summary(record, account: account, exam: exam, verdict: verdict)
        result["next"] = .string(ApplicationStatus.next(record, exam: exam).step)
        result["message"] = .string(ApplicationStatus.next(record, exam: exam).message)
        return Result(json: .object(result))
    }
}

/// `application.reopen` (修改报名信息, 4.6): before approval and payment, cancels the confirmation and any
/// review and returns the application to editing; refused once approved or paid.
public enum ApplicationReopen: RPCMethod {
    public static let name = "application.reopen"
    public static var usesRules: Bool { true }

    public typealias Params = ApplicationParams

    public struct Result: RPCResult {
        let record: ApplicationRecord
        public var json: JSONValue {
            ["application": .int(Int(record.id!)), "state": .string(record.state), "next": "save",
             "message": "已取消审核及确认状态，请修改报名信息后重新保存并进行报名信息确认"]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        var record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        try ApplicationAction.reopen.check(record.current)
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        try exam.requireRegistrationOpen(context)
        record.confirmedAt = nil
        record.decidedAt = nil
        record.decidedBy = nil
        record.signed = nil
        try record.move(.reopen, to: .editing, in: context)
        return Result(record: record)
    }
}
