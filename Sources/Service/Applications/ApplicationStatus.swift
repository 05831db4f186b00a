import Foundation
import Vocabulary
import Persistence

/// `application.status` (the status page of figure 4.2-6): the state, every reason given so far (reviewers'
/// refusals, photo rejections), the route and fee, and on the right the next step in the manual's words.
/// Without `application`, every application of the candidate.
public enum ApplicationStatus: RPCMethod {
    public static let name = "application.status"
    public static var access: RPCAccess { .read }

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int?
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.optionalInt("application")
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context, touch: false)
        if let id = params.application {
            let record = try ApplicationRecord.owned(id, by: account, context.tx)
            return Result(json: try describe(record, in: context))
        }
        let records = try context.tx.fetchAll("SELECT * FROM application WHERE accountId = ? ORDER BY id", account.id)
            .map(ApplicationRecord.init(row:))
        return Result(json: ["applications": .array(try records.map { try describe($0, in: context) })])
    }

    static func describe(_ record: ApplicationRecord, in context: RequestContext) throws -> JSONValue {
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        let tx = context.tx
        let notes = try tx.fetchAll("SELECT at, kind, message FROM applicationNote WHERE applicationId = ? ORDER BY id", record.id)
        let photo = try Photos.latestStatus(accountID: record.accountId, tx) ?? "missing"
        let proofs = try tx.fetchCount("SELECT COUNT(*) FROM proof WHERE applicationId = ?", record.id)
        let paid = try tx.fetchOne("SELECT orderId, amount, paidAt FROM payment WHERE applicationId = ? AND state = 'paid' LIMIT 1", record.id)
        let next = next(record, exam: exam)
        var object: [String: JSONValue] = [
            "application": .int(Int(record.id!)), "exam": .string(record.exam), "examName": .string(exam.exam.name),
            "year": .int(record.year), "province": .string(record.province), "city": record.city.map(JSONValue.string) ?? .null,
            "auditPoint": record.auditPoint.map(JSONValue.string) ?? .null,
            "level": record.level.map(JSONValue.string) ?? .null, "specialty": record.specialty.map(JSONValue.string) ?? .null,
            "state": .string(record.state), "stateText": .string(record.current.chinese),
            "route": record.route.map(JSONValue.string) ?? .null, "fee": record.fee.map(JSONValue.int) ?? .null,
            "photo": .string(photo), "proofs": .int(proofs),
            "reasons": .array(try notes.map { ["at": .string(ServiceLog.timestamp(try $0.date("at"))), "kind": .string(try $0.string("kind")),
                                               "message": .string(try $0.string("message"))] }),
            "allowed": .array(ApplicationAction.allowed(in: record.current).map(JSONValue.string)),
            "next": .string(next.step), "message": .string(next.message),
        ]
        if let paid {
            object["payment"] = ["orderId": .string(try paid.string("orderId")), "amount": .int(try paid.int("amount")),
                                 "paidAt": .string(ServiceLog.timestamp(try paid.date("paidAt")))]
        }
        return .object(object)
    }

    /// The operation hint of the status page, per state.
    static func next(_ record: ApplicationRecord, exam: ExamContext) -> (step: String, message: String) {
        switch record.current {
        case .commitmentNotice:
            ("accept-commitment-notice", "请阅读《专业技术人员资格考试报名证明事项告知承诺制告知书》，选中【我已阅知并同意】后点击【下一步】；若不想报名，点击【放弃报名】")
        case .examNotice:
            ("accept-exam-notice", "报考须知为报考人员必须阅读并了解的重要事项，请务必认真阅读后点击【下一步】；若不想报名，点击【放弃报名】")
        case .editing:
            ("save", "请选择所在地市和审核点，选择报考级别、报考专业和考试科目，如实填写其它报考信息，输入验证码后点击【保存】")
        case .saved:
            ("sign", "报名信息已保存，请签订报考承诺书后提交；选择【暂不提交】则中止报名")
        case .submitted:
            ("confirm", "考生照片审核通过后，请点击报考状态中的【报名信息确认】；若学历、学位信息不在自动核验的范围内，须先上传证明材料。报名信息确认后不得修改，请确认前认真核查")
        case .onlineReview:
            ("wait", "等待管理机构进行线上核验，请及时上网查看状态")
        case .onsiteReview:
            ("go-onsite", "请按规定时间到审核点进行现场核验" + (exam.auditPoint(record.auditPoint).map { "：\($0.name)，\($0.address)，电话\($0.phone)" } ?? ""))
        case .approved:
            ("pay", "审核通过，请按规定时间缴纳考试费用" + ((exam.overlay.payment ?? exam.overlay.registration).map { "（\($0.from)至\($0.until)）" } ?? ""))
        case .rejected:
            ("reopen", "资格核验不通过，原因见状态信息。如确实不符合报考条件，可以点击【修改报名信息】修改报名条件，重新进行报名信息确认，等待考试机构审核")
        case .paid:
            ("done", "已缴费，报名完成")
        case .abandoned:
            ("start", "已放弃报名")
        }
    }
}
