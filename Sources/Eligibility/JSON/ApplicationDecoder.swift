/// An application that could not be read: the error, and the id when it was read before the problem.
public struct DecodingFailure: Error, Sendable {
    public let id: JSONScalar?
    public let error: ApplicationError
}

/// Reads one application from JSON bytes into ``Application``, through ``ScannedApplication``: the same
/// reading, and the same errors, as ``Evaluator/evaluate(json:explain:)``.
public enum ApplicationDecoder {
    /// The application, or the error with the id when it was read before the problem.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Application, DecodingFailure> {
        ScannedApplication.scan(bytes).map { $0.application() }
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Application, DecodingFailure> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }
}

extension ScannedApplication {
    /// The application with its values as strings.
    func application() -> Application {
        let s = { (text: Text?) in texts.string(text) }
        var app = Application()
        app.id = id
        app.exam = s(exam)
        app.year = year
        app.province = s(province)
        app.city = s(city)
        app.auditPoint = s(auditPoint)
        app.level = s(level)
        app.specialty = s(specialty)
        app.subjects = subjects?.map { texts.string($0) }
        app.basis = basis
        app.exemption = s(exemption)
        app.relevantWorkYears = relevantWorkYears
        app.workPeriods = workPeriods?.map { WorkPeriod(from: s($0.from), to: s($0.to)) }
        app.photo = s(photo)
        app.unknownFields = unknownFields
        let c = candidate
        app.candidate.name = s(c.name)
        app.candidate.idType = s(c.idType)
        app.candidate.idNumber = s(c.idNumber)
        app.candidate.phone = s(c.phone)
        app.candidate.email = s(c.email)
        app.candidate.gender = s(c.gender)
        app.candidate.ethnicGroup = s(c.ethnicGroup)
        app.candidate.workUnit = s(c.workUnit)
        app.candidate.workStart = s(c.workStart)
        app.candidate.identityVerification = s(c.identityVerification)
        app.candidate.integrityRecord = c.integrityRecord
        app.candidate.commitment = c.commitment
        app.candidate.education = c.education.map { e in
            var record = EducationRecord()
            record.level = s(e.level)
            record.major = s(e.major)
            record.school = s(e.school)
            record.graduated = s(e.graduated)
            record.enrolled = s(e.enrolled)
            record.fullTime = e.fullTime
            record.verification = s(e.verification)
            return record
        }
        app.candidate.degrees = c.degrees.map { d in
            var record = DegreeRecord()
            record.level = s(d.level)
            record.major = s(d.major)
            record.awarded = s(d.awarded)
            record.verification = s(d.verification)
            return record
        }
        app.candidate.titles = c.titles.map { t in
            var title = Title()
            title.name = s(t.name)
            title.level = s(t.level)
            title.series = s(t.series)
            title.obtained = s(t.obtained)
            return title
        }
        app.candidate.certificates = c.certificates.map { cert in
            var certificate = Certificate()
            certificate.name = s(cert.name)
            certificate.obtained = s(cert.obtained)
            return certificate
        }
        return app
    }
}

/// Where a field sits (`candidate.education[0].major`), for the messages of invalid and unknown fields.
/// Kept in parts and spelled out only when a message needs it: building the text for every field read
/// cost more than reading most of the values.
struct FieldPath: CustomStringConvertible {
    /// Up to `head.key[index].field`, the deepest shape of an application.
    private var head: String
    private var key: String?
    private var index: Int?
    private var field: String?

    init(_ head: String) { self.head = head }

    /// The path of `name` inside this object.
    func child(_ name: String) -> FieldPath {
        var path = self
        if key == nil, index == nil { path.key = name }
        else if field == nil { path.field = name }
        else { path = FieldPath("\(self).\(name)") }
        return path
    }

    /// The path of element `i` of this array.
    func element(_ i: Int) -> FieldPath {
        var path = self
        if index == nil, field == nil { path.index = i } else { path = FieldPath("\(self)[\(i)]") }
        return path
    }

    var description: String {
        var text = head
        if let key { text += ".\(key)" }
        if let index { text += "[\(index)]" }
        if let field { text += ".\(field)" }
        return text
    }
}
