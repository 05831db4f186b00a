import Eligibility
import Foundation
import Vocabulary
import Persistence

/// The application and reviewer of a review request, with the scope checked.
func scoped(_ token: String, _ application: Int, in context: RequestContext) throws -> (Reviewer, ApplicationRecord) {
    let reviewer = try ReviewerSessions.reviewer(token: token, in: context)
    guard let record = try ApplicationRecord.find(id: Int64(application), context.tx) else {
        throw DomainError(.applicationNotFound, "报名记录不存在")
    }
    try reviewer.requireScope(record)
    return (reviewer, record)
}

/// A decision (`approve` / `reject` with a `reason` the candidate sees).
struct ReviewDecision {
    let approve: Bool
    let reason: String?
    init(from params: ParamReader) throws(RPCError) {
        approve = try params.choice("decision", ["approve", "reject"]) == "approve"
        reason = approve ? try params.optionalString("reason") : try params.text("reason", maximumLength: 200)
    }
}

/// `review.queue`: the applications in the reviewer's scope, oldest confirmation first; by default those
/// waiting for review (`online-review`, `onsite-review`); filters `route`, `city`, `auditPoint`, `state`
/// (a state, or `all`), `exam`.
public enum ReviewQueue: RPCMethod {
    public static let name = "review.queue"
    public static var access: RPCAccess { .read }

    public struct Params: RPCParams {
        let token: String
        let filters: [String: String]
        let limit: Int
        public init(from params: ParamReader) throws(RPCError) {
            token = try params.string("token")
            var filters: [String: String] = [:]
            for key in ["route", "city", "auditPoint", "state", "exam"] { filters[key] = try params.optionalString(key) }
            // A misspelt route or state would match nothing and show an empty queue as if all were done.
            if let route = filters["route"], Route(rawValue: route) == nil {
                throw .invalidParams(field: params.path("route"), code: "value-unknown",
                                     message: "route应为\(Route.allCases.map(\.rawValue).joined(separator: "、"))之一")
            }
            if let state = filters["state"], state != "all", ApplicationState(rawValue: state) == nil {
                throw .invalidParams(field: params.path("state"), code: "value-unknown",
                                     message: "state应为all或报名状态之一：\(ApplicationState.allCases.map(\.rawValue).joined(separator: "、"))")
            }
            self.filters = filters
            limit = min(max(try params.optionalInt("limit") ?? 100, 1), 1000)
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let row = try context.tx.fetchOne("SELECT r.* FROM reviewerSession s JOIN reviewer r ON r.id = s.reviewerId WHERE s.tokenHash = ? AND s.lastSeenAt > ? AND r.disabledAt IS NULL",
                                          Secrets.sha256Hex(params.token), context.now.addingTimeInterval(-context.configuration.reviewerIdleTimeout))
        guard let row else { throw DomainError(.reviewerSessionInvalid, "登录已失效，请重新登录") }
        let reviewer = try Reviewer(row: row)
        try reviewer.requireRole("reviewer")
        var sql = "SELECT a.*, c.name AS candidateName, c.idType AS candidateIdType, c.idNumber AS candidateIdNumber, c.integrityRecord AS candidateIntegrity, "
            + "(SELECT status FROM photo p WHERE p.accountId = a.accountId ORDER BY p.id DESC LIMIT 1) AS photo, "
            + "(SELECT COUNT(*) FROM proof f WHERE f.applicationId = a.id) AS proofs "
            + "FROM application a JOIN account c ON c.id = a.accountId WHERE a.province = ?"
        var arguments: [StoreValue] = [.text(reviewer.province)]
        if let city = reviewer.city { sql += " AND a.city = ?"; arguments.append(.text(city)) }
        for key in ["route", "city", "auditPoint", "exam"] {
            if let value = params.filters[key] { sql += " AND a.\(key) = ?"; arguments.append(.text(value)) }
        }
        switch params.filters["state"] {
        case nil: sql += " AND a.state IN ('online-review', 'onsite-review')"
        case "all"?: break
        case let state?: sql += " AND a.state = ?"; arguments.append(.text(state))
        }
        // Unconfirmed ones (with `state: all`) first, as SQLite orders NULL; PostgreSQL is told so.
        sql += " ORDER BY a.confirmedAt NULLS FIRST, a.id LIMIT \(params.limit)"
        let rows = try context.tx.fetchAll(sql, arguments)
        let items: [JSONValue] = try rows.map { r in
            func text(_ column: String) throws -> JSONValue { try r.optionalString(column).map(JSONValue.string) ?? .null }
            var account = Account(username: "", passwordHash: "", name: try r.string("candidateName"), idType: try r.string("candidateIdType"),
                                  idNumber: try r.string("candidateIdNumber"), email: "", recoveryQuestion: "", recoveryAnswerHash: "",
                                  createdAt: Date(), updatedAt: Date())
            account.id = try r.int64("accountId")
            return .object([
                "application": .int(try r.int("id")), "exam": .string(try r.string("exam")), "year": .int(try r.int("year")),
                "state": .string(try r.string("state")), "route": try text("route"), "city": try text("city"),
                "auditPoint": try text("auditPoint"), "level": try text("level"), "specialty": try text("specialty"),
                "candidate": ["name": .string(account.name), "idType": .string(account.idType), "idNumber": .string(account.maskedIDNumber),
                              "integrityRecord": .bool(try r.bool("candidateIntegrity"))],
                "photo": .string(try r.optionalString("photo") ?? "missing"), "proofs": .int(try r.int("proofs")),
                "confirmedAt": try r.optionalDate("confirmedAt").map { .string(ServiceLog.timestamp($0)) } ?? .null,
            ])
        }
        return Result(json: ["applications": .array(items), "count": .int(items.count)])
    }
}

/// `review.decide` (资格核验, 4.5): approve, or reject with a reason the candidate sees in the status; the
/// candidate may then reopen, fix and confirm again. Only applications waiting for review, in scope.
public enum ReviewDecide: RPCMethod {
    public static let name = "review.decide"

    public typealias Params = ReviewDecisionParams

    public struct Result: RPCResult {
        let record: ApplicationRecord
        public var json: JSONValue { ["application": .int(Int(record.id!)), "state": .string(record.state)] }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let (reviewer, found) = try scoped(params.token, params.application, in: context)
        var record = found
        try ApplicationAction.review.check(record.current)
        record.decidedAt = context.now
        record.decidedBy = reviewer.actor
        let next: ApplicationState = params.decision.approve ? .approved : .rejected
        try record.move(.review, to: next, in: context, detail: ["reason": params.decision.reason.map(JSONValue.string) ?? .null])
        if !params.decision.approve, let reason = params.decision.reason {
            try record.note("review-rejected", "资格核验不通过：\(reason)", in: context)
        }
        return Result(record: record)
    }
}

/// The params of a reviewer's decision on one application (its photo, or its eligibility).
public struct ReviewDecisionParams: RPCParams {
    let token: String
    let application: Int
    let decision: ReviewDecision

    public init(from params: ParamReader) throws(RPCError) {
        token = try params.string("token")
        application = try params.int("application")
        decision = try ReviewDecision(from: params)
    }
}
