import Foundation
import Persistence
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

    func insert(accountID: Int64, position: Int, now: Date, _ tx: any StoreTransaction) throws {
        try tx.execute("""
            INSERT INTO \(kind.rawValue) (accountId, position, level, major, school, date, fullTime, certificateNumber, createdAt)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """, accountID, position, level, major, school, date.description, fullTime, certificateNumber, now)
    }

    /// Stored records of an account, for results.
    static func list(_ kind: QualificationKind, accountID: Int64, _ tx: any StoreTransaction) throws -> JSONValue {
        let rows = try tx.fetchAll("SELECT level, major, school, date, fullTime, verification FROM \(kind.rawValue) WHERE accountId = ? ORDER BY position",
                                   accountID)
        return .array(try rows.map { row in
            var object: [String: JSONValue] = [
                "level": .string(try row.string("level")), "major": .string(try row.string("major")),
                "school": .string(try row.string("school")),
                (kind == .education ? "graduated" : "awarded"): .string(try row.string("date")),
                "verification": .string(try row.string("verification")),
            ]
            if kind == .education, let fullTime = try row.optionalBool("fullTime") { object["fullTime"] = .bool(fullTime) }
            return .object(object)
        })
    }
}
