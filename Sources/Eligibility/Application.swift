/// An application as a caller sends it (INTERFACE.md §2): identifiers and dates still as text, so that
/// the evaluator can say precisely which field is wrong. ``Evaluator`` validates and resolves it.
public struct Application: Sendable, Equatable {
    public enum Basis: String, Sendable, CaseIterable {
        case full, exempt, addSpecialty = "add-specialty"

        /// The basis whose raw value these UTF-8 bytes spell, without making a string of them.
        init?(utf8 bytes: UnsafeBufferPointer<UInt8>) {
            switch bytes.count {
            case 4 where "full".utf8.elementsEqual(bytes): self = .full
            case 6 where "exempt".utf8.elementsEqual(bytes): self = .exempt
            case 13 where "add-specialty".utf8.elementsEqual(bytes): self = .addSpecialty
            default: return nil
            }
        }
    }

    /// The caller's id, echoed in the verdict (a JSON string or number, kept as its JSON text).
    public var id: JSONScalar?
    public var exam: String?
    public var year: Int?
    public var province: String?
    public var city: String?
    public var auditPoint: String?
    public var level: String?
    public var specialty: String?
    public var subjects: [String]?
    public var basis: Basis = .full
    /// Which exemption to apply (optional: by default the one exempting the most subjects).
    public var exemption: String?
    public var relevantWorkYears: Double?
    public var workPeriods: [WorkPeriod]?
    public var candidate = Candidate()
    /// The photo for the form: a path or base64 JPEG (read by `baokao form`, not by the evaluator).
    public var photo: String?
    /// Fields the engine does not know, by path: reported as warnings (a typo is not silently ignored).
    public var unknownFields: [String] = []

    public init() {}
}

/// A JSON string or number, kept so that it can be echoed exactly.
public enum JSONScalar: Sendable, Equatable {
    case string(String)
    case number(String)
}

public struct WorkPeriod: Sendable, Equatable {
    public var from: String?
    public var to: String?
    public init(from: String? = nil, to: String? = nil) { self.from = from; self.to = to }
}

public struct Candidate: Sendable, Equatable {
    public var name: String?
    public var idType: String?
    public var idNumber: String?
    public var phone: String?
    public var email: String?
    public var gender: String?
    public var ethnicGroup: String?
    public var workUnit: String?
    public var education: [EducationRecord] = []
    public var degrees: [DegreeRecord] = []
    public var workStart: String?
    public var titles: [Title] = []
    public var certificates: [Certificate] = []
    public var integrityRecord = false
    /// Whether the 告知承诺 commitment is signed; absent means it will be (the service records the real answer).
    public var commitment: Bool?
    /// The national identity verification (`verified` unless said otherwise).
    public var identityVerification: String?

    public init() {}
}

public struct EducationRecord: Sendable, Equatable {
    public var level: String?
    public var major: String?
    public var school: String?
    public var graduated: String?
    /// Enrolment date; when absent, full-time study is taken as the level's nominal length before graduation.
    public var enrolled: String?
    public var fullTime: Bool?
    public var verification: String?
    public init() {}
}

public struct DegreeRecord: Sendable, Equatable {
    public var level: String?
    public var major: String?
    public var awarded: String?
    public var verification: String?
    public init() {}
}

public struct Title: Sendable, Equatable {
    public var name: String?
    public var level: String?
    public var series: String?
    public var obtained: String?
    public init() {}
}

public struct Certificate: Sendable, Equatable {
    public var name: String?
    public var obtained: String?
    public init() {}
}

/// Why an application could not be evaluated at all: a stable code, a message, and the field's path.
public struct ApplicationError: Error, Sendable, Equatable {
    public let code: String
    public let message: String
    public let path: String

    public init(code: String, message: String, path: String) {
        self.code = code
        self.message = message
        self.path = path
    }
}
