import Foundation
import GRDB
import Vocabulary

/// A candidate's account row. Name, ID type and number never change once registered (seed manual, 1).
struct Account: Codable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "account"

    var id: Int64?
    var username: String
    var passwordHash: String
    var name: String
    var idType: String
    var idNumber: String
    var email: String
    var phone: String?
    var recoveryQuestion: String
    var recoveryAnswerHash: String
    var identityVerification: String = "pending"
    /// 失信: an entry in the integrity record (v2), set by `verification.update`.
    var integrityRecord: Bool = false
    var failedLogins: Int = 0
    var lockedUntil: Date?
    var recoveryFailures: Int = 0
    var recoveryLockedUntil: Date?
    /// Set when the examination authority released the account's document (`baokao admin release-id`):
    /// the account is closed for good and its document and phone are free.
    var releasedAt: Date?
    var createdAt: Date
    var updatedAt: Date

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var subject: String { "account:\(id ?? 0)" }

    /// `110105********002X` for a resident ID; other documents keep their first two and last two characters.
    var maskedIDNumber: String {
        if idType == IDType.residentID.rawValue, idNumber.count == 18 {
            return String(idNumber.prefix(6)) + "********" + String(idNumber.suffix(4))
        }
        guard idNumber.count > 4 else { return String(repeating: "*", count: idNumber.count) }
        return String(idNumber.prefix(2)) + String(repeating: "*", count: idNumber.count - 4) + String(idNumber.suffix(2))
    }

    var maskedPhone: String? { maskedPhone(phone) }

    func maskedPhone(_ phone: String?) -> String? { phone.flatMap { try? MobileNumber($0).masked } }

    /// The open account of a username (a released one logs in no more).
    static func find(username: String, _ db: Database) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT * FROM account WHERE username = ? COLLATE NOCASE AND releasedAt IS NULL", arguments: [username])
    }

    /// Whether any account, released ones included, has the username.
    static func usernameTaken(_ username: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM account WHERE username = ? COLLATE NOCASE)", arguments: [username]) ?? false
    }

    /// The open account of this document, whatever its name: a document registers once.
    static func find(document: IdentityDocument, _ db: Database) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT * FROM account WHERE idType = ? AND idNumber = ? AND releasedAt IS NULL ORDER BY id LIMIT 1",
                             arguments: [document.type.rawValue, document.number])
    }

    /// The open account of this document and name, if any (recovery asks for both).
    static func find(document: IdentityDocument, name: PersonName, _ db: Database) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT * FROM account WHERE idType = ? AND idNumber = ? AND name = ? AND releasedAt IS NULL",
                             arguments: [document.type.rawValue, document.number, name.value])
    }

    static func find(phone: MobileNumber, _ db: Database) throws -> Account? {
        try Account.fetchOne(db, sql: "SELECT * FROM account WHERE phone = ?", arguments: [phone.value])
    }

    /// The number of education (or degree) records of the account.
    func recordCount(_ table: QualificationKind, _ db: Database) throws -> Int {
        try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM \(table.rawValue) WHERE accountId = ?", arguments: [id]) ?? 0
    }

    /// Whether the photo page comes next: no photo yet, or the last one was rejected in review.
    func photoRequired(_ db: Database) throws -> Bool {
        let status = try String.fetchOne(db, sql: "SELECT status FROM photo WHERE accountId = ? ORDER BY id DESC LIMIT 1",
                                         arguments: [id])
        return status == nil || status == "rejected"
    }
}
