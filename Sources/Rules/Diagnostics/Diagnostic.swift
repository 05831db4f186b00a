/// Where something is written: a file (as the user named the rule folder) and a 1-based line and column.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    public let file: String
    public let line: Int
    public let column: Int

    public init(file: String, line: Int, column: Int) {
        self.file = file
        self.line = line
        self.column = column
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        (a.file, a.line, a.column) < (b.file, b.line, b.column)
    }
}

/// One finding about the rule files: severity, a stable code, where, what is wrong and how to fix it.
public struct Diagnostic: Hashable, Sendable {
    public enum Severity: String, Sendable { case error, warning }

    public let severity: Severity
    public let code: DiagnosticCode
    public let location: SourceLocation
    public let message: String
    public let hint: String?
    /// The line of the file the location points into, for the caret display.
    public let sourceLine: String?

    public init(_ severity: Severity = .error, _ code: DiagnosticCode, at location: SourceLocation,
                _ message: String, hint: String? = nil, sourceLine: String? = nil) {
        self.severity = severity
        self.code = code
        self.location = location
        self.message = message
        self.hint = hint
        self.sourceLine = sourceLine
    }
}

/// Every kind of mistake the loader reports. The raw values are stable: tests, editors and scripts rely on them.
public enum DiagnosticCode: String, Sendable, CaseIterable {
    case yamlSyntax = "yaml-syntax"
    case unreadableFile = "unreadable-file"
    case unknownKey = "unknown-key"
    case duplicateKey = "duplicate-key"
    case wrongType = "wrong-type"
    case missingField = "missing-field"
    case invalidValue = "invalid-value"
    case duplicateID = "duplicate-id"
    case unknownExam = "unknown-exam"
    case unknownLevel = "unknown-level"
    case unknownSubject = "unknown-subject"
    case unknownSpecialty = "unknown-specialty"
    case unknownMajor = "unknown-major"
    case unknownMajorGroup = "unknown-major-group"
    case unknownQualification = "unknown-qualification"
    /// Two qualifications of the catalogue share a name or variant once normalised (or a title's series and rank).
    case qualificationCollision = "qualification-collision"
    /// A name or variant states a level or grade (（初级）, 甲级) other than its entry's.
    case qualificationLevelMismatch = "qualification-level-mismatch"
    case unknownEducation = "unknown-education"
    case unknownProvince = "unknown-province"
    case unknownCity = "unknown-city"
    case unknownAuditPoint = "unknown-audit-point"
    case codeNameMismatch = "code-name-mismatch"
    case overlappingPeriods = "overlapping-periods"
    case emptyPeriod = "empty-period"
    case feeNotWholeFen = "fee-not-whole-fen"
    case auditPointOutsideProvince = "audit-point-outside-province"
    case cityWithoutAuditPoint = "city-without-audit-point"
    case unreachableCondition = "unreachable-condition"
    case contradictingConditions = "contradicting-conditions"
    case fileMismatch = "file-mismatch"
    case missingFile = "missing-file"
    /// The summary after a file's first 100 diagnostics: how many more there were.
    case tooManyDiagnostics = "too-many-diagnostics"
}
