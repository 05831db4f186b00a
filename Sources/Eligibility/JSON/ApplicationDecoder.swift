/// An application that could not be read: the error, and the id when it was read before the problem.
public struct DecodingFailure: Error, Sendable {
    public let id: JSONScalar?
    public let error: ApplicationError
}

/// Reads one application from JSON bytes with ``JSONReader``, straight into ``Application``: keys are
/// recognised on their bytes, only values become strings.
public enum ApplicationDecoder {
    /// The application, or the error with the id when it was read before the problem.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Application, DecodingFailure> {
        var r = JSONReader(bytes)
        var app = Application()
        var path = ""
        do {
            guard try r.peek() == UInt8(ascii: "{") else {
                return .failure(DecodingFailure(id: nil, error: ApplicationError(code: "malformed-json", message: "an application must be a JSON object", path: "")))
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
            return .success(app)
        } catch let error as ApplicationError {
            return .failure(DecodingFailure(id: app.id, error: error))
        } catch let error as JSONReader.Failure {
            return .failure(DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "JSON 格式错误（第\(error.offset + 1)个字节）：\(error.message)", path: path)))
        } catch {
            return .failure(DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "\(error)", path: path)))
        }
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Application, DecodingFailure> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    private static func read(_ field: Keys.Application, _ r: inout JSONReader, _ app: inout Application) throws {
        var path: FieldPath { FieldPath(field.rawValue) }  // spelled out only for a message
        switch field {
        case .id:
            switch try r.peek() {
            case UInt8(ascii: "\""): app.id = .string(try r.readString())
            case UInt8(ascii: "n"): _ = try r.readNull()
            default:
                let value = try r.readNumber()
                app.id = .number(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
            }
        case .exam: app.exam = try string(&r, path)
        case .year: app.year = try int(&r, path)
        case .province: app.province = try string(&r, path)
        case .city: app.city = try string(&r, path)
        case .auditPoint: app.auditPoint = try string(&r, path)
        case .level: app.level = try string(&r, path)
        case .specialty: app.specialty = try string(&r, path)
        case .subjects: app.subjects = try strings(&r, path)
        case .basis:
            guard let text = try string(&r, path) else { break }
            guard let basis = Application.Basis(rawValue: text) else {
                throw ApplicationError(code: "invalid-field", message: "basis 应为 full、exempt 或 add-specialty，收到“\(text)”", path: path.description)
            }
            app.basis = basis
        case .exemption: app.exemption = try string(&r, path)
        case .relevantWorkYears: app.relevantWorkYears = try number(&r, path)
        case .workPeriods:
            guard try !r.readNull() else { break }
            var periods: [WorkPeriod] = []
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(periods.count) }
                var period = WorkPeriod()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.period, p, &app.unknownFields) {
                    switch field {
                    case .from: period.from = try string(&r, p.child("from"))
                    case .to: period.to = try string(&r, p.child("to"))
                    }
                }
                periods.append(period)
            }
            app.workPeriods = periods
        case .candidate:
            var unknownNested: [String] = []
            try beginObject(&r, path)
            while let field = try next(&r, Keys.candidate, path, &app.unknownFields) {
                try read(field, &r, &app.candidate, FieldPath("candidate"), &unknownNested)
            }
            app.unknownFields += unknownNested
        case .photo: app.photo = try string(&r, path)
        }
    }

    /// One field of the candidate; the unknown keys of nested records go to `unknown` (reported after
    /// the candidate's own).
    private static func read(_ field: Keys.Candidate, _ r: inout JSONReader, _ c: inout Candidate, _ candidate: FieldPath,
                             _ unknown: inout [String]) throws {
        var path: FieldPath { candidate.child(field.rawValue) }  // spelled out only for a message
        switch field {
        case .name: c.name = try string(&r, path)
        case .idType: c.idType = try string(&r, path)
        case .idNumber: c.idNumber = try string(&r, path)
        case .phone: c.phone = try string(&r, path)
        case .email: c.email = try string(&r, path)
        case .gender: c.gender = try string(&r, path)
        case .ethnicGroup: c.ethnicGroup = try string(&r, path)
        case .workUnit: c.workUnit = try string(&r, path)
        case .workStart: c.workStart = try string(&r, path)
        case .integrityRecord: c.integrityRecord = try bool(&r, path) ?? false
        case .commitment: c.commitment = try bool(&r, path)
        case .identityVerification: c.identityVerification = try string(&r, path)
        case .education:
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.education.count) }
                var e = EducationRecord()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.education, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .level: e.level = try string(&r, at)
                    case .major: e.major = try string(&r, at)
                    case .school: e.school = try string(&r, at)
                    case .graduated: e.graduated = try string(&r, at)
                    case .enrolled: e.enrolled = try string(&r, at)
                    case .fullTime: e.fullTime = try bool(&r, at)
                    case .verification: e.verification = try string(&r, at)
                    }
                }
                c.education.append(e)
            }
        case .degrees:
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.degrees.count) }
                var d = DegreeRecord()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.degree, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .level: d.level = try string(&r, at)
                    case .major: d.major = try string(&r, at)
                    case .awarded: d.awarded = try string(&r, at)
                    case .verification: d.verification = try string(&r, at)
                    }
                }
                c.degrees.append(d)
            }
        case .titles:
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.titles.count) }
                var t = Title()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.title, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .name: t.name = try string(&r, at)
                    case .level: t.level = try string(&r, at)
                    case .series: t.series = try string(&r, at)
                    case .obtained: t.obtained = try string(&r, at)
                    }
                }
                c.titles.append(t)
            }
        case .certificates:
            try beginArray(&r, path)
            while try r.nextElement() {
                var p: FieldPath { path.element(c.certificates.count) }
                var cert = Certificate()
                try beginObject(&r, p)
                while let field = try next(&r, Keys.certificate, p, &unknown) {
                    var at: FieldPath { p.child(field.rawValue) }
                    switch field {
                    case .name: cert.name = try string(&r, at)
                    case .obtained: cert.obtained = try string(&r, at)
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

    private static func string(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> String? {
        if try r.readNull() { return nil }
        guard try r.peek() == UInt8(ascii: "\"") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为字符串", path: path().description)
        }
        return try r.readString()
    }

    private static func strings(_ r: inout JSONReader, _ path: @autoclosure () -> FieldPath) throws -> [String]? {
        if try r.readNull() { return nil }
        guard try r.peek() == UInt8(ascii: "[") else {
            throw ApplicationError(code: "invalid-field", message: "\(path()) 应为字符串数组", path: path().description)
        }
        var values: [String] = []
        try r.beginArray()
        while try r.nextElement() {
            let i = values.count
            guard let value = try string(&r, path().element(i)) else {
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
