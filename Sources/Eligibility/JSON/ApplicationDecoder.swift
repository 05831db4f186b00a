/// An application that could not be read: the error, and the id when it was read before the problem.
public struct DecodingFailure: Error, Sendable {
    public let id: JSONScalar?
    public let error: ApplicationError
}

/// Reads one application from JSON bytes with ``JSONReader``, straight into ``Application``.
public enum ApplicationDecoder {
    /// The application, or the error with the id when it was read before the problem.
    public static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Result<Application, DecodingFailure> {
        var reader = JSONReader(bytes)
        var app = Application()
        var path = ""
        do {
            guard try reader.peek() == UInt8(ascii: "{") else {
                return .failure(DecodingFailure(id: nil, error: ApplicationError(code: "malformed-json", message: "an application must be a JSON object", path: "")))
            }
            try reader.readObject { r, key in
                path = key
                switch key {
                case "id":
                    switch try r.peek() {
                    case UInt8(ascii: "\""): app.id = .string(try r.readString())
                    case UInt8(ascii: "n"): _ = try r.readNull()
                    default:
                        let value = try r.readNumber()
                        app.id = .number(value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(value))
                    }
                case "exam": app.exam = try string(&r, FieldPath(key))
                case "year": app.year = try int(&r, FieldPath(key))
                case "province": app.province = try string(&r, FieldPath(key))
                case "city": app.city = try string(&r, FieldPath(key))
                case "auditPoint": app.auditPoint = try string(&r, FieldPath(key))
                case "level": app.level = try string(&r, FieldPath(key))
                case "specialty": app.specialty = try string(&r, FieldPath(key))
                case "subjects": app.subjects = try strings(&r, FieldPath(key))
                case "basis":
                    guard let text = try string(&r, FieldPath(key)) else { break }
                    guard let basis = Application.Basis(rawValue: text) else {
                        throw ApplicationError(code: "invalid-field", message: "basis 应为 full、exempt 或 add-specialty，收到“\(text)”", path: key)
                    }
                    app.basis = basis
                case "exemption": app.exemption = try string(&r, FieldPath(key))
                case "relevantWorkYears": app.relevantWorkYears = try number(&r, FieldPath(key))
                case "workPeriods":
                    var periods: [WorkPeriod] = []
                    try r.readArray { r, i in
                        var period = WorkPeriod()
                        try object(&r, FieldPath(key).element(i), &app.unknownFields) { r, key, p in
                            switch key {
                            case "from": period.from = try string(&r, p.child(key))
                            case "to": period.to = try string(&r, p.child(key))
                            default: return false
                            }
                            return true
                        }
                        periods.append(period)
                    }
                    app.workPeriods = periods
                case "candidate": try candidate(&r, &app)
                case "photo": app.photo = try string(&r, FieldPath(key))
                default:
                    app.unknownFields.append(key)
                    try r.skipValue()
                }
            }
            try reader.expectEnd()
            return .success(app)
        } catch let error as ApplicationError {
            return .failure(DecodingFailure(id: app.id, error: error))
        } catch let error as JSONReader.Failure {
            return .failure(DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "JSON 格式错误（第\(error.offset + 1)个字节）：\(error.message)", path: path.description)))
        } catch {
            return .failure(DecodingFailure(id: app.id, error: ApplicationError(code: "malformed-json", message: "\(error)", path: path.description)))
        }
    }

    public static func decode(_ bytes: [UInt8]) -> Result<Application, DecodingFailure> {
        bytes.withUnsafeBufferPointer { decode($0) }
    }

    private static func candidate(_ r: inout JSONReader, _ app: inout Application) throws {
        var c = Candidate()
        var unknownHere: [String] = []
        var unknownNested: [String] = []
        defer { app.unknownFields += unknownHere + unknownNested }
        try object(&r, FieldPath("candidate"), &unknownHere) { r, key, p in
            switch key {
            case "name": c.name = try string(&r, p.child(key))
            case "idType": c.idType = try string(&r, p.child(key))
            case "idNumber": c.idNumber = try string(&r, p.child(key))
            case "phone": c.phone = try string(&r, p.child(key))
            case "email": c.email = try string(&r, p.child(key))
            case "gender": c.gender = try string(&r, p.child(key))
            case "ethnicGroup": c.ethnicGroup = try string(&r, p.child(key))
            case "workUnit": c.workUnit = try string(&r, p.child(key))
            case "workStart": c.workStart = try string(&r, p.child(key))
            case "integrityRecord": c.integrityRecord = try bool(&r, p.child(key)) ?? false
            case "commitment": c.commitment = try bool(&r, p.child(key))
            case "identityVerification": c.identityVerification = try string(&r, p.child(key))
            case "education":
                var unknown: [String] = []
                try r.readArray { r, i in
                    var e = EducationRecord()
                    try object(&r, p.child(key).element(i), &unknown) { r, key, p in
                        switch key {
                        case "level": e.level = try string(&r, p.child(key))
                        case "major": e.major = try string(&r, p.child(key))
                        case "school": e.school = try string(&r, p.child(key))
                        case "graduated": e.graduated = try string(&r, p.child(key))
                        case "enrolled": e.enrolled = try string(&r, p.child(key))
                        case "fullTime": e.fullTime = try bool(&r, p.child(key))
                        case "verification": e.verification = try string(&r, p.child(key))
                        default: return false
                        }
                        return true
                    }
                    c.education.append(e)
                }
                unknownNested += unknown
            case "degrees":
                var unknown: [String] = []
                try r.readArray { r, i in
                    var d = DegreeRecord()
                    try object(&r, p.child(key).element(i), &unknown) { r, key, p in
                        switch key {
                        case "level": d.level = try string(&r, p.child(key))
                        case "major": d.major = try string(&r, p.child(key))
                        case "awarded": d.awarded = try string(&r, p.child(key))
                        case "verification": d.verification = try string(&r, p.child(key))
                        default: return false
                        }
                        return true
                    }
                    c.degrees.append(d)
                }
                unknownNested += unknown
            case "titles":
                var unknown: [String] = []
                try r.readArray { r, i in
                    var t = Title()
                    try object(&r, p.child(key).element(i), &unknown) { r, key, p in
                        switch key {
                        case "name": t.name = try string(&r, p.child(key))
                        case "level": t.level = try string(&r, p.child(key))
                        case "series": t.series = try string(&r, p.child(key))
                        case "obtained": t.obtained = try string(&r, p.child(key))
                        default: return false
                        }
                        return true
                    }
                    c.titles.append(t)
                }
                unknownNested += unknown
            case "certificates":
                var unknown: [String] = []
                try r.readArray { r, i in
                    var cert = Certificate()
                    try object(&r, p.child(key).element(i), &unknown) { r, key, p in
                        switch key {
                        case "name": cert.name = try string(&r, p.child(key))
                        case "obtained": cert.obtained = try string(&r, p.child(key))
                        default: return false
                        }
                        return true
                    }
                    c.certificates.append(cert)
                }
                unknownNested += unknown
            default: return false
            }
            return true
        }
        app.candidate = c
    }

    /// Reads an object, handing each key with the object's path to `field`; keys it does not take are
    /// recorded. The path of a field (`path.child(key)`) is built only for a message: the helpers below
    /// take it as an autoclosure.
    private static func object(_ r: inout JSONReader, _ path: FieldPath, _ unknown: inout [String],
                               _ field: (inout JSONReader, String, FieldPath) throws -> Bool) throws {
        guard try r.peek() == UInt8(ascii: "{") else {
            throw ApplicationError(code: "invalid-field", message: "\(path) 应为 JSON 对象", path: path.description)
        }
        var skipped: [String] = []
        try r.readObject { r, key in
            if try !field(&r, key, path) {
                skipped.append(path.child(key).description)
                try r.skipValue()
            }
        }
        unknown += skipped
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
        try r.readArray { r, i in
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
