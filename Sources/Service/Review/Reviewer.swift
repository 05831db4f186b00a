import Foundation
import Vocabulary
import Persistence

/// A member of an examination authority's staff (schema v2), created by the operator command
/// `baokao admin add-reviewer`. A `reviewer` sees and decides only applications of its province (and city,
/// when it has one); a `verifier` stands for the national identity/education/degree verification service
/// and may only call `verification.update`.
struct Reviewer: StoredRecord {
    static let table = "reviewer"
    static let columns = StoreColumns([
        "username", "passwordHash", "role", "province", "city", "failedLogins", "lockedUntil", "createdAt", "disabledAt",
    ])
    static let insertSQL = makeInsertSQL(table: table, columns: columns)

    var id: Int64?
    var username: String
    var passwordHash: String
    var role: String
    var province: String
    var city: String?
    var failedLogins: Int = 0
    var lockedUntil: Date?
    var createdAt: Date
    /// Set by `baokao admin disable-reviewer`: no login, no session.
    var disabledAt: Date?
    var stored: StoreRow?

    init(username: String, passwordHash: String, role: String, province: String, city: String?, createdAt: Date) {
        self.username = username
        self.passwordHash = passwordHash
        self.role = role
        self.province = province
        self.city = city
        self.createdAt = createdAt
    }

    init(row: StoreRow) throws {
        id = try row.int64("id")
        username = try row.string("username")
        passwordHash = try row.string("passwordHash")
        role = try row.string("role")
        province = try row.string("province")
        city = try row.optionalString("city")
        failedLogins = try row.int("failedLogins")
        lockedUntil = try row.optionalDate("lockedUntil")
        createdAt = try row.date("createdAt")
        disabledAt = try row.optionalDate("disabledAt")
        stored = row
    }

    var values: [StoreValue] {
        [.text(username), .text(passwordHash), .text(role), .text(province), city.storeValue, failedLogins.storeValue,
         lockedUntil.storeValue, createdAt.storeValue, disabledAt.storeValue]
    }

    static func find(id: Int64, _ tx: any StoreTransaction) throws -> Reviewer? {
        try tx.fetchOne("SELECT * FROM reviewer WHERE id = ?", id).map(Reviewer.init(row:))
    }

    /// The reviewer of a username, whatever its case.
    static func find(username: String, _ tx: any StoreTransaction) throws -> Reviewer? {
        try tx.fetchOne("SELECT * FROM reviewer WHERE \(tx.caseInsensitiveMatch("username")) LIMIT 1", username).map(Reviewer.init(row:))
    }

    var actor: String { "reviewer:\(id ?? 0)" }

    /// Refuses unless the application lies in this reviewer's province (and city).
    func requireScope(_ record: ApplicationRecord) throws {
        guard role == "reviewer", record.province == province, city == nil || record.city == city else {
            throw DomainError(.outOfScope, "该报名不在您的审核范围内", ["province": .string(province), "city": city.map(JSONValue.string) ?? .null])
        }
    }

    func requireRole(_ wanted: String) throws {
        guard role == wanted else {
            throw DomainError(.outOfScope, "您的账号无权进行此操作", ["role": .string(role)])
        }
    }
}

/// Reviewer sessions: like candidates' (a random token stored as its SHA-256, two hours idle), in their
/// own table so that no candidate token opens a reviewer's door.
enum ReviewerSessions {
    static func reviewer(token: String, in context: RequestContext) throws -> Reviewer {
        let hash = Secrets.sha256Hex(token)
        let row = try context.tx.fetchOne("SELECT reviewerId, lastSeenAt FROM reviewerSession WHERE tokenHash = ?", hash)
        guard let row, case let lastSeenAt = try row.date("lastSeenAt"),
              context.now.timeIntervalSince(lastSeenAt) < context.configuration.reviewerIdleTimeout,
              let reviewer = try Reviewer.find(id: try row.int64("reviewerId"), context.tx), reviewer.disabledAt == nil
        else {
            throw DomainError(.reviewerSessionInvalid, "登录已失效，请重新登录")
        }
        if context.now.timeIntervalSince(lastSeenAt) >= Sessions.touchGranularity {
            try context.tx.execute("UPDATE reviewerSession SET lastSeenAt = ? WHERE tokenHash = ?", context.now, hash)
        }
        context.act(as: reviewer.actor)
        return reviewer
    }

    /// Ends every session of a reviewer (disabled, or its password reset); returns how many there were.
    static func endAll(of reviewer: Reviewer, _ tx: any StoreTransaction) throws -> Int {
        try tx.execute("DELETE FROM reviewerSession WHERE reviewerId = ?", reviewer.id)
    }
}

/// `review.logout`: ends the reviewer's session at once (a shared office computer must not keep it open
/// for the two idle hours).
public enum ReviewLogout: RPCMethod {
    public static let name = "review.logout"

    public struct Params: RPCParams {
        let token: String
        public init(from params: ParamReader) throws(RPCError) {
            token = try params.string("token")
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        let reviewer = try ReviewerSessions.reviewer(token: params.token, in: context)
        try context.tx.execute("DELETE FROM reviewerSession WHERE tokenHash = ?", Secrets.sha256Hex(params.token))
        try context.audit("review.logout", subject: reviewer.actor)
        return Done()
    }
}

/// `review.login`: a reviewer's username and password → a token for the review methods. (An addition to
/// INTERFACE.md's list: staff need their own login.) The password is checked in `prepare`, outside the write
/// lock, against a decoy for an unknown username.
public enum ReviewLogin: PreparedRPCMethod {
    public static let name = "review.login"

    public struct Params: RPCParams {
        let username: String
        let password: String
        public init(from params: ParamReader) throws(RPCError) {
            username = try params.text("username", maximumLength: 40)
            password = try params.string("password")
        }
    }

    public struct Result: RPCResult {
        let token: String
        let reviewer: Reviewer
        public var json: JSONValue {
            ["token": .string(token), "role": .string(reviewer.role), "province": .string(reviewer.province),
             "city": reviewer.city.map(JSONValue.string) ?? .null]
        }
    }

    public struct Prepared {
        let params: Params
        let reviewerID: Int64?
        let password: SecretCheck
    }

    public static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared {
        let reviewer = try context.read { tx in try Reviewer.find(username: params.username, tx) }
        return Prepared(params: params, reviewerID: reviewer?.id,
                        password: SecretCheck(params.password, against: reviewer?.passwordHash, decoy: context.configuration.scrypt))
    }

    public static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result {
        let found = try Reviewer.find(username: prepared.params.username, context.tx)
        guard found?.id == prepared.reviewerID else { throw PreparationStale("reviewer") }
        try prepared.password.requireUnchanged(found?.passwordHash, "reviewer.passwordHash")
        guard var reviewer = found else {
            throw DomainError(.reviewerLoginFailed, "用户名或密码错误")
        }
        if let until = reviewer.lockedUntil, until > context.now {
            throw DomainError(.accountLocked, "密码错误次数过多，账号已锁定，请稍后再试", ["lockedUntil": .string(ServiceLog.timestamp(until))])
        }
        guard prepared.password.matches else {
            // Bookkeeping kept by the refusal (a domain refusal commits): the count towards the lock.
            reviewer.failedLogins += 1
            if reviewer.failedLogins >= context.configuration.loginFailuresBeforeLock {
                reviewer.failedLogins = 0
                reviewer.lockedUntil = context.now.addingTimeInterval(context.configuration.lockDuration)
            }
            try reviewer.update(context.tx)
            try context.audit(reviewer.lockedUntil != nil ? "review.locked" : "review.login-failed", subject: reviewer.actor)
            throw DomainError(.reviewerLoginFailed, "用户名或密码错误")
        }
        // Said only to whoever knows the password: a guesser learns nothing about the account.
        if reviewer.disabledAt != nil {
            try context.audit("review.login-disabled", subject: reviewer.actor)
            throw DomainError(.reviewerLoginFailed, "该审核账号已停用，请联系考试机构", ["reason": "disabled"])
        }
        if reviewer.failedLogins > 0 || reviewer.lockedUntil != nil {
            reviewer.failedLogins = 0
            reviewer.lockedUntil = nil
            try reviewer.update(context.tx)
        }
        var token = Secrets.newToken()
        if context.configuration.demoMode {
            let n = try context.tx.fetchCount("SELECT COUNT(*) FROM reviewerSession WHERE reviewerId = ?", reviewer.id)
            token = "demo-reviewer-\(reviewer.username)-\(n + 1)"
        }
        try context.tx.execute("INSERT INTO reviewerSession (tokenHash, reviewerId, createdAt, lastSeenAt) VALUES (?, ?, ?, ?)",
                               Secrets.sha256Hex(token), reviewer.id, context.now, context.now)
        context.act(as: reviewer.actor)
        try context.audit("review.login", subject: reviewer.actor)
        return Result(token: token, reviewer: reviewer)
    }
}
