/// The keys of an application (INTERFACE.md §2), object by object, as ``ApplicationDecoder`` reads them.
enum Keys {
    enum Application: String, CaseIterable, Sendable {
        case id, exam, year, province, city, auditPoint, level, specialty, subjects, basis, exemption
        case relevantWorkYears, workPeriods, candidate, photo
    }

    enum Candidate: String, CaseIterable, Sendable {
        case name, idType, idNumber, phone, email, gender, ethnicGroup, workUnit, workStart
        case integrityRecord, commitment, identityVerification, education, degrees, titles, certificates
    }

    enum Education: String, CaseIterable, Sendable { case level, major, school, graduated, enrolled, fullTime, verification }
    enum Degree: String, CaseIterable, Sendable { case level, major, awarded, verification }
    enum Title: String, CaseIterable, Sendable { case name, level, series, obtained }
    enum Certificate: String, CaseIterable, Sendable { case name, obtained }
    enum Period: String, CaseIterable, Sendable { case from, to }

    static let application = table(Application.self)
    static let candidate = table(Candidate.self)
    static let education = table(Education.self)
    static let degree = table(Degree.self)
    static let title = table(Title.self)
    static let certificate = table(Certificate.self)
    static let period = table(Period.self)

    private static func table<F: CaseIterable & RawRepresentable<String> & Sendable>(_: F.Type) -> KeyTable<F> {
        KeyTable(F.allCases.map { ($0.rawValue, $0) })
    }
}
