import Vocabulary

/// Values of an application that name one case of an enumeration, recognised on their bytes when they
/// are written exactly as an id (or, for education levels, one of their Chinese names). Anything else —
/// blanks, aliases, a mistake — goes through the `idOrName` initialisers, which trim, accept aliases and
/// explain; so the answer is theirs either way, only sooner.
enum EnumerationKeys {
    /// Ids first: an exact id wins over a name, as in `idOrName`.
    static let educationLevels = KeyTable(EducationLevel.allCases.map { ($0.rawValue, $0) }
        + EducationLevel.allCases.flatMap { level in level.names.map { ($0, level) } })
    static let degreeLevels = KeyTable(DegreeLevel.allCases.map { ($0.rawValue, $0) })
    static let verification = KeyTable(VerificationStatus.allCases.map { ($0.rawValue, $0) }
        + VerificationStatus.allCases.map { ($0.chinese, $0) })
    static let idTypes = KeyTable(IDType.allCases.map { ($0.rawValue, $0) })
}

extension TextStore {
    /// The case `table` finds for the text's bytes, else the `idOrName` initialiser's answer on the string.
    func enumeration<T>(_ text: Text, _ table: KeyTable<T>, _ slow: (String) throws -> T) rethrows -> T {
        if let found = withBytes(text, table.field) { return found }
        return try slow(string(text))
    }
}
