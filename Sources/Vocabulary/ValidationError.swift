/// Why a value was refused: a stable code for programs, the field it came from, and a message in
/// Chinese that tells a candidate what is wrong and, where it helps, what is expected instead.
public struct ValidationError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The stable, machine-readable reason, e.g. `id-check-digit`.
    public let code: Code
    /// The field the value came from (`idNumber`, `candidate.phone`), when the caller named one.
    public var field: String?
    /// What is wrong, in Chinese, with the offending value or character.
    public let message: String

    public init(_ code: Code, _ message: String, field: String? = nil) {
        self.code = code
        self.message = message
        self.field = field
    }

    /// The same error, attributed to `field`.
    public func at(_ field: String) -> ValidationError {
        var copy = self
        copy.field = field
        return copy
    }

    public var description: String {
        if let field { return "\(field): \(message) [\(code.rawValue)]" }
        return "\(message) [\(code.rawValue)]"
    }

    /// Every reason a vocabulary value can be refused. The raw values are part of the wire contract.
    public enum Code: String, Sendable, CaseIterable {
        case empty = "empty"
        case idTypeUnknown = "id-type-unknown"
        case idFormat = "id-format"
        case idRegionUnknown = "id-region-unknown"
        case idBirthDateInvalid = "id-birth-date-invalid"
        case idBirthDateInFuture = "id-birth-date-in-future"
        case idCheckDigit = "id-check-digit"
        case nameControlCharacter = "name-control-character"
        case nameInvalidCharacter = "name-invalid-character"
        case nameBracket = "name-bracket"
        case nameDot = "name-dot"
        case nameTooLong = "name-too-long"
        case phoneFormat = "phone-format"
        case emailFormat = "email-format"
        case educationLevelUnknown = "education-level-unknown"
        case degreeLevelUnknown = "degree-level-unknown"
        case verificationStatusUnknown = "verification-status-unknown"
        case dateFormat = "date-format"
        case dateInvalid = "date-invalid"
        case moneyFormat = "money-format"
        case regionUnknown = "region-unknown"
        case regionAmbiguous = "region-ambiguous"
        case ethnicGroupUnknown = "ethnic-group-unknown"
    }
}

/// Something accepted but worth a second look (e.g. an ID region code retired before the birth year).
public struct ValidationWarning: Hashable, Sendable {
    public let code: String
    public let message: String

    public init(code: String, message: String) {
        self.code = code
        self.message = message
    }
}
