import Vocabulary

/// The ids and names an application uses for an exam and its levels, specialties and subjects, found
/// from the bytes it was written with: the same answers as ``RuleSet/exam(_:)`` and
/// ``Exam/level(_:)`` (the first part whose id or name is the key), without a string per lookup.
struct ExamLookup: Sendable {
    let levels: ByteTable
    let specialties: ByteTable
    let subjects: ByteTable

    init(_ exam: Exam) {
        levels = ByteTable(firstOf: exam.levels.enumerated().flatMap { [($1.id, $0), ($1.name, $0)] })
        specialties = ByteTable(firstOf: exam.specialties.enumerated().flatMap { [($1.id, $0), ($1.name, $0)] })
        subjects = ByteTable(firstOf: exam.subjects.enumerated().flatMap { [($1.id, $0), ($1.name, $0)] })
    }
}

extension RuleSet {
    /// The index in ``exams`` of the exam named by these bytes (id or Chinese name).
    public func examIndex(utf8 key: UnsafeBufferPointer<UInt8>) -> Int? { examTable.value(key) }

    /// Level, specialty and subject indices of exam `exam` (an index in ``exams``), by id or name.
    public func level(ofExam exam: Int, utf8 key: UnsafeBufferPointer<UInt8>) -> Int? { examLookups[exam].levels.value(key) }
    public func specialty(ofExam exam: Int, utf8 key: UnsafeBufferPointer<UInt8>) -> Int? { examLookups[exam].specialties.value(key) }
    public func subject(ofExam exam: Int, utf8 key: UnsafeBufferPointer<UInt8>) -> Int? { examLookups[exam].subjects.value(key) }
}
