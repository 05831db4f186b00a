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
        /// The counted work after this record's graduation — only for exams with a clause that counts from
        /// the diploma, and only from dated work periods; nil otherwise. Here, in the cold record, not in the
        /// case: a case's size decides how many cache lines deciding it waits for.
        public internal(set) var workAfterGraduation: WorkTime? = nil
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
        /// Not recognised, but the candidate listed a certificate or title the catalogue does not know
        /// (the earliest date among those): it may be this one, and a person must look.
        case unrecognised(since: CalendarDate?)
    }

    /// What the hot path reads of an education record, without references: judging the conditions and
    /// choosing the route read these, held inside the case, and never the record itself.
    public struct EducationCore: Sendable {
        public let levelBit: UInt8
        public let level: EducationLevel
        /// 0: in a catalogue (`groups` valid); 1: outside every catalogue; 2: no major given.
        public let majorState: UInt8
        public let verification: VerificationStatus
        /// The graduation date's ``CalendarDate/orderKey``, `Int32.max` when none was given.
        public let graduated: Int32
        public let groups: GroupSet

        init(_ e: Education) {
            (majorState, groups) = switch e.match {
            case .known(_, let groups): (0, groups)
            case .unknown: (e.major == nil ? 2 : 1, GroupSet())
            }
            levelBit = EducationSet(e.level).bits
            level = e.level
            verification = e.verification
            graduated = e.graduated.map { Int32(clamping: $0.orderKey) } ?? .max
        }
    }

    /// What choosing the route reads of a degree.
    public struct DegreeCore: Sendable {
        public let verification: VerificationStatus
        /// The award date's ``CalendarDate/orderKey``, `Int32.max` when none was given.
        public let awarded: Int32

        init(_ d: Degree) {
            verification = d.verification
            awarded = d.awarded.map { Int32(clamping: $0.orderKey) } ?? .max
        }
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
    /// `education` and `degrees`, reduced to what ``Evaluator/decide(_:explain:)`` reads, and held in the
    /// case itself: in arrays of their own they were two more cache lines to wait for per case.
    public let educationCores: Inline<EducationCore>
    public let degreeCores: Inline<DegreeCore>
    public let education: [Education]
    public let degrees: [Degree]
    public let province: ProvinceRules?
    public let city: Region?
    public let auditPoint: Int?
    public let identity: IdentityDocument?
    public let name: PersonName?
    init(id: JSONScalar?, exam: Exam, year: Int, level: Int, specialty: Int?, subjects: [Int]?, basis: Application.Basis, exemption: Int?, province: ProvinceRules?, overlay: ExamProvinceOverlay?, city: Region?, auditPoint: Int?, cutoff: CalendarDate, education: [Education], degrees: [Degree], relevantWork: WorkTime, totalWork: WorkTime?, holdings: [Holding], identity: IdentityDocument?, name: PersonName?, identityVerification: VerificationStatus, integrityRecord: Bool, commitment: Bool, warnings: [VerdictWarning]) {
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
        educationCores = Inline(education, EducationCore.init)
        degreeCores = Inline(degrees, DegreeCore.init)
    }
}

extension Case {
    /// The counted work a requirement reads for the record at position `i`: after that record's graduation
    /// when the requirement counts from it and the case counted it, else all of it.
    @inline(__always)
    func work(fromGraduation: Bool, record i: Int?) -> WorkTime {
        guard fromGraduation, let i, let after = education[i].workAfterGraduation else { return relevantWork }
        return after
    }

    /// Reads one value from each cache line ``Evaluator/decide(_:explain:)`` reads, before anything else:
    /// a case deciding from memory then waits for its lines together. Deciding takes and releases
    /// references, and an atomic reference count orders memory: a line first read after one was waited
    /// for after it, one line at a time.
    @inline(__always)
    func touchHotLines() {
        let sum = year &+ (specialty ?? 0) &+ cutoff.day &+ relevantWork.days &+ (totalWork?.days ?? 0) &+ holdings.count
            &+ educationCores.count &+ degreeCores.count &+ (educationCores.count > 1 ? Int(educationCores[1].graduated) : 0)
            &+ (educationCores.count > 3 ? Int(educationCores[3].graduated) : 0) &+ (degreeCores.count > 0 ? Int(degreeCores[0].awarded) : 0)
        // Never true; the branch is predicted and nothing waits for the values.
        if sum == .min { preconditionFailure("unreachable") }
    }

    /// `count` qualifications none of which is held: one shared array per count (copied when a
    /// qualification is held), not one built per application.
    static func noHoldings(_ count: Int) -> [Holding] {
        count < sharedNoHoldings.count ? sharedNoHoldings[count] : Array(repeating: .none, count: count)
    }

    private static let sharedNoHoldings: [[Holding]] = (0..<16).map { Array(repeating: .none, count: $0) }

    /// Up to ``capacity`` values stored inline (an application has at most five education records and five
    /// degrees), so that reading them does not leave the case's own memory.
    public struct Inline<Element: Sendable>: RandomAccessCollection, Sendable {
        private typealias Storage = InlineArray<5, Element?>
        public static var capacity: Int { Storage.count }
        /// Before the values: a loop reads it first, and with few records the values' last slots are
        /// never read (nor, when they fill a cache line of their own, fetched).
        public let count: Int
        private var storage = Storage(repeating: nil)

        /// The cores of `records`, which must be at most ``capacity`` (preparation refuses more).
        init<Record>(_ records: [Record], _ core: (Record) -> Element) {
            precondition(records.count <= Self.capacity, "more than \(Self.capacity) records")
            count = records.count
            for i in records.indices { storage[i] = core(records[i]) }
        }

        public var startIndex: Int { 0 }
        public var endIndex: Int { count }
        public subscript(i: Int) -> Element { storage[i]! }
    }
}
