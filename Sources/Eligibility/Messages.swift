import Rules
import Vocabulary

/// The Chinese wording of requirements and shortfalls, with the numbers a candidate can act on.
extension Evaluator {
    /// `本科学历（工学门类或管理科学与工程类专业）`, `大专及以上学历`, or empty.
    func describe(_ q: Requirement) -> String {
        var text = q.education.map { "\($0.chinese)学历" } ?? ""
        if case .groups(_, let names) = q.majors {
            text += "（\(names.joined(separator: "或"))专业）"
        }
        return text
    }

    func message(_ shortfall: Shortfall, requirement q: Requirement, _ c: Case, record e: Case.Education?) -> String {
        var who: String { describe(q) }  // only the work-year messages name the requirement
        switch shortfall {
        case .education(let required, let actual):
            return "须具有\(required.chinese)学历，第\((e?.index ?? 0) + 1)条学历为\(actual.chinese)"
        case .major(let names, let major):
            guard let major else {
                return "第\((e?.index ?? 0) + 1)条学历未填写所学专业，无法判断是否为\(names.joined(separator: "或"))专业"
            }
            return "\(e.map { "\($0.level.chinese)学历" } ?? "")报考须为\(names.joined(separator: "或"))专业，所学专业“\(major)”不在其列"
        case .years(let years):
            return "\(who)须从事\(workKind(c.exam))满\(years)年，截至\(c.cutoff.chinese)为\(c.relevantWork.chinese(cutoff: c.cutoff))"
        case .totalYears(let years):
            guard let total = c.totalWork else {
                return "\(who)须累计工作满\(years)年，未填写参加工作时间（workStart），按专业工作年限计为\(c.relevantWork.chinese(cutoff: c.cutoff))"
            }
            return "\(who)须累计工作满\(years)年，截至\(c.cutoff.chinese)为\(total.chinese(cutoff: c.cutoff))"
        case .holding(let spec, let holding):
            let q = c.exam.qualifications[spec.qualification]
            guard case .held(let since) = holding else {
                if let by = spec.obtainedBy { return "须于\(by.chinese)前取得\(q.name)" }
                if let years = spec.yearsSince { return "须取得\(q.name)满\(years)年" }
                return "须持有\(q.name)"
            }
            guard let since else { return "须注明\(q.name)的取得时间" }
            if let by = spec.obtainedBy, since > by {
                return "\(q.name)须于\(by.chinese)前取得，所持证书取得于\(since.chinese)"
            }
            let years = spec.yearsSince ?? 0
            let counted = WorkTime.count(periods: [(since, c.cutoff)], cutoff: c.cutoff)
            return "须取得\(q.name)满\(years)年，截至\(c.cutoff.chinese)为\(counted.chinese(cutoff: c.cutoff))"
        }
    }

    /// `建设工程项目施工管理工作`, but `社会工作` and `安全生产业务` as they are.
    func workKind(_ exam: Exam) -> String {
        let kind = exam.work.kind
        return kind.hasSuffix("工作") || kind.hasSuffix("业务") ? kind : kind + "工作"
    }

    /// The values a requirement read, for `--explain`.
    func traceDetail(_ q: Requirement, _ c: Case, record e: Case.Education?, check: Check) -> String {
        var read: [String] = []
        if let e {
            var major = e.major ?? "未填专业"
            if case .known(let node, _) = e.match { major += "（\(rules.catalog.nodes[node].code)）" }
            if case .unknown = e.match, e.major != nil { major += "（目录外）" }
            read.append("学历#\(e.index + 1) \(e.level.chinese) \(major)")
        }
        if q.years != nil { read.append("专业工作\(c.relevantWork.chinese(cutoff: c.cutoff))") }
        if q.totalYears != nil { read.append("累计工作\((c.totalWork ?? c.relevantWork).chinese(cutoff: c.cutoff))") }
        for spec in q.holds {
            let name = c.exam.qualifications[spec.qualification].name
            switch c.holdings[spec.qualification] {
            case .none: read.append("未持\(name)")
            case .held(let since): read.append("持\(name)\(since.map { "（\($0)取得）" } ?? "")")
            }
        }
        var wanted: [String] = []
        if !describe(q).isEmpty { wanted.append(describe(q)) }
        if let y = q.years { wanted.append("\(c.exam.work.kind)满\(y)年") }
        if let y = q.totalYears { wanted.append("累计工作满\(y)年") }
        let outcome = check.passed ? "满足" : check.passedButForMajor ? "专业不在目录中，待人工审核"
            : check.shortfalls.map { message($0, requirement: q, c, record: e) }.joined(separator: "；")
        return "要求：\(wanted.joined(separator: "，").ifEmpty("见规则"))；读取：\(read.joined(separator: "，").ifEmpty("无"))；结果：\(outcome)"
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
