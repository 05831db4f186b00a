import Rules
import Vocabulary

/// An application validated and resolved against the rules: what ``Evaluator/decide(_:explain:)`` judges.
///
/// A class: a case is handed around and held (by the benchmark's sample, by a caller's queue) far more
/// than it is made, and copying a struct of fifteen references retained each of them every time.
public final class Case: Sendable {
    public struct Education: Sendable {
        public let index: Int
        public let level: EducationLevel
        public let major: String?
        public let match: MajorMatch
        public let graduated: CalendarDate?
        public let fullTime: Bool
        public let verification: VerificationStatus
        public let school: String?
    }

    public struct Degree: Sendable {
        public let level: DegreeLevel
        public let awarded: CalendarDate?
        public let verification: VerificationStatus
    }

    /// Whether and since when the candidate holds a qualification of the exam.
    public enum Holding: Sendable, Equatable {
        case none
        case held(since: CalendarDate?)
    }

    /// What the hot path reads of an education record, without references.
    public struct EducationCore: Sendable {
        public let levelBit: UInt8
        public let level: EducationLevel
        /// 0: in a catalogue (`groups` valid); 1: outside every catalogue; 2: no major given.
        public let majorState: UInt8
        public let groups: GroupSet
    }

    // Stored in the order `decide` reads them, the fields it never reads last: a case is a few cache
    // lines, and deciding 100,000 cases from memory waits on each line it touches.
    public let id: JSONScalar?
    public let exam: Exam
    public let year: Int
    public let level: Int
    public let specialty: Int?
    /// Chosen subjects (indices), nil when the candidate left the choice to the engine.
    public let subjects: [Int]?
    public let basis: Application.Basis
    public let exemption: Int?
    public let overlay: ExamProvinceOverlay?
    public let cutoff: CalendarDate
    /// `education`, reduced to what ``Evaluator/decide(_:explain:)`` reads on its hot path.
    public let educationCores: [EducationCore]
    public let relevantWork: WorkTime
    /// Declared or computed; nil when neither `workStart` nor anything else tells.
    public let totalWork: WorkTime?
    /// Per qualification of the exam.
    public let holdings: [Holding]
    public let identityVerification: VerificationStatus
    public let integrityRecord: Bool
    public let commitment: Bool
    /// Problems that do not stop evaluation (unknown fields, a retired ID region code).
    public let warnings: [VerdictWarning]
    public let education: [Education]
    public let degrees: [Degree]
    public let province: ProvinceRules?
    public let city: Region?
    public let auditPoint: Int?
    public let identity: IdentityDocument?
    public let name: PersonName?

    init(id: JSONScalar?, exam: Exam, year: Int, level: Int, specialty: Int?, subjects: [Int]?, basis: Application.Basis, exemption: Int?, province: ProvinceRules?, overlay: ExamProvinceOverlay?, city: Region?, auditPoint: Int?, cutoff: CalendarDate, education: [Education], degrees: [Degree], relevantWork: WorkTime, totalWork: WorkTime?, holdings: [Holding], identity: IdentityDocument?, name: PersonName?, identityVerification: VerificationStatus, integrityRecord: Bool, commitment: Bool, warnings: [VerdictWarning], educationCores: [EducationCore]) {
        self.id = id
        self.exam = exam
        self.year = year
        self.level = level
        self.specialty = specialty
        self.subjects = subjects
        self.basis = basis
        self.exemption = exemption
        self.province = province
        self.overlay = overlay
        self.city = city
        self.auditPoint = auditPoint
        self.cutoff = cutoff
        self.education = education
        self.degrees = degrees
        self.relevantWork = relevantWork
        self.totalWork = totalWork
        self.holdings = holdings
        self.identity = identity
        self.name = name
        self.identityVerification = identityVerification
        self.integrityRecord = integrityRecord
        self.commitment = commitment
        self.warnings = warnings
        self.educationCores = educationCores
    }
}
