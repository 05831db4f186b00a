import Rules
import Vocabulary

/// What one requirement lacks for one candidate (and one education record).
enum Shortfall: Equatable {
    case education(required: EducationSet, actual: EducationLevel)
    /// The record was obtained after the requirement's `graduatedBy` day (or its date is unknown).
    case graduatedLate(by: CalendarDate)
    /// The record's major is known and outside the groups, or the record has no major. The message reads
    /// the major from the record it names, when it is written.
    case major(names: [String])
    case years(required: Int)
    case totalYears(required: Int)
    case holding(HoldSpec, Case.Holding)

    var code: String {
        switch self {
        case .education: "education-not-eligible"
        case .graduatedLate: "education-obtained-late"
        case .major: "major-not-eligible"
        case .years: "work-years-short"
        case .totalYears: "total-work-years-short"
        case .holding(let spec, let holding):
            switch holding {
            case .none, .unrecognised: "qualification-missing"
            case .held(let since):
                if spec.obtainedBy != nil, let since, since > spec.obtainedBy! { "qualification-obtained-late" }
                else if since == nil { "qualification-missing" }
                else { "qualification-years-short" }
            }
        }
    }

    /// Shortfalls that time alone cures.
    var curedByTime: Bool {
        switch self {
        case .years, .totalYears: true
        case .holding(let spec, .held(let since)): spec.yearsSince != nil && since != nil && (spec.obtainedBy == nil || since! <= spec.obtainedBy!)
        default: false
        }
    }
}

/// The outcome of checking one requirement against one education record.
struct Check {
    var shortfalls: [Shortfall] = []
    /// The major is in no catalogue, or a qualification asked for may be a certificate or title the
    /// catalogue does not know: the requirement may hold, and a person must look.
    var unsure = false

    var passed: Bool { shortfalls.isEmpty && !unsure }
    var passedButUnsure: Bool { shortfalls.isEmpty && unsure }
    var educationFits: Bool { !shortfalls.contains { if case .education = $0 { true } else { false } } }
}

extension Evaluator {

    func check(_ q: Requirement, _ c: Case, record e: Case.Education?) -> Check {
        var shortfalls: [Shortfall] = []
        let unsure = visitShortfalls(q, c, record: e?.index) { shortfalls.append($0) }
        return Check(shortfalls: shortfalls, unsure: unsure)
    }

    /// How many shortfalls ``check(_:_:record:)`` would list, on the reference-free form of the requirement
    /// (as ``quickCheck(_:holds:_:record:)`` judges it): the failure report compares records by this, copying
    /// nothing, and builds the messages of the closest one only. `holds`: the requirement's, when it has any.
    @inline(__always)
    func shortfallCount(_ q: RequirementCore, holds: [HoldSpec], _ c: Case, record i: Int?) -> Int {
        var count = 0
        if let i {
            let e = c.educationCores[i]
            if q.educationBits != 0 && q.educationBits & e.levelBit == 0 { count += 1 }
            if !q.graduatedInTime(e.graduated) { count += 1 }
            if q.hasMajors {
                switch e.majorState {
                case 0: if !e.groups.intersects(q.majorGroups) { count += 1 }
                case 1: break  // outside every catalogue: not a shortfall, a person looks
                default: count += 1
                }
            }
        } else if q.hasMajors {
            count += 1
        }
        if q.years >= 0, !c.work(fromGraduation: q.countsFromGraduation, record: i).meets(years: Int(q.years), cutoff: c.cutoff) { count += 1 }
        if q.totalYears >= 0 {
            let years = Int(q.totalYears)
            let total = c.totalWork ?? c.relevantWork
            if !total.meets(years: years, cutoff: c.cutoff) && !c.relevantWork.meets(years: years, cutoff: c.cutoff) { count += 1 }
        }
        for spec in holds where !holdingMet(spec, c) && !mayBeHeld(spec, c) { count += 1 }
        return count
    }

    /// How many shortfalls a requirement has for a record, and whether a person must look (a major in no
    /// catalogue, an unrecognised qualification): what choosing among alternatives and records needs,
    /// without building the shortfalls.
    func tally(_ q: Requirement, _ c: Case, record i: Int?) -> (shortfalls: Int, unsure: Bool) {
        var count = 0
        let unsure = visitShortfalls(q, c, record: i) { _ in count += 1 }
        return (count, unsure)
    }

    /// The positions of the records a requirement is checked against: each record's, or a single nil when
    /// it needs no education.
    func records(_ q: Requirement, _ c: Case) -> RecordPositions {
        RecordPositions(count: q.needsRecord ? c.education.count : 1, needsRecord: q.needsRecord)
    }

    /// Hands each shortfall of `q` for the candidate and the education record at position `i` to `visit`,
    /// in the order messages list them, and returns whether the requirement may hold but a person must look:
    /// the record's major is in no catalogue, or a qualification may be one the catalogue does not know. The one definition behind ``check(_:_:record:)`` and
    /// ``shortfallCount(_:_:record:)``, so counting and listing cannot disagree.
    @inline(__always)
    func visitShortfalls(_ q: Requirement, _ c: Case, record i: Int?, _ visit: (Shortfall) -> Void) -> Bool {
        var unsure = false
        // The record's core, held in the case, not the record: its strings are elsewhere in memory.
        let record = i.map { c.educationCores[$0] }
        if let education = q.education, let record, !education.contains(record.level) {
            visit(.education(required: education, actual: record.level))
        }
        if let by = q.graduatedBy, let i, !(c.education[i].graduated.map { $0 <= by } ?? false) {
            visit(.graduatedLate(by: by))
        }
        if case .groups(let set, let names) = q.majors {
            switch record?.majorState {
            case 0?: if !record!.groups.intersects(set) { visit(.major(names: names)) }
            case 1?: unsure = true  // outside every catalogue
            default: visit(.major(names: names))  // no major given, or no record
            }
        }
        if let years = q.years, !c.work(fromGraduation: q.countsFromGraduation, record: i).meets(years: years, cutoff: c.cutoff) {
            visit(.years(required: years))
        }
        if let years = q.totalYears {
            // Total work includes the relevant work: without `workStart`, the relevant work is a lower bound.
            let total = c.totalWork ?? c.relevantWork
            if !total.meets(years: years, cutoff: c.cutoff) && !c.relevantWork.meets(years: years, cutoff: c.cutoff) {
                visit(.totalYears(required: years))
            }
        }
        for spec in q.holds where !holdingMet(spec, c) {
            if mayBeHeld(spec, c) { unsure = true } else { visit(.holding(spec, c.holdings[spec.qualification])) }
        }
        return unsure
    }

    /// Whether the candidate holds `spec`'s qualification, obtained early enough and long enough before the
    /// cutoff. One test for the full check and the hot path alike.
    @inline(__always)
    func holdingMet(_ spec: HoldSpec, _ c: Case) -> Bool {
        guard case .held(let since) = c.holdings[spec.qualification] else { return false }
        return datesMeet(spec, since: since, c)
    }

    /// Whether an unrecognised certificate or title of the candidate could be `spec`'s qualification: its
    /// date would do. Then the requirement is not refused; a person looks at the record.
    @inline(__always)
    func mayBeHeld(_ spec: HoldSpec, _ c: Case) -> Bool {
        guard case .unrecognised(let since) = c.holdings[spec.qualification] else { return false }
        return datesMeet(spec, since: since, c)
    }

    /// Obtained on or before `obtainedBy` and at least `yearsSince` years before the cutoff, counted from
    /// the date on the record (for a 资格证书, the approval date printed on it).
    @inline(__always)
    func datesMeet(_ spec: HoldSpec, since: CalendarDate?, _ c: Case) -> Bool {
        if let by = spec.obtainedBy, since.map({ $0 > by }) ?? true { return false }
        if let years = spec.yearsSince, since.map({ $0.adding(years: years) > c.cutoff.adding(days: 1) }) ?? true { return false }
        return true
    }

    /// The judgement of ``check(_:_:record:)`` without building shortfalls, on the reference-free forms: the
    /// hot path of an eligible candidate allocates nothing. Returns (passed, passed but a person must look).
    @inline(__always)
    func quickCheck(_ q: RequirementCore, holds: [HoldSpec], _ c: Case, record i: Int?) -> (passed: Bool, unsure: Bool) {
        var unsure = false
        if let i {
            let e = c.educationCores[i]
            if q.educationBits != 0 && q.educationBits & e.levelBit == 0 { return (false, false) }
            if !q.graduatedInTime(e.graduated) { return (false, false) }
            if q.hasMajors {
                switch e.majorState {
                case 0: if !e.groups.intersects(q.majorGroups) { return (false, false) }
                case 1: unsure = true
                default: return (false, false)
                }
            }
        } else if q.hasMajors {
            return (false, false)
        }
        if q.years >= 0, !c.work(fromGraduation: q.countsFromGraduation, record: i).meets(years: Int(q.years), cutoff: c.cutoff) { return (false, false) }
        if q.totalYears >= 0 {
            let years = Int(q.totalYears)
            let total = c.totalWork ?? c.relevantWork
            if !total.meets(years: years, cutoff: c.cutoff) && !c.relevantWork.meets(years: years, cutoff: c.cutoff) { return (false, false) }
        }
        for spec in holds where !holdingMet(spec, c) {
            guard mayBeHeld(spec, c) else { return (false, false) }
            unsure = true
        }
        return (!unsure, unsure)
    }

    /// Checks a requirement against every education record (or once, when it needs none); the best first.
    func checks(_ q: Requirement, _ c: Case) -> [(record: Case.Education?, check: Check)] {
        guard q.needsRecord else { return [(nil, check(q, c, record: nil))] }
        return c.education.map { ($0, check(q, c, record: $0)) }
    }

    /// Whether some record (or none needed) meets the requirement; `allowUnsure` accepts one that holds
    /// but for a major outside every catalogue or an unrecognised qualification.
    func holds(_ q: Requirement, _ c: Case, allowUnsure: Bool = false) -> Bool {
        checks(q, c).contains { $0.check.passed || (allowUnsure && $0.check.passedButUnsure) }
    }
}

/// The positions ``Evaluator/records(_:_:)`` lists, without an array.
struct RecordPositions: Sequence, IteratorProtocol {
    let count: Int
    let needsRecord: Bool
    private var position = 0

    init(count: Int, needsRecord: Bool) {
        self.count = count
        self.needsRecord = needsRecord
    }

    mutating func next() -> Int?? {
        guard position < count else { return nil }
        defer { position += 1 }
        return .some(needsRecord ? position : nil)
    }
}
