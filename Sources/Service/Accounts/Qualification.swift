import Foundation
import GRDB
import Vocabulary

enum QualificationKind: String {
    case education
    case degree
}

/// An education (学历) or degree (学位) record as entered: validated through the vocabulary, and compared
/// field by field in the second confirmation of registration.
struct Qualification: Equatable {
    var kind: QualificationKind
    /// `EducationLevel` or `DegreeLevel` raw value.
    var level: String
    var major: String
    var school: String
    /// Graduation (education) or award (degree) date.
    var date: CalendarDate
    var fullTime: Bool?
    var certificateNumber: String?

    /// The fields compared in the second confirmation, in the order a mismatch is reported.
    static let confirmedFields = ["level", "major", "school", "date"]

    var dateKey: String { kind == .education ? "graduated" : "awarded" }

    init(_ kind: QualificationKind, from params: ParamReader) throws(RPCError) {
        let today = params.today
        self.kind = kind
        switch kind {
        case .education: level = try params.value("level") { try EducationLevel(idOrName: $0).rawValue }
        case .degree: level = try params.value("level") { try DegreeLevel(idOrName: $0).rawValue }
        }
        major = try params.text("major", maximumLength: 60)
        school = try params.text("school", maximumLength: 100)
        let key = kind == .education ? "graduated" : "awarded"
        let date = try params.value(key) { try CalendarDate.parse($0) }
        guard date <= today else {
            throw .invalidParams(field: params.path(key), code: "date-in-future",
                                 message: "\(params.path(key))：日期\(date)晚于今天")
        }
        self.date = date
        fullTime = kind == .education ? (try params.optionalBool("fullTime") ?? true) : nil
        if try params.optionalString("certificateNumber") != nil {
            certificateNumber = try params.text("certificateNumber", maximumLength: 40)
        }
    }

    /// The first field where `other` (entered again) differs, by its wire name; nil when they agree.
    func firstDifference(from other: Qualification) -> String? {
        if level != other.level { return "level" }
        if major != other.major { return "major" }
        if school != other.school { return "school" }
        if date != other.date { return dateKey }
        return nil
    }

    func insert(accountID: Int64, position: Int, now: Date, _ db: Database) throws {
        try db.execute(sql: """
            INSERT INTO \(kind.rawValue) (accountId, position, level, major, school, date, fullTime, certificateNumber, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, arguments: [accountID, position, level, major, school, date.description, fullTime, certificateNumber, now])
    }

    /// Stored records of an account, for results.
    static func list(_ kind: QualificationKind, accountID: Int64, _ db: Database) throws -> JSONValue {
        let rows = try Row.fetchAll(db, sql: "SELECT * FROM \(kind.rawValue) WHERE accountId = ? ORDER BY position",
                                    arguments: [accountID])
        return .array(rows.map { row in
            var object: [String: JSONValue] = [
                "level": .string(row["level"]), "major": .string(row["major"]), "school": .string(row["school"]),
                (kind == .education ? "graduated" : "awarded"): .string(row["date"]),
                "verification": .string(row["verification"]),
            ]
            if kind == .education, let fullTime: Bool = row["fullTime"] { object["fullTime"] = .bool(fullTime) }
            return .object(object)
        })
    }
}
