import Foundation
import Persistence

/// The operator's side of reviewer accounts: `baokao admin add-reviewer`, `disable-reviewer`, `reset-reviewer-password`.
/// Each writes an audit row with actor `operator`.
public enum Reviewers {
    public static let roles = ["reviewer", "verifier"]

    /// Creates a reviewer; throws a message for the operator when the username is taken or a field is wrong.
    public static func add(username: String, password: String, role: String, province: String, city: String?,
                           scrypt: ScryptParameters = .production, store: any ServiceStore, now: Date = Date()) throws -> Int64 {
        guard roles.contains(role) else { throw AdminError("role must be reviewer or verifier") }
        guard province.count == 6, province.allSatisfy(\.isNumber), province.hasSuffix("0000") else {
            throw AdminError("--province wants a province code such as 110000")
        }
        if let city, city.count != 6 || !city.allSatisfy(\.isNumber) || !city.hasPrefix(province.prefix(2)) {
            throw AdminError("--city wants a city code of the province, such as \(province.prefix(2))0100")
        }
        guard username.count >= 4, password.count >= 8 else { throw AdminError("username of 4+ characters and password of 8+ wanted") }
        // Hashed before the write transaction: the service's processes must not wait on it.
        let passwordHash = try Secrets.hashPassword(password, parameters: scrypt)
        return try store.write { tx in
            if try Reviewer.find(username: username, tx) != nil {
                throw AdminError("username \(username) is taken")
            }
            var reviewer = Reviewer(username: username, passwordHash: passwordHash,
                                    role: role, province: province, city: city, createdAt: now)
            try reviewer.insert(tx)
            try operatorAudit("admin.add-reviewer", reviewer, ["username": .string(username), "role": .string(role), "province": .string(province),
                                                               "city": city.map(JSONValue.string) ?? .null], now: now, tx)
            return reviewer.id!
        }
    }

    /// Disables a reviewer and ends every session it has; returns how many were ended. Idempotent.
    public static func disable(username: String, store: any ServiceStore, now: Date = Date()) throws -> Int {
        try store.write { tx in
            guard var reviewer = try Reviewer.find(username: username, tx) else {
                throw AdminError("no reviewer named \(username)")
            }
            if reviewer.disabledAt == nil {
                reviewer.disabledAt = now
                try reviewer.update(tx)
            }
            let ended = try ReviewerSessions.endAll(of: reviewer, tx)
            try operatorAudit("admin.disable-reviewer", reviewer, ["username": .string(reviewer.username), "sessionsEnded": .int(ended)], now: now, tx)
            return ended
        }
    }

    /// Sets a new password, lifts a login lock and ends every session (whoever held the old password is out);
    /// returns how many sessions were ended. A disabled reviewer stays disabled.
    public static func resetPassword(username: String, password: String, scrypt: ScryptParameters = .production,
                                     store: any ServiceStore, now: Date = Date()) throws -> Int {
        guard password.count >= 8 else { throw AdminError("a password of 8+ characters wanted") }
        let hash = try Secrets.hashPassword(password, parameters: scrypt)
        return try store.write { tx in
            guard var reviewer = try Reviewer.find(username: username, tx) else {
                throw AdminError("no reviewer named \(username)")
            }
            reviewer.passwordHash = hash
            reviewer.failedLogins = 0
            reviewer.lockedUntil = nil
            try reviewer.update(tx)
            let ended = try ReviewerSessions.endAll(of: reviewer, tx)
            try operatorAudit("admin.reset-reviewer-password", reviewer, ["username": .string(reviewer.username), "sessionsEnded": .int(ended)], now: now, tx)
            return ended
        }
    }

    private static func operatorAudit(_ action: String, _ reviewer: Reviewer, _ detail: JSONValue, now: Date, _ tx: any StoreTransaction) throws {
        try tx.execute("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, 'operator', ?, ?, ?)",
                       now, action, reviewer.actor, detail.serialized)
    }

    public struct AdminError: Error, CustomStringConvertible {
        public let description: String
        init(_ description: String) { self.description = description }
    }
}
