import Rules
import Vocabulary

/// What a reason's message says, kept as the values it names and rendered when read
/// (``Reason/message``) or written (straight into the JSON). Deciding builds no Chinese text.
enum ReasonText: Sendable, RenderedText {
    case fixed(String)
    /// One shortfall of a condition row.
    case shortfall(Shortfall, ShortfallContext)
    /// `报考<exam><level>须具有<lowest>及以上学历，所填最高学历为<highest>`.
    case educationBelow(exam: Exam, level: Int, lowest: EducationLevel, highest: EducationLevel)
    /// `不符合<name>条件：<shortfall>；<shortfall>`: an exemption or additional-specialty route not met.
    case routeNotMet(name: String, [Shortfall], ShortfallContext)
    /// `<note>（<shortfall>；<shortfall>）`, or the shortfalls alone: a province's local condition.
    case local(note: String?, [Shortfall], ShortfallContext)

    func write<S: TextSink>(to s: inout S) {
        switch self {
        case .fixed(let text):
            s.put(text)
        case .shortfall(let shortfall, let context):
            context.write(shortfall, to: &s)
        case .educationBelow(let exam, let level, let lowest, let highest):
            s.write("报考", exam.name, exam.levels[level].name, "须具有", lowest.chinese, "及以上学历，所填最高学历为", highest.chinese)
        case .routeNotMet(let name, let shortfalls, let context):
            s.write("不符合", name, "条件：")
            context.write(shortfalls, to: &s)
        case .local(let note, let shortfalls, let context):
            if let note { s.write(note, "（") }
            context.write(shortfalls, to: &s)
            if note != nil { s.put("）") }
        }
    }
}

/// What the messages of one requirement's shortfalls, and the years that cure them, read of the case
/// and the requirement.
struct ShortfallContext: Sendable {
    /// The case itself, not copies of what the messages read from it: a reason is made for every failed
    /// row of half the applications, and a context of copied fields made each reason a few hundred bytes.
    let c: Case
    /// The requirement's education and majors, which the work-year messages name.
    let education: EducationSet?
    let majors: MajorSpec?
    /// The position of the education record checked, nil when none was.
    let recordPosition: Int?
    /// The requirement counts its years from the record's graduation.
    let fromGraduation: Bool

    var exam: Exam { c.exam }
    var examYear: Int { c.year }
    var cutoff: CalendarDate { c.cutoff }
    /// The counted work the requirement read: after the record's graduation when it counts from it.
    var relevantWork: WorkTime { c.work(fromGraduation: fromGraduation, record: recordPosition) }
    var totalWork: WorkTime? { c.totalWork }
    /// The education record checked (its index in the application and level), nil when none was.
    var record: (index: Int, level: EducationLevel)? {
        recordPosition.map { (c.education[$0].index, c.education[$0].level) }
    }

    /// `record`: the position of the education record checked.
    init(_ q: Requirement, _ c: Case, record i: Int?) {
        self.c = c
        education = q.education
        majors = q.majors
        recordPosition = i
        fromGraduation = q.countsFromGraduation
    }

    /// The shortfalls' messages joined by `；`.
    func write<S: TextSink>(_ shortfalls: [Shortfall], to s: inout S) {
        for (i, shortfall) in shortfalls.enumerated() {
            if i > 0 { s.put("；") }
            write(shortfall, to: &s)
        }
    }

    /// The message of one shortfall, in Chinese with the numbers a candidate can act on.
    func write<S: TextSink>(_ shortfall: Shortfall, to s: inout S) {
        let recordNumber = (record?.index ?? 0) + 1
        switch shortfall {
        case .education(let required, let actual):
            s.write("须具有", required.chinese, "学历，第", recordNumber, "条学历为", actual.chinese)
        case .graduatedLate(let by):
            guard let graduated = recordPosition.flatMap({ c.education[$0].graduated }) else {
                return s.write("须于", ChineseDate(by), "前取得该学历，第", recordNumber, "条学历未填写毕业时间")
            }
            s.write("须于", ChineseDate(by), "前取得该学历，第", recordNumber, "条学历毕业于", ChineseDate(graduated))
        case .major(let names):
            guard let major = recordPosition.flatMap({ c.education[$0].major }) else {
                s.write("第", recordNumber, "条学历未填写所学专业，无法判断是否为")
                s.write(names, joinedBy: "或")
                s.put("专业")
                return
            }
            if let record { s.write(record.level.chinese, "学历") }
            s.put("报考须为")
            s.write(names, joinedBy: "或")
            s.write("专业，所学专业“", major, "”不在其列")
        case .years(let years):
            writeRequirement(to: &s)
            s.write(fromGraduation ? "须于取得该学历后从事" : "须从事", exam.workKindPhrase, "满", years, "年，截至", ChineseDate(cutoff), "为",
                    WorkTime.Chinese(time: relevantWork, cutoff: cutoff))
        case .totalYears(let years):
            writeRequirement(to: &s)
            guard let totalWork else {
                s.write("须累计工作满", years, "年，未填写参加工作时间（workStart），按专业工作年限计为", WorkTime.Chinese(time: relevantWork, cutoff: cutoff))
                return
            }
            s.write("须累计工作满", years, "年，截至", ChineseDate(cutoff), "为", WorkTime.Chinese(time: totalWork, cutoff: cutoff))
        case .holding(let spec, let holding):
            let name = exam.qualifications[spec.qualification].name
            guard case .held(let since) = holding else {
                if let by = spec.obtainedBy { return s.write("须于", ChineseDate(by), "前取得", name) }
                if let years = spec.yearsSince { return s.write("须取得", name, "满", years, "年") }
                return s.write("须持有", name)
            }
            guard let since else { return s.write("须注明", name, "的取得时间") }
            if let by = spec.obtainedBy, since > by {
                return s.write(name, "须于", ChineseDate(by), "前取得，所持证书取得于", ChineseDate(since))
            }
            let counted = WorkTime.count(periods: [(since, cutoff)], cutoff: cutoff)
            // Counted from the date on the record: for a 资格证书, the approval date printed on it.
            s.write("须取得", name, "满", spec.yearsSince ?? 0, "年，自证书所载日期", ChineseDate(since), "至", ChineseDate(cutoff),
                    "为", WorkTime.Chinese(time: counted, cutoff: cutoff))
        }
    }

    /// The first exam year in which continuing as now cures a shortfall that time alone can cure; nil
    /// when none does (or for other shortfalls).
    func yearCuring(_ shortfall: Shortfall) -> Int? {
        switch shortfall {
        case .years(let n):
            return relevantWork.earliestYear(meeting: n, examYear: examYear, cutoffMonth: exam.work.cutoffMonth, cutoffDay: exam.work.cutoffDay)
        case .totalYears(let n):
            return (totalWork ?? relevantWork).earliestYear(meeting: n, examYear: examYear, cutoffMonth: exam.work.cutoffMonth, cutoffDay: exam.work.cutoffDay)
        case .holding(let spec, .held(let since?)):
            let due = since.adding(years: spec.yearsSince ?? 0).adding(days: -1)
            var y = examYear
            while exam.work.cutoff(examYear: y) < due { y += 1 }
            return y
        default:
            return nil
        }
    }

    /// `本科学历（工学门类或管理科学与工程类专业）`, `大专及以上学历`, or nothing.
    func writeRequirement<S: TextSink>(to s: inout S) {
        Requirement.write(education: education, majors: majors, to: &s)
    }
}

extension Requirement {
    /// `本科学历（工学门类或管理科学与工程类专业）`, `大专及以上学历`, or nothing: what a requirement asks.
    static func write<S: TextSink>(education: EducationSet?, majors: MajorSpec?, to s: inout S) {
        if let education { s.write(education.chinese, "学历") }
        if case .groups(_, let names)? = majors {
            s.put("（")
            s.write(names, joinedBy: "或")
            s.put("专业）")
        }
    }
}
