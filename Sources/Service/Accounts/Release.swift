import Foundation
import Persistence
import Vocabulary

/// The examination authority's reset of a document (`baokao admin release-id`): when a candidate's ID number
/// was registered by someone else (or under a misspelt name), the authority checks the candidate's papers in
/// person and releases it. The account that held it is closed for good — its sessions end, it logs in no
/// more, its phone is unbound — but keeps its rows (applications, payments, audit) as they were; the document
/// may then register again.
public enum AccountRelease {
    public struct Released: Sendable {
        public let accountID: Int64
        public let username: String
        public let maskedIDNumber: String
    }

    public static func release(idType: String, idNumber: String, reason: String, store: any ServiceStore, now: Date = Date()) throws -> Released {
        let document: IdentityDocument
        do {
            document = try IdentityDocument(type: try IDType(idOrName: idType), number: idNumber, today: CalendarDate.today(at: now))
        } catch {
            throw Reviewers.AdminError("not a valid document: \(error)")
        }
        guard !reason.trimmingCharacters(in: .whitespaces).isEmpty else { throw Reviewers.AdminError("--reason is required (it goes into the audit)") }
        return try store.write { tx in
            guard let account = try Account.find(document: document, tx) else {
                throw Reviewers.AdminError("no open account holds \(document.type.rawValue) \(idNumber)")
            }
            try tx.execute("UPDATE account SET releasedAt = ?, releasedReason = ?, phone = NULL, updatedAt = ? WHERE id = ?",
                           now, reason, now, account.id)
            try tx.execute("UPDATE session SET endedAt = ? WHERE accountId = ? AND endedAt IS NULL", now, account.id)
            try tx.execute("INSERT INTO audit (at, actor, action, subject, detail) VALUES (?, 'operator', 'admin.release-id', ?, ?)",
                           now, account.subject, (["idNumber": .string(account.maskedIDNumber), "phone": account.maskedPhone.map(JSONValue.string) ?? .null,
                                                   "reason": .string(reason)] as JSONValue).serialized)
            return Released(accountID: account.id!, username: account.username, maskedIDNumber: account.maskedIDNumber)
        }
    }
}
