import Eligibility
import Foundation
import Persistence
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
struct ApplicationRecord: StoredRecord {
    static let table = "application"
    static let columns = StoreColumns([
        "accountId", "exam", "year", "province", "state", "city", "auditPoint", "level", "specialty", "input", "verdict",
        "route", "fee", "majorWarning", "signed", "confirmedAt", "decidedAt", "decidedBy", "createdAt", "updatedAt",
    ])
    static let insertSQL = makeInsertSQL(table: table, columns: columns)

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
    var stored: StoreRow?

    init(id: Int64? = nil, accountId: Int64, exam: String, year: Int, province: String, state: String,
         createdAt: Date, updatedAt: Date) {
        self.id = id
        self.accountId = accountId
        self.exam = exam
        self.year = year
        self.province = province
        self.state = state
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: StoreRow) throws {
        id = try row.int64("id")
        accountId = try row.int64("accountId")
        exam = try row.string("exam")
        year = try row.int("year")
        province = try row.string("province")
        state = try row.string("state")
        city = try row.optionalString("city")
        auditPoint = try row.optionalString("auditPoint")
        level = try row.optionalString("level")
        specialty = try row.optionalString("specialty")
        input = try row.optionalString("input")
        verdict = try row.optionalString("verdict")
        route = try row.optionalString("route")
        fee = try row.optionalInt("fee")
        majorWarning = try row.optionalString("majorWarning")
        signed = try row.optionalBool("signed")
        confirmedAt = try row.optionalDate("confirmedAt")
        decidedAt = try row.optionalDate("decidedAt")
        decidedBy = try row.optionalString("decidedBy")
        createdAt = try row.date("createdAt")
        updatedAt = try row.date("updatedAt")
        stored = row
    }

    var values: [StoreValue] {
        [.integer(accountId), .text(exam), year.storeValue, .text(province), .text(state), city.storeValue,
         auditPoint.storeValue, level.storeValue, specialty.storeValue, input.storeValue, verdict.storeValue,
         route.storeValue, fee.storeValue, majorWarning.storeValue, signed.storeValue, confirmedAt.storeValue,
         decidedAt.storeValue, decidedBy.storeValue, createdAt.storeValue, updatedAt.storeValue]
    }

    var subject: String { "application:\(id ?? 0)" }
    var current: ApplicationState { ApplicationState(rawValue: state) ?? .abandoned }

    /// The application with this id, if any.
    static func find(id: Int64, _ tx: any StoreTransaction) throws -> ApplicationRecord? {
        try tx.fetchOne("SELECT * FROM application WHERE id = ?", id).map(ApplicationRecord.init(row:))
    }

    /// The candidate's own application, or `application-not-found` (also for someone else's: nothing leaks).
    static func owned(_ id: Int, by account: Account, _ tx: any StoreTransaction) throws -> ApplicationRecord {
        guard let record = try find(id: Int64(id), tx), record.accountId == account.id else {
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
        try update(context.tx)
        var fields = detail
        fields["from"] = .string(from)
        fields["to"] = .string(next.rawValue)
        try context.audit("application.\(action.rawValue)", subject: subject, detail: .object(fields))
    }

    /// A note the candidate sees in `application.status` (a reviewer's reason, a photo rejection).
    func note(_ kind: String, _ message: String, in context: RequestContext) throws {
        try context.tx.execute("INSERT INTO applicationNote (applicationId, at, kind, message) VALUES (?, ?, ?, ?)",
                               id, context.now, kind, message)
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
