import Eligibility
import Foundation
import GRDB
import Rules
import Vocabulary

/// The params of a method that acts on one of the candidate's applications and needs nothing else.
public struct ApplicationParams: RPCParams {
    let session: SessionToken
    let application: Int

    public init(from params: ParamReader) throws(RPCError) {
        session = try SessionToken(from: params)
        application = try params.int("application")
    }
}

/// An application row (schema v2). The candidate's entries of the last successful save are kept as JSON
/// (`input`) so that confirmation can decide again on the account's records as they are then.
struct ApplicationRecord: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "application"

    var id: Int64?
    var accountId: Int64
    var exam: String
    var year: Int
    var province: String
    var state: String
    var city: String?
    var auditPoint: String?
    var level: String?
    var specialty: String?
    var input: String?
    var verdict: String?
    var route: String?
    var fee: Int?
    var majorWarning: String?
    var signed: Bool?
    var confirmedAt: Date?
    var decidedAt: Date?
    var decidedBy: String?
    var createdAt: Date
    var updatedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var subject: String { "application:\(id ?? 0)" }
    var current: ApplicationState { ApplicationState(rawValue: state) ?? .abandoned }

    /// The candidate's own application, or `application-not-found` (also for someone else's: nothing leaks).
    static func owned(_ id: Int, by account: Account, _ db: Database) throws -> ApplicationRecord {
        guard let record = try ApplicationRecord.fetchOne(db.cachedStatement(sql: "SELECT * FROM application WHERE id = ?"), arguments: [Int64(id)]),
              record.accountId == account.id
        else {
            throw DomainError(.applicationNotFound, "报名记录不存在")
        }
        return record
    }

    /// Moves to `state` after `action` was checked, writing the row and one audit line (from, to, detail).
    mutating func move(_ action: ApplicationAction, to next: ApplicationState, in context: RequestContext,
                       detail: [String: JSONValue] = [:]) throws {
        try action.check(current)
        let from = state
        state = next.rawValue
        updatedAt = context.now
        try update(context.db)
        var fields = detail
        fields["from"] = .string(from)
        fields["to"] = .string(next.rawValue)
        try context.audit("application.\(action.rawValue)", subject: subject, detail: .object(fields))
    }

    /// A note the candidate sees in `application.status` (a reviewer's reason, a photo rejection).
    func note(_ kind: String, _ message: String, in context: RequestContext) throws {
        try context.db.execute(sql: "INSERT INTO applicationNote (applicationId, at, kind, message) VALUES (?, ?, ?, ?)",
                               arguments: [id, context.now, kind, message])
    }
}

/// The rule set and the province overlay an application is judged by.
struct ExamContext {
    let evaluator: Evaluator
    let exam: Exam
    let province: ProvinceRules
    let overlay: ExamProvinceOverlay

    init(exam key: String, province provinceKey: String, in context: RequestContext) throws {
        guard let source = context.configuration.rules else {
            throw DomainError(.rulesUnavailable, "报考规则暂不可用", ["detail": "the service was started without rules"])
        }
        evaluator = try source.evaluator(today: context.today)
        let rules = evaluator.rules
        guard let exam = rules.exam(key) else {
            throw RPCError.invalidParams(field: "exam", code: "unknown-exam", message: "没有名为“\(key)”的考试")
        }
        guard let code = rules.provinceCode(provinceKey) else {
            throw RPCError.invalidParams(field: "province", code: "unknown-province", message: "没有名为“\(provinceKey)”的省份")
        }
        guard let province = rules.provinces[code], let overlay = exam.overlays[code] else {
            throw DomainError(.examUnavailable, "\(provinceKey)未开放\(exam.name)网上报名", ["province": .string(code)])
        }
        self.exam = exam
        self.province = province
        self.overlay = overlay
    }

    var provinceCode: String { province.region.code }

    /// The exam year: that of the registration window.
    var year: Int { overlay.registration?.from.year ?? overlay.payment?.from.year ?? 0 }

    /// No application is started or changed outside the registration window (4.1).
    func requireRegistrationOpen(_ context: RequestContext) throws {
        guard let window = overlay.registration, window.contains(context.today) else {
            throw DomainError(.registrationClosed, "不在\(province.region.name)\(exam.name)报名时间内" + (overlay.registration.map { "（\($0.from)至\($0.until)）" } ?? ""),
                              ["window": ExamContext.json(overlay.registration)])
        }
    }

    /// Payments only inside the payment window (the registration window when the province states none).
    func requirePaymentOpen(_ context: RequestContext) throws {
        let window = overlay.payment ?? overlay.registration
        guard let window, window.contains(context.today) else {
            throw DomainError(.paymentClosed, "不在缴费时间内" + (window.map { "（\($0.from)至\($0.until)）" } ?? ""),
                              ["window": ExamContext.json(window)])
        }
    }

    static func json(_ window: DateWindow?) -> JSONValue {
        guard let window else { return .null }
        return ["from": .string(window.from.description), "until": .string(window.until.description)]
    }

    func auditPoint(_ key: String?) -> AuditPoint? {
        key.flatMap { province.auditPoint($0) }.map { province.auditPoints[$0] }
    }
}
