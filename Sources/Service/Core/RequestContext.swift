import Foundation
import GRDB
import Vocabulary

/// What a method sees while it runs: the request's transaction, the time (read once, so a request sees
/// one instant), the configuration, and the means to record who did what.
public final class RequestContext {
    public let db: Database
    public let now: Date
    public let configuration: ServiceConfiguration
    /// The JSON-RPC id as sent (serialized), for the audit table; nil for a notification.
    public let requestID: String?
    /// Who acts: an account id once a session or credentials proved it, else "anonymous".
    public private(set) var actor = "anonymous"
    /// Extra log fields; only masked or non-secret values belong here.
    var logFields: [String: JSONValue] = [:]

    init(db: Database, now: Date, configuration: ServiceConfiguration, requestID: String?) {
        self.db = db
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

    /// Writes one audit row in the request's transaction: it commits or rolls back with the change it records.
    func audit(_ action: String, subject: String? = nil, detail: JSONValue? = nil) throws {
        try db.execute(
            sql: "INSERT INTO audit (at, requestId, actor, action, subject, detail) VALUES (?, ?, ?, ?, ?, ?)",
            arguments: [now, requestID, actor, action, subject, detail?.serialized])
    }
}
