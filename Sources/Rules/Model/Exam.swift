import Vocabulary

/// How sure the digest of official notices is about a clause: three or more sources agree (H), one or
/// two (M), or sources conflict (L). Rules carry it so policy staff know what to re-check.
public enum Confidence: String, Sendable { case high = "H", medium = "M", low = "L" }

/// The official document a clause comes from, with its confidence and where the clause is written.
public struct Citation: Sendable, Hashable {
    public let basis: String?
    public let confidence: Confidence?
    public let location: SourceLocation
    /// `file:line:col`, rendered once at load: verdicts cite it millions of times.
    public let source: String

    public init(basis: String?, confidence: Confidence?, location: SourceLocation) {
        self.basis = basis
        self.confidence = confidence
        self.location = location
        self.source = location.description
    }
}

/// What a verdict's reason cites of a clause — its rule id, where it is written, its official document —
/// as one shared object: a reason then holds one reference, not three strings each retained when the
/// reason is made and released when it is freed (half of all applications have a few reasons).
public final class Clause: Sendable {
    public let rule: String
    public let source: String
    public let basis: String?

    public init(rule: String, source: String, basis: String?) {
        self.rule = rule
        self.source = source
        self.basis = basis
    }
}

/// The exam years a clause is in force, both ends included; nil is open.
public struct Period: Sendable, Hashable, CustomStringConvertible {
    public let from: Int?
    public let until: Int?

    public static let always = Period(from: nil, until: nil)

    public func contains(_ year: Int) -> Bool { (from ?? .min) <= year && year <= (until ?? .max) }

    public func overlaps(_ other: Period) -> Bool {
        max(from ?? .min, other.from ?? .min) <= min(until ?? .max, other.until ?? .max)
    }

    public var description: String {
        switch (from, until) {
        case (nil, nil): return "always"
        case (let f?, nil): return "from \(f)"
        case (nil, let u?): return "until \(u)"
        case (let f?, let u?): return "\(f)–\(u)"
        }
    }
}

public struct Subject: Sendable, Hashable {
    public enum Kind: String, Sendable { case objective, subjective }
    public let id: String
    public let name: String
    public let kind: Kind
}

public struct Specialty: Sendable, Hashable {
    public let id: String
    public let name: String
}

public final class Level: Sendable {
    public let id: String
    public let name: String
    /// Indices into the exam's subjects, in the order a candidate sits them.
    public let subjects: [Int]
    /// Indices into the exam's specialties; empty when the level has none to choose.
    public let specialties: [Int]

    init(id: String, name: String, subjects: [Int], specialties: [Int]) {
        self.id = id
        self.name = name
        self.subjects = subjects
        self.specialties = specialties
    }
}

/// The education levels a requirement accepts, as bits over ``EducationLevel``.
public struct EducationSet: Sendable, Hashable {
    public let bits: UInt8

    public init(_ levels: some Sequence<EducationLevel>) {
        bits = levels.reduce(0) { $0 | EducationSet.bit($1) }
    }

    /// The set of one level (without building an array of it).
    public init(_ level: EducationLevel) {
        bits = EducationSet.bit(level)
    }

    public func contains(_ level: EducationLevel) -> Bool { bits & EducationSet.bit(level) != 0 }
    public var levels: [EducationLevel] { EducationLevel.allCases.filter(contains) }
    public var lowest: EducationLevel? { EducationLevel.allCases.first(where: contains) }  // without an array of levels

    static func bit(_ level: EducationLevel) -> UInt8 { 1 << UInt8(level.rank) }

    /// `本科`, `本科及以上`, `大专、本科`: read from a table of every set, as messages name sets often.
    public var chinese: String {
        Int(bits) < EducationSet.chineseNames.count ? EducationSet.chineseNames[Int(bits)] : spelledOut
    }

    private static let chineseNames: [String] = (0..<(1 << EducationLevel.allCases.count)).map {
        EducationSet(bits: UInt8($0)).spelledOut
    }

    private init(bits: UInt8) { self.bits = bits }

    private var spelledOut: String {
        let levels = self.levels
        guard let first = levels.first else { return "（无）" }
        if levels == EducationLevel.allCases.filter({ $0 >= first }) && levels.count > 1 { return "\(first.chinese)及以上" }
        return levels.map(\.chinese).joined(separator: "、")
    }
}

public enum MajorSpec: Sendable, Hashable {
    case any
    /// Any of the named groups (indices into the catalogue's groups), with their names for messages.
    case groups(GroupSet, names: [String])
}

/// "Holds qualification Q (obtained on or before a date, or at least N years before the cutoff)".
public struct HoldSpec: Sendable, Hashable {
    public let qualification: Int
    public let yearsSince: Int?
    public let obtainedBy: CalendarDate?
}

/// A conjunction: every field that is set must hold.
public struct Requirement: Sendable, Hashable {
    public let education: EducationSet?
    public let majors: MajorSpec?
    /// Years of the exam's counted kind of work (专业工作年限).
    public let years: Int?
    /// Total years of work since `workStart`.
    public let totalYears: Int?
    public let holds: [HoldSpec]
    /// The education record must have been obtained (graduated) on or before this day: routes for
    /// diplomas of an old system (勘察设计: 1991年及以前取得学历者免基础考试), which no level or major tells.
    public let graduatedBy: CalendarDate?
    /// `years` are counted from the graduation of the education record that meets the requirement: work
    /// before that diploma does not count, full-time study or not (咨询工程师 2019: 大专 years count
    /// "从取得大专学历后参加工作之日起"). Without dated work periods the declared years are taken as counted so.
    public let countsFromGraduation: Bool
    public let location: SourceLocation

    public init(education: EducationSet?, majors: MajorSpec?, years: Int?, totalYears: Int?, holds: [HoldSpec],
                graduatedBy: CalendarDate? = nil, countsFromGraduation: Bool = false, location: SourceLocation) {
        self.education = education
        self.majors = majors
        self.years = years
        self.totalYears = totalYears
        self.holds = holds
        self.graduatedBy = graduatedBy
        self.countsFromGraduation = countsFromGraduation
        self.location = location
    }

    /// Whether the requirement needs an education record to be judged.
    public var needsRecord: Bool { education != nil || majors != nil || graduatedBy != nil || countsFromGraduation }
}

/// What the evaluation's hot path reads of a requirement, without references: copying it touches no
/// reference count, which matters at a million evaluations a second.
public struct RequirementCore: Sendable {
    /// Accepted education levels (``EducationSet`` bits); 0 when the requirement names none.
    public let educationBits: UInt8
    public let hasMajors: Bool
    /// ``Requirement/countsFromGraduation``: `years` read the record's work after its graduation. (Beside
    /// the other flags: the core stays 40 bytes.)
    public let countsFromGraduation: Bool
    public let majorGroups: GroupSet
    /// -1 when not required.
    public let years: Int32
    public let totalYears: Int32
    /// Qualifications to hold: the hot path leaves those to the full check.
    public let hasHolds: Bool
    /// ``Requirement/graduatedBy`` as a ``CalendarDate/orderKey``, `Int32.max` when not required: compared
    /// with the record core's graduation key, which is `Int32.max` for a record without a date (too late).
    public let graduatedBy: Int32

    init(_ q: Requirement) {
        educationBits = q.education?.bits ?? 0
        if case .groups(let set, _) = q.majors { (hasMajors, majorGroups) = (true, set) } else { (hasMajors, majorGroups) = (false, GroupSet()) }
        years = q.years.map(Int32.init) ?? -1
        totalYears = q.totalYears.map(Int32.init) ?? -1
        hasHolds = !q.holds.isEmpty
        graduatedBy = q.graduatedBy.map { Int32(clamping: $0.orderKey) } ?? .max
        countsFromGraduation = q.countsFromGraduation
    }

    /// ``Requirement/needsRecord``, from the bits.
    public var needsRecord: Bool { educationBits != 0 || hasMajors || graduatedBy != .max || countsFromGraduation }

    /// Whether a record graduated at `graduated` (an order key, `Int32.max` when unknown) is early enough.
    @inline(__always)
    public func graduatedInTime(_ graduated: Int32) -> Bool { graduatedBy == .max || graduated <= graduatedBy }
}

/// A row of an eligibility table: one way to qualify for some levels of the exam.
public struct ConditionRow: Sendable {
    public let id: String
    /// `yijian/conditions/associate-engineering`
    public let ruleID: String
    /// Indices of the levels it applies to; all when empty.
    public let levels: [Int]
    public let period: Period
    public let citation: Citation
    public let requirement: Requirement
    /// A local condition's own message, for province overlays.
    public let note: String?
    public let core: RequirementCore
    /// `ruleID` and `citation`, as reasons cite them.
    public let clause: Clause

    init(id: String, ruleID: String, levels: [Int], period: Period, citation: Citation, requirement: Requirement, note: String?) {
        self.id = id
        self.ruleID = ruleID
        self.levels = levels
        self.period = period
        self.citation = citation
        self.requirement = requirement
        self.note = note
        self.core = RequirementCore(requirement)
        self.clause = Clause(rule: ruleID, source: citation.source, basis: citation.basis)
    }

    public func applies(toLevel level: Int) -> Bool { levels.isEmpty || levels.contains(level) }
}

/// 免考: who may skip which subjects.
public struct Exemption: Sendable {
    public let id: String
    public let ruleID: String
    public let name: String
    public let levels: [Int]
    public let period: Period
    public let citation: Citation
    /// Subject indices exempted.
    public let exempt: [Int]
    /// Whether the candidate must also meet an eligibility condition of the level.
    public let requiresConditions: Bool
    /// Any one of these suffices.
    public let alternatives: [Requirement]
    /// Years a passed subject is kept on this exemption, when it differs from the exam's `rolling.exempt`
    /// (注册城乡规划师: 2 years with a 注册建筑师 certificate, 3 with an accredited master's degree).
    public let rolling: Int?

    /// The years a passed subject is kept on this exemption: its own, else the exam's `exempt` figure.
    public func rollingYears(in exam: Exam) -> Int? { rolling ?? exam.rolling["exempt"] }
}

/// 增报专业: holders of the certificate add a specialty and sit only some subjects.
public struct AddSpecialtyRoute: Sendable {
    public let id: String
    public let ruleID: String
    public let name: String
    public let levels: [Int]
    public let period: Period
    public let citation: Citation
    /// Subject indices sat on this route.
    public let sit: [Int]
    public let alternatives: [Requirement]
}

/// What a clause asks a candidate to hold: one or more entries of the qualification catalogue, any of
/// which will do (`中级经济专业技术资格（或视同）` accepts the 经济, 会计, 统计 and 审计 中级 and more).
public struct Qualification: Sendable {
    public let id: String
    /// The name messages use.
    public let name: String
    /// Indices into ``RuleSet/qualifications`` entries.
    public let accepts: [Int]
}

public struct WorkPolicy: Sendable {
    /// The counted kind of work, e.g. `建设工程项目施工管理`.
    public let kind: String
    public let cutoffMonth: Int
    public let cutoffDay: Int
    /// Time in full-time education before graduation does not count (in `workPeriods`).
    public let excludeFullTimeStudy: Bool

    public func cutoff(examYear: Int) -> CalendarDate {
        (try? CalendarDate(year: examYear, month: cutoffMonth, day: cutoffDay)) ?? .endOfYear(examYear)
    }
}

/// A class, not a struct: verdicts read it through the case's overlay millions of times, and a shared
/// reference costs one retain where a struct of strings and dictionaries costs one per field.
public final class FeeTable: Sendable {
    public let objective: Fen?
    public let subjective: Fen?
    public let registration: Fen?
    /// Per subject index, overriding the kind's amount.
    public let subjects: [Int: Fen]
    public let example: Bool
    public let citation: Citation

    init(objective: Fen?, subjective: Fen?, registration: Fen?, subjects: [Int: Fen], example: Bool, citation: Citation) {
        self.objective = objective
        self.subjective = subjective
        self.registration = registration
        self.subjects = subjects
        self.example = example
        self.citation = citation
    }

    public func amount(subject index: Int, kind: Subject.Kind) -> Fen? {
        subjects[index] ?? (kind == .objective ? objective : subjective)
    }
}

public struct DateWindow: Sendable, Hashable {
    public let from: CalendarDate
    public let until: CalendarDate
    public func contains(_ date: CalendarDate) -> Bool { from <= date && date <= until }
}

/// What one province states for one exam, beyond the national rules. A class for the reason ``FeeTable`` is.
public final class ExamProvinceOverlay: Sendable {
    public let province: Region
    public let registration: DateWindow?
    public let payment: DateWindow?
    public let fees: FeeTable?
    /// Indices into the province's audit points that take this exam; nil means all.
    public let auditPoints: [Int]?
    /// Candidates with exempted subjects are verified on site.
    public let exemptionsOnSite: Bool
    /// Extra local conditions, all of which must hold.
    public let extraConditions: [ConditionRow]
    public let example: Bool
    public let citation: Citation
    /// The fees in this province (`fees`, else the exam's), resolved for every choice of subjects.
    public let feeSchedule: FeeSchedule

    init(province: Region, registration: DateWindow?, payment: DateWindow?, fees: FeeTable?, auditPoints: [Int]?,
         exemptionsOnSite: Bool, extraConditions: [ConditionRow], example: Bool, citation: Citation, feeSchedule: FeeSchedule) {
        self.province = province
        self.registration = registration
        self.payment = payment
        self.fees = fees
        self.auditPoints = auditPoints
        self.exemptionsOnSite = exemptionsOnSite
        self.extraConditions = extraConditions
        self.example = example
        self.citation = citation
        self.feeSchedule = feeSchedule
    }
}

/// One exam's national policy, resolved.
public final class Exam: Sendable {
    public let id: String
    public let name: String
    public let location: SourceLocation
    public let levels: [Level]
    public let subjects: [Subject]
    public let specialties: [Specialty]
    public let work: WorkPolicy
    /// Years a passed subject's score is kept, by basis (`full`, `exempt`, `add-specialty`).
    public let rolling: [String: Int]
    /// Whether the exam uses the 告知承诺制 commitment (otherwise every application is reviewed on site).
    public let commitment: Bool
    public let conditions: [ConditionRow]
    public let exemptions: [Exemption]
    public let addSpecialty: [AddSpecialtyRoute]
    public let qualifications: [Qualification]
    /// Per entry of the qualification catalogue, the exam's qualifications it counts as (bit `q`):
    /// preparing an application turns a recognised record into holdings with one read.
    public let qualificationsByEntry: [UInt64]
    public let fees: FeeTable
    public let overlays: [String: ExamProvinceOverlay]
    /// The counted kind of work as messages name it: `建设工程项目施工管理工作`, but `社会工作` and
    /// `安全生产业务` as they are. Decided once at load, not per message.
    public let workKindPhrase: String
    /// The exam's fees where no province overlay applies, resolved for every choice of subjects.
    public let feeSchedule: FeeSchedule
    /// Whether some clause counts work from a record's graduation (``Requirement/countsFromGraduation``):
    /// only then does preparation count each record's work after its diploma.
    public let countsFromGraduation: Bool
    /// Per level, per ``SubjectChoice``, the subject ids: verdicts share these arrays.
    private let subjectIDsByChoice: [[[String]]]
    /// Per level and year (`level * yearSpan + year - firstYear`), the rows in force.
    private let rowsByLevelAndYear: [[ConditionRow]]

    init(id: String, name: String, location: SourceLocation, levels: [Level], subjects: [Subject],
         specialties: [Specialty], work: WorkPolicy, rolling: [String: Int], commitment: Bool,
         conditions: [ConditionRow], exemptions: [Exemption], addSpecialty: [AddSpecialtyRoute],
         qualifications: [Qualification], fees: FeeTable, overlays: [String: ExamProvinceOverlay]) {
        self.id = id
        self.name = name
        self.location = location
        self.levels = levels
        self.subjects = subjects
        self.specialties = specialties
        self.work = work
        self.rolling = rolling
        self.commitment = commitment
        self.conditions = conditions
        self.exemptions = exemptions
        self.addSpecialty = addSpecialty
        self.qualifications = qualifications
        var byEntry = [UInt64](repeating: 0, count: (qualifications.flatMap(\.accepts).max() ?? -1) + 1)
        for (q, qualification) in qualifications.enumerated() where q < Exam.maxQualifications {
            for entry in qualification.accepts { byEntry[entry] |= 1 << UInt64(q) }
        }
        self.qualificationsByEntry = byEntry
        self.fees = fees
        self.overlays = overlays
        self.workKindPhrase = work.kind.hasSuffix("工作") || work.kind.hasSuffix("业务") ? work.kind : work.kind + "工作"
        self.feeSchedule = FeeSchedule(subjects: subjects, levels: levels, national: fees, local: nil, overlayExample: nil)
        self.countsFromGraduation = conditions.contains { $0.requirement.countsFromGraduation }
            || exemptions.contains { $0.alternatives.contains(where: \.countsFromGraduation) }
            || addSpecialty.contains { $0.alternatives.contains(where: \.countsFromGraduation) }
        self.subjectIDsByChoice = levels.map { level in
            level.subjects.count > FeeSchedule.tabulatedSubjects ? []
                : (0..<(1 << level.subjects.count)).map { Exam.subjectIDs(level, $0, subjects) }
        }
        var table: [[ConditionRow]] = []
        for level in levels.indices {
            for year in Exam.firstYear..<Exam.firstYear + Exam.yearSpan {
                table.append(conditions.filter { $0.applies(toLevel: level) && $0.period.contains(year) })
            }
        }
        self.rowsByLevelAndYear = table
    }

    /// The condition rows in force for a level and exam year, computed once at load for the years rules
    /// name (2000–2040) so evaluation copies no rows; other years are filtered on demand.
    public func conditions(level: Int, year: Int) -> [ConditionRow] {
        if (Exam.firstYear..<Exam.firstYear + Exam.yearSpan).contains(year), levels.indices.contains(level) {
            return rowsByLevelAndYear[level * Exam.yearSpan + (year - Exam.firstYear)]
        }
        return conditions.filter { $0.applies(toLevel: level) && $0.period.contains(year) }
    }

    /// The ids of `choice` of the level's subjects, in the level's order.
    public func subjectIDs(level: Int, choice: SubjectChoice) -> [String] {
        subjectIDsByChoice[level].isEmpty ? Exam.subjectIDs(levels[level], choice, subjects) : subjectIDsByChoice[level][choice]
    }

    private static func subjectIDs(_ level: Level, _ choice: SubjectChoice, _ subjects: [Subject]) -> [String] {
        level.subjects.indices.filter { choice & (1 << $0) != 0 }.map { subjects[level.subjects[$0]].id }
    }

    /// The qualifications an exam may define: one bit each in ``qualificationsByEntry``.
    public static let maxQualifications = 64

    /// The exam's qualifications that catalogue entry `entry` counts as, as bits.
    @inline(__always)
    public func qualifications(ofEntry entry: Int) -> UInt64 {
        entry < qualificationsByEntry.count ? qualificationsByEntry[entry] : 0
    }

    static let firstYear = 2000
    static let yearSpan = 41

    /// The same exam with its province overlays attached.
    func with(overlays: [String: ExamProvinceOverlay]) -> Exam {
        Exam(id: id, name: name, location: location, levels: levels, subjects: subjects, specialties: specialties,
             work: work, rolling: rolling, commitment: commitment, conditions: conditions, exemptions: exemptions,
             addSpecialty: addSpecialty, qualifications: qualifications, fees: fees, overlays: overlays)
    }

    public func level(_ key: String) -> Int? { levels.firstIndex { $0.id == key || $0.name == key } }
    public func subject(_ key: String) -> Int? { subjects.firstIndex { $0.id == key || $0.name == key } }
    public func specialty(_ key: String) -> Int? { specialties.firstIndex { $0.id == key || $0.name == key } }
}

public struct AuditPoint: Sendable {
    public let id: String
    public let name: String
    public let city: Region
    public let address: String
    public let phone: String
    public let example: Bool
}

/// What one province's examination authority shares across exams.
/// A province's rule file: its authority, cities and audit points. A class: every evaluation in the
/// province holds it, and a struct of arrays and strings was copied — field by field — each time.
public final class ProvinceRules: Sendable {
    public let region: Region
    public let authority: String
    public let phone: String?
    public let cities: [Region]
    public let auditPoints: [AuditPoint]
    public let example: Bool
    public let location: SourceLocation

    init(region: Region, authority: String, phone: String?, cities: [Region], auditPoints: [AuditPoint], example: Bool,
         location: SourceLocation) {
        self.region = region
        self.authority = authority
        self.phone = phone
        self.cities = cities
        self.auditPoints = auditPoints
        self.example = example
        self.location = location
    }

    public func auditPoint(_ key: String) -> Int? { auditPoints.firstIndex { $0.id == key || $0.name == key } }
}

/// Which records the national service can verify online.
public final class OnlineVerification: Sendable {
    /// Education records graduated before this date are verified by hand.
    public let educationFrom: CalendarDate
    /// Degrees awarded before this date are verified by hand.
    public let degreeFrom: CalendarDate
    public let citation: Citation

    init(educationFrom: CalendarDate, degreeFrom: CalendarDate, citation: Citation) {
        self.educationFrom = educationFrom
        self.degreeFrom = degreeFrom
        self.citation = citation
    }
}

/// Everything under `Rules/`, loaded, checked and resolved. Immutable; evaluate against it from any thread.
public final class RuleSet: Sendable {
    /// A content hash of every rule file: verdicts name the revision that decided them.
    public let revision: String
    public let exams: [Exam]
    public let provinces: [String: ProvinceRules]
    public let catalog: MajorCatalog
    /// Certificates and titles (`catalogs/qualifications.yaml`).
    public let qualifications: QualificationCatalog
    public let onlineVerification: OnlineVerification
    /// The identity documents accepted (`catalogs/id-types.yaml`).
    public let idTypes: [IDType]

    private let provinceKeys: [String: String]
    /// Exams, and their levels, specialties and subjects, by the bytes of an id or name.
    let examTable: ByteTable
    let examLookups: [ExamLookup]
    /// The provinces with a rule file, and their keys (code, name, short name) as bytes.
    private let ruledProvinces: [ProvinceRules]
    private let provinceTable: ByteTable
    /// Each exam's overlay for each ruled province (`exam * ruledProvinces.count + province`): a table, so
    /// that an application's overlay is found without hashing the region code.
    private let overlayTable: [ExamProvinceOverlay?]

    init(revision: String, exams: [Exam], provinces: [String: ProvinceRules], catalog: MajorCatalog,
         qualifications: QualificationCatalog, onlineVerification: OnlineVerification, idTypes: [IDType] = IDType.allCases) {
        self.idTypes = idTypes
        self.revision = revision
        self.exams = exams
        self.provinces = provinces
        self.catalog = catalog
        self.qualifications = qualifications
        self.onlineVerification = onlineVerification
        var keys: [String: String] = [:]
        for region in RegionTable.current.mainlandProvinces {
            keys[region.code] = region.code
            keys[region.name] = region.code
            for suffix in ["维吾尔自治区", "壮族自治区", "回族自治区", "自治区", "省", "市"] where region.name.hasSuffix(suffix) {
                keys[String(region.name.dropLast(suffix.count))] = region.code
                break
            }
        }
        self.provinceKeys = keys
        let withRules = keys.filter { provinces[$0.value] != nil }.sorted { $0.key < $1.key }
        var ruled: [ProvinceRules] = []
        var pairs: [(key: [UInt8], value: Int)] = []
        for (key, code) in withRules {
            let index = ruled.firstIndex { $0.region.code == code } ?? { ruled.append(provinces[code]!); return ruled.count - 1 }()
            pairs.append((Array(key.utf8), index))
        }
        self.ruledProvinces = ruled
        self.examTable = ByteTable(firstOf: exams.enumerated().flatMap { [($1.id, $0), ($1.name, $0)] })
        self.examLookups = exams.map(ExamLookup.init)
        self.provinceTable = ByteTable(pairs)
        self.overlayTable = exams.flatMap { exam in ruled.map { exam.overlays[$0.region.code] } }
    }

    /// A mainland province's code from its code, name or short name (`110000`, `北京市`, `北京`, `广西`).
    public func provinceCode(_ key: String) -> String? { provinceKeys[key] }

    /// The rules of the province named by these UTF-8 bytes (code, name or short name), looked up without
    /// making a string; nil for a key that is no province, or a province without a rule file.
    public func province(utf8 key: UnsafeBufferPointer<UInt8>) -> ProvinceRules? {
        provinceTable.value(key).map { ruledProvinces[$0] }
    }

    /// ``province(utf8:)`` with the overlay of exam `exam` (an index in ``exams``) for that province —
    /// what `exams[exam].overlays[province.region.code]` holds, from a table.
    public func province(utf8 key: UnsafeBufferPointer<UInt8>, exam: Int) -> (rules: ProvinceRules, overlay: ExamProvinceOverlay?)? {
        provinceTable.value(key).map { (ruledProvinces[$0], overlayTable[exam * ruledProvinces.count + $0]) }
    }

    /// An exam by id (`yijian`) or Chinese name (`一级建造师`).
    public func exam(_ key: String) -> Exam? { exams.first { $0.id == key || $0.name == key } }
}
