import Eligibility
import Foundation
import Vocabulary
import Persistence

/// What the candidate fills in on the page of figure 4.2-2, as read from `application.save`, kept as JSON
/// in the row and read back the same way at confirmation.
struct ApplicationInput {
    var city: String
    var auditPoint: String
    var level: String?
    var specialty: String?
    var subjects: [String]?
    var basis: Application.Basis
    var exemption: String?
    var relevantWorkYears: Double?
    var workPeriods: [WorkPeriod]?
    var workStart: String?
    var titles: [Title]
    var certificates: [Certificate]

    static let keys = ["city", "auditPoint", "level", "specialty", "subjects", "basis", "exemption", "relevantWorkYears",
                       "workPeriods", "workStart", "titles", "certificates"]

    init(from params: ParamReader) throws(RPCError) {
        city = try params.text("city", maximumLength: 40)
        auditPoint = try params.text("auditPoint", maximumLength: 60)
        level = try params.optionalString("level")
        specialty = try params.optionalString("specialty")
        subjects = try params.optionalStrings("subjects")
        let basisText = try params.optionalString("basis") ?? "full"
        guard let basis = Application.Basis(rawValue: basisText) else {
            throw .invalidParams(field: params.path("basis"), code: "value-unknown", message: "basis应为full、exempt或add-specialty")
        }
        self.basis = basis
        exemption = try params.optionalString("exemption")
        relevantWorkYears = try params.optionalDouble("relevantWorkYears")
        let periods = try params.objects("workPeriods")
        var readPeriods: [WorkPeriod] = []
        for p in periods { readPeriods.append(WorkPeriod(from: try p.optionalString("from"), to: try p.optionalString("to"))) }
        workPeriods = periods.isEmpty ? nil : readPeriods
        workStart = try params.optionalString("workStart")
        titles = []
        for t in try params.objects("titles") {
            var title = Title()
            title.name = try t.optionalString("name")
            title.level = try t.optionalString("level")
            title.series = try t.optionalString("series")
            title.obtained = try t.optionalString("obtained")
            titles.append(title)
        }
        certificates = []
        for c in try params.objects("certificates") {
            var certificate = Certificate()
            certificate.name = try c.optionalString("name")
            certificate.obtained = try c.optionalString("obtained")
            certificates.append(certificate)
        }
    }

    /// The entries of `params` this type reads, as stored (validated by `init` before).
    static func stored(from params: ParamReader) -> String {
        JSONValue.object(params.members.filter { keys.contains($0.key) }).serialized
    }

    static func restore(_ text: String, today: CalendarDateProvider) throws -> ApplicationInput {
        let reader = try ParamReader(try JSONParser.parse(text), today: today.today)
        return try ApplicationInput(from: reader)
    }

    /// The application the evaluator judges: the account's registered data (with the verification state of
    /// each record and the integrity record) and these entries.
    func application(record: ApplicationRecord, account: Account, commitment: Bool?, _ tx: any StoreTransaction) throws -> Application {
        var app = Application()
        app.exam = record.exam
        app.year = record.year
        app.province = record.province
        app.city = city
        app.auditPoint = auditPoint
        app.level = level
        app.specialty = specialty
        app.subjects = subjects
        app.basis = basis
        app.exemption = exemption
        app.relevantWorkYears = relevantWorkYears
        app.workPeriods = workPeriods
        var c = Candidate()
        c.name = account.name
        c.idType = account.idType
        c.idNumber = account.idNumber
        c.phone = account.phone
        c.email = account.email
        c.workStart = workStart
        c.titles = titles
        c.certificates = certificates
        c.integrityRecord = account.integrityRecord
        c.commitment = commitment
        c.identityVerification = account.identityVerification
        for row in try tx.fetchAll("SELECT level, major, school, date, fullTime, verification FROM education WHERE accountId = ? ORDER BY position",
                                   account.id) {
            var e = EducationRecord()
            e.level = try row.optionalString("level")
            e.major = try row.optionalString("major")
            e.school = try row.optionalString("school")
            e.graduated = try row.optionalString("date")
            e.fullTime = try row.optionalBool("fullTime")
            e.verification = try row.optionalString("verification")
            c.education.append(e)
        }
        for row in try tx.fetchAll("SELECT level, major, date, verification FROM degree WHERE accountId = ? ORDER BY position", account.id) {
            var d = DegreeRecord()
            d.level = try row.optionalString("level")
            d.major = try row.optionalString("major")
            d.awarded = try row.optionalString("date")
            d.verification = try row.optionalString("verification")
            c.degrees.append(d)
        }
        app.candidate = c
        return app
    }
}

/// Anything that knows today's date in China (the request context).
protocol CalendarDateProvider {
    var today: CalendarDate { get }
}

extension RequestContext: CalendarDateProvider {}

/// The evaluator's verdict, judged for the service: refusals carry every reason.
enum Judgement {
    static func evaluate(_ app: Application, with exam: ExamContext) throws -> Verdict {
        switch exam.evaluator.evaluate(app) {
        case .failure(let error): throw EligibilityEvaluate.invalid(error)
        case .success(let verdict):
            guard verdict.eligible else {
                let reasons: [JSONValue] = verdict.reasons.map { r in
                    .object(["code": .string(r.code), "message": .string(r.message), "rule": .string(r.rule),
                             "source": .string(r.source), "basis": r.basis.map(JSONValue.string) ?? .null])
                }
                let first = verdict.reasons.first?.message ?? "不符合报考条件"
                throw DomainError(.notEligible, "不符合报考条件：\(first)。请修改后重新保存",
                                  ["reasons": .array(reasons), "advice": .array(verdict.advice.map(JSONValue.string))])
            }
            return verdict
        }
    }

    /// The verdict as stored in the application's row: the JSON `baokao eval` writes for it, kept as written
    /// (parsing it into a value only to serialise it again cost a tenth of a save, issue #14).
    static func storedText(_ verdict: Verdict) -> String {
        var w = Eligibility.JSONWriter()
        verdict.write(to: &w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}
