import Foundation
import Persistence
import Vocabulary

/// What is known of a request before its transaction: the time (read once, so a request sees one instant),
/// the configuration, who acts and what to log. `PrepareContext` and `RequestContext` share it.
public class RequestFacts {
    public let now: Date
    public let configuration: ServiceConfiguration
    /// The JSON-RPC id as sent (serialized), for the audit table; nil for a notification.
    public let requestID: String?
    /// Who acts: an account id once a session or credentials proved it, else "anonymous".
    public fileprivate(set) var actor = "anonymous"
    /// Extra log fields; only masked or non-secret values belong here.
    var logFields: [String: JSONValue] = [:]
    /// Who sent the request as its transport knows it — `baokao-server` sets the HTTP peer's address — or nil
    /// (stdio, where the front end passes `client` itself). When set, it is the client that `sms.send`'s
    /// per-client limit counts, whatever the request's `client` param says: a caller cannot pick its own.
    public internal(set) var transportClient: String?

    init(now: Date, configuration: ServiceConfiguration, requestID: String?) {
        self.now = now
        self.configuration = configuration
        self.requestID = requestID
    }

    /// The date in China, for validating birth dates in ID numbers and counting SMS per day.
    public var today: CalendarDate { CalendarDate.today(at: now) }

    func act(asAccount id: Int64) {
        actor = "account:\(id)"
        logFields["account"] = .number(String(id))
    }

    /// A non-candidate actor: `reviewer:N`, `gateway`, `system`.
    func act(as actor: String) {
        self.actor = actor
        logFields["actor"] = .string(actor)
    }

    func log(_ key: String, _ value: String) { logFields[key] = .string(value) }
}

/// What `PreparedRPCMethod.prepare` sees: no transaction, but short read snapshots on demand.
public final class PrepareContext: RequestFacts {
    let store: any ServiceStore

    init(store: any ServiceStore, now: Date, configuration: ServiceConfiguration, requestID: String?) {
        self.store = store
        super.init(now: now, configuration: configuration, requestID: requestID)
    }

    /// Whether the request's captcha was passed already (a request prepared again must not use it twice).
    private(set) var captchaPassed = false
    /// A captcha to check in the request's write transaction, before its savepoint (`require(_:)`).
    private(set) var captchaToCheck: Captcha?

    /// Checks the request's captcha and commits its use in a short write transaction of its own, before the
    /// request runs: nothing the request does later can give it back. Throws the refusal. Does nothing
    /// without a captcha, with `--captcha off`, or when passed already. For a request that then hashes (a
    /// bot must cost no hash) or runs in a read transaction.
    func pass(_ captcha: Captcha?) throws {
        guard let captcha, configuration.captchaEnabled, !captchaPassed else { return }
        let now = now
        let refusal = try store.write { tx in try captcha.check(in: tx, now: now) }
        if let refusal { throw refusal }
        captchaPassed = true
    }

    /// Notes the request's captcha for its write transaction (`BaokaoService.runWriteGroup`), which checks it
    /// outside the request's savepoint — its use commits with the group even when the request rolls back —
    /// and one commit serves the group, where `pass` cost a commit (an `fsync`) per request (issue #14).
    func require(_ captcha: Captcha?) {
        guard let captcha, configuration.captchaEnabled, !captchaPassed else { return }
        captchaToCheck = captcha
    }

    /// The noted captcha's use has committed.
    func captchaCommitted() {
        captchaPassed = true
        captchaToCheck = nil
    }

    /// Runs `body` in a read transaction of its own: a consistent snapshot that holds no lock writers wait on.
    public func read<T>(_ body: (any StoreTransaction) throws -> T) throws -> T {
        try store.read(body)
    }
}

/// What a method sees while it runs: the request's transaction (or savepoint) and the request's facts.
public final class RequestContext: RequestFacts {
    /// The request's transaction: a read transaction, or its savepoint in a write transaction.
    public let tx: any StoreTransaction
    /// False in a read transaction: a session's idle clock is then refreshed after it (`pendingSessionTouch`).
    public let canWrite: Bool
    /// A session whose `lastSeenAt` is due for a refresh, noted by a read-only request.
    var pendingSessionTouch: String?

    /// The context of the transaction step of a request, carrying over what its preparation learnt.
    init(tx: any StoreTransaction, canWrite: Bool, continuing facts: RequestFacts) {
        self.tx = tx
        self.canWrite = canWrite
        super.init(now: facts.now, configuration: facts.configuration, requestID: facts.requestID)
        actor = facts.actor
        logFields = facts.logFields
        transportClient = facts.transportClient
    }

    init(tx: any StoreTransaction, now: Date, configuration: ServiceConfiguration, requestID: String?) {
        self.tx = tx
        self.canWrite = true
        super.init(now: now, configuration: configuration, requestID: requestID)
    }

    /// Writes one audit row in the request's transaction: it commits or rolls back with the change it records.
    func audit(_ action: String, subject: String? = nil, detail: JSONValue? = nil) throws {
        try tx.execute("INSERT INTO audit (at, requestId, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
                       now, requestID, actor, action, subject, detail?.serialized)
    }
}
