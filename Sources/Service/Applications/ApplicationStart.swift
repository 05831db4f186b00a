import Foundation
import Vocabulary
import Persistence

/// `application.start` (4.1, 选择报考): the candidate picks an exam and a province.
///
/// Refused with the manual's prompts while the photo is missing (or was rejected) or the identity,
/// education or degree records still await the national verification; records that failed or cannot be
/// verified online do not stop the start — they send the application to review with proof (4.3).
/// One application per candidate per exam and year; an abandoned one is taken up again from the start.
public enum ApplicationStart: RPCMethod {
    public static let name = "application.start"
    public static var usesRules: Bool { true }

    public struct Params: RPCParams {
        let session: SessionToken
        let exam: String
        let province: String
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            exam = try params.text("exam", maximumLength: 40)
            province = try params.text("province", maximumLength: 40)
        }
    }

    public struct Result: RPCResult {
        let record: ApplicationRecord
        let examName: String
        public var json: JSONValue {
            ["application": .int(Int(record.id!)), "exam": .string(record.exam), "examName": .string(examName),
             "year": .int(record.year), "province": .string(record.province), "state": .string(record.state),
             "next": "accept-commitment-notice",
             "message": "请阅读《专业技术人员资格考试报名证明事项告知承诺制告知书》，选中【我已阅知并同意】后点击【下一步】；若不想报名，点击【放弃报名】"]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let exam = try ExamContext(exam: params.exam, province: params.province, in: context)
        try exam.requireRegistrationOpen(context)
        try requireReady(account, in: context)
        let tx = context.tx
        if var existing = try tx.fetchOne("SELECT * FROM application WHERE accountId = ? AND exam = ? AND year = ? LIMIT 1",
                                          account.id, exam.exam.id, exam.year).map(ApplicationRecord.init(row:)) {
            guard existing.current == .abandoned else {
                throw DomainError(.alreadyApplied, "您已报名\(exam.year)年度\(exam.exam.name)考试，同一考试每年只能报名一次",
                                  ["application": .int(Int(existing.id!)), "state": .string(existing.state)])
            }
            // Taken up again as new: every column but the id, the key and `createdAt` back to a fresh start.
            var fresh = ApplicationRecord(id: existing.id, accountId: account.id!, exam: exam.exam.id, year: exam.year,
                                          province: exam.provinceCode, state: ApplicationState.commitmentNotice.rawValue,
                                          createdAt: existing.createdAt, updatedAt: context.now)
            fresh.stored = existing.stored
            existing = fresh
            try existing.update(tx)
            try tx.execute("DELETE FROM proof WHERE applicationId = ?", existing.id)
            try tx.execute("DELETE FROM applicationNote WHERE applicationId = ?", existing.id)
            try context.audit("application.start", subject: existing.subject, detail: ["exam": .string(exam.exam.id), "province": .string(exam.provinceCode), "again": true])
            return Result(record: existing, examName: exam.exam.name)
        }
        var record = ApplicationRecord(accountId: account.id!, exam: exam.exam.id, year: exam.year, province: exam.provinceCode,
                                       state: ApplicationState.commitmentNotice.rawValue, createdAt: context.now, updatedAt: context.now)
        try record.insert(tx)
        try context.audit("application.start", subject: record.subject, detail: ["exam": .string(exam.exam.id), "province": .string(exam.provinceCode)])
        return Result(record: record, examName: exam.exam.name)
    }

    /// The prompts of 4.1: photo first, then identity, education and degree verification.
    static func requireReady(_ account: Account, in context: RequestContext) throws {
        if try account.photoRequired(context.tx) {
            throw DomainError(.photoMissing, "您还没有上传照片或照片审核未通过，请先上传照片")
        }
        if account.identityVerification == "pending" || account.identityVerification == "failed" {
            throw DomainError(.identityNotVerified, account.identityVerification == "failed"
                ? "您的身份信息未通过核验，不能报名，请联系考试机构" : "您的身份信息尚未通过核验，请等待核验完成后再报名")
        }
        for (kind, code, label) in [(QualificationKind.education, DomainError.Code.educationNotVerified, "学历"),
                                    (.degree, .degreeNotVerified, "学位")] {
            let pending = try context.tx.fetchOne("SELECT position FROM \(kind.rawValue) WHERE accountId = ? AND verification = 'pending' ORDER BY position LIMIT 1",
                                                  account.id)?.int("position")
            if let pending {
                throw DomainError(code, "您的第\(pending + 1)条\(label)信息尚未通过核验，请等待核验完成后再报名", ["record": .int(pending)])
            }
        }
    }
}

/// `application.acceptNotice` (4.1): `document` `commitment-notice` (告知承诺制告知书) and then
/// `exam-notice` (报考须知), in that order; or `abandon` (放弃报名), which ends the application.
public enum ApplicationAcceptNotice: RPCMethod {
    public static let name = "application.acceptNotice"

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int
        let document: String
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.int("application")
            document = try params.choice("document", ["commitment-notice", "exam-notice", "abandon"])
        }
    }

    public struct Result: RPCResult {
        let state: ApplicationState
        public var json: JSONValue {
            let next: (String, String) = switch state {
            case .examNotice: ("accept-exam-notice", "请认真阅读报考须知，点击【下一步】进入报名信息维护页面")
            case .editing: ("save", "请选择所在地市和审核点，选择报考级别、报考专业和考试科目，如实填写其它报考信息，输入验证码后点击【保存】")
            default: ("start", "已放弃报名，退出该考试报名")
            }
            return ["state": .string(state.rawValue), "next": .string(next.0), "message": .string(next.1)]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        var record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        switch params.document {
        case "commitment-notice": try record.move(.acceptCommitmentNotice, to: .examNotice, in: context)
        case "exam-notice": try record.move(.acceptExamNotice, to: .editing, in: context)
        default: try record.move(.abandon, to: .abandoned, in: context)
        }
        return Result(state: record.current)
    }
}
