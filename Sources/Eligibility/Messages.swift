import Rules
import Vocabulary

/// The Chinese wording of requirements and shortfalls, with the numbers a candidate can act on.
extension Evaluator {
    /// `本科学历（工学门类或管理科学与工程类专业）`, `大专及以上学历`, or empty.
    func describe(_ q: Requirement) -> String {
        var text = ""
        Requirement.write(education: q.education, majors: q.majors, to: &text)
        return text
    }

    /// What a row that rests on no education record asks, for the summary of a decision — the same with
    /// and without `--explain`: `持初级注册安全工程师职业资格证书，安全生产业务满3年`; the rule id when the row
    /// says nothing else.
    func decidingLabel(_ row: ConditionRow, _ exam: Exam) -> String {
        let q = row.requirement
        var parts = [describe(q)].filter { !$0.isEmpty }
        if let by = q.graduatedBy { parts.append("\(by)前取得学历") }
        parts += q.holds.map { "持\(exam.qualifications[$0.qualification].name)" + ($0.yearsSince.map { "满\($0)年" } ?? "") }
        if let years = q.years { parts.append((q.countsFromGraduation ? "取得学历后" : "") + "\(exam.workKindPhrase)满\(years)年") }
        if let years = q.totalYears { parts.append("累计工作满\(years)年") }
        return parts.isEmpty ? row.ruleID : parts.joined(separator: "，")
    }

    /// The message of a shortfall as a `String` (verdicts keep the values and render when written).
    func message(_ shortfall: Shortfall, requirement q: Requirement, _ c: Case, record e: Case.Education?) -> String {
        ReasonText.shortfall(shortfall, ShortfallContext(q, c, record: e?.index)).rendered
    }

    /// The values a requirement read, for `--explain`.
    func traceDetail(_ q: Requirement, _ c: Case, record e: Case.Education?, check: Check) -> String {
        var read: [String] = []
        if let e {
            var major = e.major ?? "未填专业"
            if case .known(let node, _) = e.match { major += "（\(rules.catalog.nodes[node].code)）" }
            if case .unknown = e.match, e.major != nil { major += "（目录外）" }
            read.append("学历#\(e.index + 1) \(e.level.chinese) \(major)" + (q.graduatedBy != nil ? "（\(e.graduated.map { "\($0)" } ?? "毕业时间未填")毕业）" : ""))
        }
        if q.years != nil {
            let work = c.work(fromGraduation: q.countsFromGraduation, record: e?.index)
            read.append((q.countsFromGraduation ? "取得该学历后专业工作" : "专业工作") + work.chinese(cutoff: c.cutoff))
        }
        if q.totalYears != nil { read.append("累计工作\((c.totalWork ?? c.relevantWork).chinese(cutoff: c.cutoff))") }
        for spec in q.holds {
            let name = c.exam.qualifications[spec.qualification].name
            switch c.holdings[spec.qualification] {
            case .none: read.append("未持\(name)")
            case .held(let since): read.append("持\(name)\(since.map { "（\($0)取得）" } ?? "")")
            case .unrecognised: read.append("未识别所填证书或职称，可能为\(name)")
            }
        }
        var wanted: [String] = []
        if !describe(q).isEmpty { wanted.append(describe(q)) }
        if let by = q.graduatedBy { wanted.append("\(by)前取得学历") }
        if let y = q.years { wanted.append((q.countsFromGraduation ? "取得该学历后" : "") + "\(c.exam.work.kind)满\(y)年") }
        if let y = q.totalYears { wanted.append("累计工作满\(y)年") }
        let outcome = check.passed ? "满足" : check.passedButUnsure ? "专业或证书不在目录中，待人工审核"
            : check.shortfalls.map { message($0, requirement: q, c, record: e) }.joined(separator: "；")
        return "要求：\(wanted.joined(separator: "，").ifEmpty("见规则"))；读取：\(read.joined(separator: "，").ifEmpty("无"))；结果：\(outcome)"
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
