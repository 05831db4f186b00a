/// An application as read from its JSON bytes: every field in place, string values as ``Text`` — where
/// their bytes are — so that reading a line makes almost no strings. ``Evaluator`` judges it directly;
/// ``ApplicationDecoder`` turns it into an ``Application`` for callers who want one.
///
/// Valid only while the bytes it was read from are.
struct ScannedApplication {
    struct PeriodTexts { var from, to: Text? }
    struct EducationTexts { var level, major, school, graduated, enrolled, verification: Text?; var fullTime: Bool? }
    struct DegreeTexts { var level, major, awarded, verification: Text? }
    struct TitleTexts { var name, level, series, obtained: Text? }
    struct CertificateTexts { var name, obtained: Text? }

    struct CandidateTexts {
        var name, idType, idNumber, phone, email, gender, ethnicGroup, workUnit, workStart, identityVerification: Text?
        var integrityRecord = false
        var commitment: Bool?
        var education: [EducationTexts] = []
        var degrees: [DegreeTexts] = []
        var titles: [TitleTexts] = []
        var certificates: [CertificateTexts] = []
    }

    var id: JSONScalar?
    var exam, province, city, auditPoint, level, specialty, exemption, photo: Text?
    var year: Int?
    var subjects: [Text]?
    var basis: Application.Basis = .full
    var relevantWorkYears: Double?
    var workPeriods: [PeriodTexts]?
    var candidate = CandidateTexts()
    /// Fields the engine does not know, by path, in the order read.
    var unknownFields: [String] = []
    /// The bytes the ``Text`` values refer to.
    var texts: TextStore
}

extension ScannedApplication {
    /// The application, or the error with the id when it was read before the problem.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<ScannedApplication, DecodingFailure> {
        var app = ScannedApplication(texts: TextStore(input: bytes))
        if let failure = scan(bytes, into: &app) { return .failure(failure) }
        return .success(app)
    }

    /// ``scan(_:)`` into an application the caller holds (made with `TextStore(input: bytes)`): reading a
    /// line then copies no application — returned in a `Result`, it was copied, each of its arrays retained.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into app: inout ScannedApplication) -> DecodingFailure? {
        var r = JSONReader(bytes)
        var path = ""
        guard bytes.count < Int(Int32.max) else {  // a ``Text`` holds 31-bit offsets
            return DecodingFailure(id: nil, error: ApplicationError(code: "malformed-json", message: "an application of \(bytes.count) bytes is too long", path: ""))
        }
        do {
            guard try r.peek() == UInt8(ascii: "{") else {
                return DecodingFailure(id: nil, error: ApplicationError(code: "malformed-json", message: "an application must be a JSON object", path: ""))
            }
            try r.beginObject()
            members: while true {
                switch try r.next(Keys.application) {
                case .end: break members
                case .unknown(let key):
                    path = key
                    app.unknownFields.append(key)
                    try r.skipValue()
                case .field(let field):
                    path = field.rawValue
                    try read(field, &r, &app)
                }
            }
            try r.expectEnd()
        } catch let error as ApplicationError {
            return DecodingFailure(id: app.id, error: error)
        } catch let error as JSONReader.Failure {
            return DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "JSON 格式错误（第\(error.offset + 1)个字节）：\(error.message)", path: path))
        } catch {
            return DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "\(error)", path: path))
        }
        app.texts = r.texts
        return nil
    }

    private static func read(_ field: Keys.Application, _ r: inout JSONReader, _ app: inout ScannedApplication) throws {
        var path: FieldPath { FieldPath(field.rawValue) }  // spelled out only for a message
        switch field {
        case .id:
            switch try r.peek() {
            case UInt8(ascii: "\""): app.id = .string(try r.readString())
            case UInt8(ascii: "n"): _ = try r.readNull()
            default: app.id = .number(try r.readNumberLiteral())
            }
        case .exam: app.exam = try text(&r, path)
        case .year: app.year = try int(&r, path)
        case .province: app.province = try text(&r, path)
        case .city: app.city = try text(&r, path)
        case .auditPoint: app.auditPoint = try text(&r, path)
        case .level: app.level = try text(&r, path)
        case .specialty: app.specialty = try text(&r, path)
        case .subjects: app.subjects = try texts(&r, path)
        case .basis:
            guard let text = try text(&r, path) else { break }
            guard let basis = r.texts.withBytes(text, Application.Basis.init(utf8:)) else {
                throw ApplicationError(code: "invalid-field", message: "basis 应为 full、exempt 或 add-specialty，收到“\(r.texts.string(text))”", path: path.description)
            }
            app.basis = basis
        case .exemption: app.exemption = try text(&r, path)
        case .relevantWorkYears: app.relevantWorkYears = try number(&r, path)
        case .workPeriods:
            guard try !r.readNull() else { break }
            var periods: [PeriodTexts] = []
            periods.reserveCapacity(4)
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(periods.count) }
                var period = PeriodTexts()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.period, p, &app.unknownFields) {
                    switch field {
                    case .from: period.from = try text(&r, p.child("from"))
                    case .to: period.to = try text(&r, p.child("to"))
                    }
                }
                periods.append(period)
            }
            app.workPeriods = periods
        case .candidate:
            var unknownNested: [String] = []
            try beginObject(&r, path)
            while let field = try next(&r, Keys.candidate, path, &app.unknownFields) {
                try read(field, &r, &app.candidate, &unknownNested)
            }
            app.unknownFields += unknownNested
        case .photo: app.photo = try text(&r, path)
        }
    }

    /// One field of the candidate; the unknown keys of nested records go to `unknown` (reported after
    /// the candidate's own).
    private static func read(_ field: Keys.Candidate, _ r: inout JSONReader, _ c: inout CandidateTexts,
                             _ unknown: inout [String]) throws {
        var path: FieldPath { FieldPath("candidate").child(field.rawValue) }  // spelled out only for a message
        switch field {
        case .name: c.name = try text(&r, path)
        case .idType: c.idType = try text(&r, path)
        case .idNumber: c.idNumber = try text(&r, path)
        case .phone: c.phone = try text(&r, path)
        case .email: c.email = try text(&r, path)
        case .gender: c.gender = try text(&r, path)
        case .ethnicGroup: c.ethnicGroup = try text(&r, path)
        case .workUnit: c.workUnit = try text(&r, path)
        case .workStart: c.workStart = try text(&r, path)
        case .integrityRecord: c.integrityRecord = try bool(&r, path) ?? false
        case .commitment: c.commitment = try bool(&r, path)
        case .identityVerification: c.identityVerification = try text(&r, path)
        case .education:
            try beginArray(&r, path)
            c.education.reserveCapacity(5)  // the most an application may have: one allocation
            while try r.nextElement() {
                var p: FieldPath { path.element(c.education.count) }
                var e = EducationTexts()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.education, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .level: e.level = try text(&r, at)
                    case .major: e.major = try text(&r, at)
                    case .school: e.school = try text(&r, at)
                    case .graduated: e.graduated = try text(&r, at)
                    case .enrolled: e.enrolled = try text(&r, at)
                    case .fullTime: e.fullTime = try bool(&r, at)
                    case .verification: e.verification = try text(&r, at)
                    }
                }
                c.education.append(e)
            }
        case .degrees:
            try beginArray(&r, path)
            c.degrees.reserveCapacity(4)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.degrees.count) }
                var d = DegreeTexts()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.degree, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .level: d.level = try text(&r, at)
                    case .major: d.major = try text(&r, at)
                    case .awarded: d.awarded = try text(&r, at)
                    case .verification: d.verification = try text(&r, at)
                    }
                }
                c.degrees.append(d)
            }
        case .titles:
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.titles.count) }
                var t = TitleTexts()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.title, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .name: t.name = try text(&r, at)
                    case .level: t.level = try text(&r, at)
                    case .series: t.series = try text(&r, at)
                    case .obtained: t.obtained = try text(&r, at)
                    }
                }
                c.titles.append(t)
            }
        case .certificates:
            try beginArray(&r, path)
            c.certificates.reserveCapacity(4)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.certificates.count) }
                var cert = CertificateTexts()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.certificate, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .name: cert.name = try text(&r, at)
                    case .obtained: cert.obtained = try text(&r, at)
                    }
                }
                c.certificates.append(cert)
            }
        }
    }

    /// The `{` of the object at `path`, or an error naming it.
    private static func beginObject(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws {
        guard try r.peek() == UInt8(ascii: "{") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为 JSON 对象", path: path().description)
        }
        try r.beginObject()
    }

    /// The `[` of the array at `path`, or an error naming it.
    private static func beginArray(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws {
        guard try r.peek() == UInt8(ascii: "[") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为数组", path: path().description)
        }
        try r.beginArray()
    }

    /// The next field of the object at `path` that `keys` knows; unknown keys are recorded by path and
    /// their values skipped. Nil at the end of the object.
    private static func next<Field>(_ r: inout JSONReader, _ keys: KeyTable<Field>, _ path: @autoclosure () -> FieldPath,
                                    _ unknown: inout [String]) throws -> Field? {
        while true {
            switch try r.next(keys) {
            case .field(let field): return field
            case .end: return nil
            case .unknown(let key):
                unknown.append(path().child(key).description)
                try r.skipValue()
            }
        }
    }

    private static func text(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> Text? {
        try r.readTextOrNull { ApplicationError(code: "invalid-field", message: "\(path()) 应为字符串", path: path().description) }
    }

    private static func texts(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> [Text]? {
        if try r.readNull() { return nil }
        guard try r.peek() == UInt8(ascii: "[") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为字符串数组", path: path().description)
        }
        var values: [Text] = []
        try r.beginArray()
        while try r.nextElement() {
            let i = values.count
            guard let value = try text(&r, path().element(i)) else {
                throw ApplicationError(code: "invalid-field", message: "\(path())[\(i)] 不能为空", path: "\(path())[\(i)]")
            }
            values.append(value)
        }
        return values
    }

    private static func number(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> Double? {
        if try r.readNull() { return nil }
        let next = try r.peek()
        guard next == UInt8(ascii: "-") || (0x30...0x39).contains(next) else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为数字", path: path().description)
        }
        return try r.readNumber()
    }

    private static func int(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> Int? {
        guard let value = try number(&r, path()) else { return nil }
        guard value == value.rounded(), abs(value) < 1e9 else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为整数", path: path().description)
        }
        return Int(value)
    }

    private static func bool(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> Bool? {
        if try r.readNull() { return nil }
        let next = try r.peek()
        guard next == UInt8(ascii: "t") || next == UInt8(ascii: "f") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为 true 或 false", path: path().description)
        }
        return try r.readBool()
    }

}
