import Foundation
import Persistence
import Vocabulary

/// A candidate's account row. Name, ID type and number never change once registered (seed manual, 1).
struct Account: StoredRecord {
    static let table = "account"
    static let columns = StoreColumns([
        "username", "passwordHash", "name", "idType", "idNumber", "email", "phone", "recoveryQuestion", "recoveryAnswerHash",
        "identityVerification", "integrityRecord", "failedLogins", "lockedUntil", "recoveryFailures", "recoveryLockedUntil",
        "releasedAt", "createdAt", "updatedAt",
    ])
    static let insertSQL = makeInsertSQL(table: table, columns: columns)

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
    var stored: StoreRow?

    init(username: String, passwordHash: String, name: String, idType: String, idNumber: String, email: String,
         phone: String? = nil, recoveryQuestion: String, recoveryAnswerHash: String, createdAt: Date, updatedAt: Date) {
        self.username = username
        self.passwordHash = passwordHash
        self.name = name
        self.idType = idType
        self.idNumber = idNumber
        self.email = email
        self.phone = phone
        self.recoveryQuestion = recoveryQuestion
        self.recoveryAnswerHash = recoveryAnswerHash
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    init(row: StoreRow) throws {
        id = try row.int64("id")
        username = try row.string("username")
        passwordHash = try row.string("passwordHash")
        name = try row.string("name")
        idType = try row.string("idType")
        idNumber = try row.string("idNumber")
        email = try row.string("email")
        phone = try row.optionalString("phone")
        recoveryQuestion = try row.string("recoveryQuestion")
        recoveryAnswerHash = try row.string("recoveryAnswerHash")
        identityVerification = try row.string("identityVerification")
        integrityRecord = try row.bool("integrityRecord")
        failedLogins = try row.int("failedLogins")
        lockedUntil = try row.optionalDate("lockedUntil")
        recoveryFailures = try row.int("recoveryFailures")
        recoveryLockedUntil = try row.optionalDate("recoveryLockedUntil")
        releasedAt = try row.optionalDate("releasedAt")
        createdAt = try row.date("createdAt")
        updatedAt = try row.date("updatedAt")
        stored = row
    }

    var values: [StoreValue] {
        [.text(username), .text(passwordHash), .text(name), .text(idType), .text(idNumber), .text(email), phone.storeValue,
         .text(recoveryQuestion), .text(recoveryAnswerHash), .text(identityVerification), integrityRecord.storeValue,
         failedLogins.storeValue, lockedUntil.storeValue, recoveryFailures.storeValue, recoveryLockedUntil.storeValue,
         releasedAt.storeValue, createdAt.storeValue, updatedAt.storeValue]
    }

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

    /// The account with this id, if any.
    static func find(id: Int64, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne("SELECT * FROM account WHERE id = ?", id).map(Account.init(row:))
    }

    /// The open account of a username, whatever its case (a released one logs in no more).
    static func find(username: String, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne("SELECT * FROM account WHERE \(tx.caseInsensitiveMatch("username")) AND releasedAt IS NULL LIMIT 1", username)
            .map(Account.init(row:))
    }

    /// Whether any account, released ones included, has the username (whatever its case).
    static func usernameTaken(_ username: String, _ tx: any StoreTransaction) throws -> Bool {
        try tx.fetchOne("SELECT 1 FROM account WHERE \(tx.caseInsensitiveMatch("username")) LIMIT 1", username) != nil
    }

    /// The open account of this document, whatever its name: a document registers once.
    static func find(document: IdentityDocument, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne("SELECT * FROM account WHERE idType = ? AND idNumber = ? AND releasedAt IS NULL ORDER BY id LIMIT 1",
                        document.type.rawValue, document.number).map(Account.init(row:))
    }

    /// The open account of this document and name, if any (recovery asks for both).
    static func find(document: IdentityDocument, name: PersonName, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne("SELECT * FROM account WHERE idType = ? AND idNumber = ? AND name = ? AND releasedAt IS NULL ORDER BY id LIMIT 1",
                        document.type.rawValue, document.number, name.value).map(Account.init(row:))
    }

    static func find(phone: MobileNumber, _ tx: any StoreTransaction) throws -> Account? {
        try tx.fetchOne("SELECT * FROM account WHERE phone = ? LIMIT 1", phone.value).map(Account.init(row:))
    }

    /// The number of education (or degree) records of the account.
    func recordCount(_ table: QualificationKind, _ tx: any StoreTransaction) throws -> Int {
        try tx.fetchCount("SELECT COUNT(*) FROM \(table.rawValue) WHERE accountId = ?", id)
    }

    /// Whether the photo page comes next: no photo yet, or the last one was rejected in review.
    func photoRequired(_ tx: any StoreTransaction) throws -> Bool {
        let status = try Photos.latestStatus(accountID: id, tx)
        return status == nil || status == "rejected"
    }
}
