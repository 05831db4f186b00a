import Rules
import Vocabulary

/// Decides applications against a loaded ``RuleSet``. Immutable and `Sendable`: share one across threads.
public struct Evaluator: Sendable {
    public let rules: RuleSet
    /// Today's date, for checks such as "a birth date may not be in the future". Injected for tests.
    public let today: CalendarDate

    public init(rules: RuleSet, today: CalendarDate = .today()) {
        self.rules = rules
        self.today = today
    }

    /// Prepares and decides one application.
    public func evaluate(_ app: Application, explain: Bool = false) -> Result<Verdict, ApplicationError> {
        do {
            return .success(decide(try prepare(app), explain: explain))
        } catch {
            return .failure(error)
        }
    }

    /// Judges a prepared case: conditions, exemptions or the additional-specialty route, subjects, local
    /// conditions, then — when eligible — the verification route and the fee.
    public func decide(_ c: Case, explain: Bool = false) -> Verdict {
        c.touchHotLines()
        // Filled in place and returned from here, where nothing else holds it: returned from the long
        // function that fills it, the verdict was copied, each of its strings and arrays retained and
        // released.
        var v = Verdict()
        judge(c, explain: explain, into: &v)
        return v
    }

    private func judge(_ c: Case, explain: Bool, into v: inout Verdict) {
        v.id = c.id
        v.rules = rules.revision
        v.warnings = c.warnings
        var trace: [TraceStep]? = explain ? [] : nil
        let exam = c.exam
        let level = exam.levels[c.level]
        if level.specialties.count > 0, c.specialty == nil {
            v.warnings.append(VerdictWarning(code: "specialty-missing", message: "未选择报考专业（\(level.specialties.map { exam.specialties[$0].name }.joined(separator: "、"))），保存报名前须选择"))
        }

        // 1. The eligibility conditions of the level in force for the exam year.
        let rows = exam.conditions(level: c.level, year: c.year)
        let conditions = judgeConditions(rows, c, into: &v, trace: &trace, report: c.basis != .addSpecialty)

        // 2. The basis: full exam, exemption, or additional specialty.
        var allowed = level.allSubjects
        var qualifiedByBasis = true
        // The exemption or route chosen holds but for an unrecognised qualification: a person looks.
        var basisUnsure = false
        switch c.basis {
        case .full:
            qualifiedByBasis = conditions != .failed
        case .exempt:
            if let (index, _) = chooseExemption(c, conditions: conditions, into: &v, trace: &trace, unsure: &basisUnsure) {
                let exemption = exam.exemptions[index]
                let exempt = level.choice { exemption.exempt.contains($0) }
                allowed = level.allSubjects & ~exempt
                v.exempted = exam.subjectIDs(level: c.level, choice: exempt)
                v.exemption = exemption.ruleID
                v.exemptionSource = exemption.citation.source
                if exemption.citation.confidence == .low { v.warnings.append(lowConfidence(exemption.citation, rule: exemption.ruleID)) }
                qualifiedByBasis = true
            } else {
                qualifiedByBasis = false
            }
        case .addSpecialty:
            if let route = chooseRoute(c, into: &v, trace: &trace, unsure: &basisUnsure) {
                allowed = level.choice { route.sit.contains($0) }
                v.exempted = exam.subjectIDs(level: c.level, choice: level.allSubjects & ~allowed)
                v.exemption = route.ruleID
                v.exemptionSource = route.citation.source
                if route.citation.confidence == .low { v.warnings.append(lowConfidence(route.citation, rule: route.ruleID)) }
                v.decidedBy = Decision(rule: route.ruleID, source: route.citation.source, education: nil, of: c, label: route.name)
            } else {
                qualifiedByBasis = false
            }
        }

        // 3. Subjects: the candidate's choice must be among those allowed.
        var sit = allowed
        if let chosen = c.subjects {
            for subject in chosen where !level.includes(subject, in: allowed) {
                let why = c.basis == .full ? "不属于\(level.name)的考试科目" : c.basis == .exempt ? "为免考科目，不能报考" : "不属于增报专业须考科目"
                v.reasons.append(Reason(code: "subject-not-allowed", rule: v.exemption ?? "\(exam.id)/levels/\(level.id)",
                                        message: "科目“\(exam.subjects[subject].name)”\(why)",
                                        source: exam.location.description, basis: nil))
            }
            sit = level.choice { chosen.contains($0) } & allowed
        }
        v.subjects = exam.subjectIDs(level: c.level, choice: sit)

        // 4. Local conditions of the province.
        for row in c.overlay?.extraConditions ?? [] where row.applies(toLevel: c.level) && row.period.contains(c.year) {
            let all = checks(row.requirement, c)
            let passed = all.contains { $0.check.passed }
            if explain {
                let best = all.first { $0.check.passed } ?? all[0]
                trace?.append(TraceStep(rule: row.ruleID, source: row.citation.source, passed: passed,
                                        detail: traceDetail(row.requirement, c, record: best.record, check: best.check)))
            }
            if !passed {
                let best = all.min { $0.check.shortfalls.count < $1.check.shortfalls.count }!
                v.reasons.append(Reason(code: "local-condition", clause: row.clause,
                                        text: .local(note: row.note, best.check.shortfalls, ShortfallContext(row.requirement, c, record: best.record?.index))))
            }
        }

        dedupe(&v.reasons)
        v.eligible = qualifiedByBasis && v.reasons.isEmpty
        if v.eligible {
            // Why a person must look, if one must: the deciding record's major is in no catalogue, or a
            // qualification asked for may be a certificate or title the catalogue does not know.
            var doubt: RouteReason?
            if conditions == .provisional, c.basis != .addSpecialty {
                if let record = v.decidedBy?.education, c.educationCores[record].majorState == 1 {
                    let majors = c.education.filter { if case .unknown = $0.match { $0.major != nil } else { false } }.compactMap(\.major)
                    v.warnings.append(VerdictWarning(code: "major-not-in-catalog",
                        message: "所学专业“\(majors.joined(separator: "、"))”不在专业目录中，无法自动判断是否符合报考专业要求，转人工审核"))
                    doubt = .majorNotInCatalog
                } else {
                    doubt = .qualificationNotInCatalog
                }
            } else if basisUnsure {
                doubt = .qualificationNotInCatalog
            }
            (v.route, v.routeWhy) = route(c, deciding: v.decidedBy?.education, doubt: doubt, exempted: !v.exempted.isEmpty && c.basis == .exempt)
            v.fee = (c.overlay?.feeSchedule ?? exam.feeSchedule).fee(level: c.level, choice: sit)
            if v.fee?.example == true {
                // Most verdicts have no other warning: they share one array instead of allocating their own.
                if v.warnings.isEmpty { v.warnings = Evaluator.exampleFeeWarnings } else { v.warnings += Evaluator.exampleFeeWarnings }
            }
        } else {
            v.decidedBy = nil
        }
        v.trace = trace
    }

    enum ConditionOutcome: Equatable { case passed, provisional, failed }

    static let exampleFeeWarnings = [VerdictWarning(code: "example-fee", message: "费用标准为示例数据（未取自正式通知），以当地考试机构公告为准")]

    /// Every condition row against every education record. Records the deciding row, or the reasons and
    /// advice when none holds.
    func judgeConditions(_ rows: [ConditionRow], _ c: Case, into v: inout Verdict, trace: inout [TraceStep]?, report: Bool) -> ConditionOutcome {
        let exam = c.exam
        guard !rows.isEmpty else {
            if report {
                v.reasons.append(Reason(code: "no-rules-in-force", rule: "\(exam.id)/conditions",
                                        message: "\(c.year)年度\(exam.name)\(exam.levels[c.level].name)没有生效的报考条件",
                                        source: exam.location.description, basis: nil))
            }
            return .failed
        }
        // The hot path: find the best passing row without building any shortfall.
        if trace == nil {
            var best: (row: Int, record: Int?, provisional: Bool)?
            // Records are read one by one through the case: a copy of all its cores would read each of
            // their cache lines, used or not.
            func level(_ record: Int?) -> EducationLevel { record.map { c.educationCores[$0].level } ?? .highSchool }
            func better(_ row: Int, _ record: Int?, _ provisional: Bool) -> Bool {
                guard let b = best else { return true }
                if b.provisional != provisional { return b.provisional }
                let la = level(record), lb = level(b.record)
                if la != lb { return la > lb }
                let ya = rows[row].core.years, yb = rows[b.row].core.years
                if ya != yb { return ya < yb }
                return (record ?? 0) < (b.record ?? 0)
            }
            for r in rows.indices {
                let core = rows[r].core
                let holds = core.hasHolds ? rows[r].requirement.holds : []  // not the requirement: its strings
                if core.needsRecord {
                    for i in c.educationCores.indices {
                        let q = quickCheck(core, holds: holds, c, record: i)
                        if (q.passed || q.unsure) && better(r, i, !q.passed) { best = (r, i, !q.passed) }
                    }
                } else {
                    let q = quickCheck(core, holds: holds, c, record: nil)
                    if (q.passed || q.unsure) && better(r, nil, !q.passed) { best = (r, nil, !q.passed) }
                }
            }
            if let best {
                let row = best.row  // an index: copying the row would retain each of its strings
                v.decidedBy = Decision(rule: rows[row].ruleID, source: rows[row].citation.source, education: best.record, of: c,
                                       label: best.record == nil ? decidingLabel(rows[row], exam) : nil)
                if rows[row].citation.confidence == .low { v.warnings.append(lowConfidence(rows[row].citation, rule: rows[row].ruleID)) }
                return best.provisional ? .provisional : .passed
            }
            return report ? reportFailedConditions(rows, c, into: &v) : .failed
        }

        // With a trace: the full check of every pair, each one traced.
        var results: [(row: Int, record: Case.Education?, check: Check)] = []
        for r in rows.indices {  // by index: copying a row would retain each of its strings
            for (record, check) in checks(rows[r].requirement, c) {
                results.append((r, record, check))
                trace!.append(TraceStep(rule: rows[r].ruleID, source: rows[r].citation.source, passed: check.passed,
                                        detail: traceDetail(rows[r].requirement, c, record: record, check: check)))
            }
        }
        let passing = results.filter { $0.check.passed }
        let provisional = results.filter { $0.check.passedButUnsure }
        if let best = (passing.isEmpty ? provisional : passing).max(by: { a, b in
            let la = a.record?.level ?? .highSchool, lb = b.record?.level ?? .highSchool
            if la != lb { return la < lb }
            let ya = rows[a.row].requirement.years ?? 0, yb = rows[b.row].requirement.years ?? 0
            if ya != yb { return ya > yb }
            return (a.record?.index ?? 0) > (b.record?.index ?? 0)
        }) {
            let row = best.row
            v.decidedBy = Decision(rule: rows[row].ruleID, source: rows[row].citation.source, education: best.record?.index, of: c,
                                   label: best.record == nil ? decidingLabel(rows[row], exam) : nil)
            if rows[row].citation.confidence == .low { v.warnings.append(lowConfidence(rows[row].citation, rule: rows[row].ruleID)) }
            return passing.isEmpty ? .provisional : .passed
        }
        return report ? reportFailedConditions(rows, c, into: &v) : .failed
    }

    /// The warning that a clause the verdict rests on — the deciding row, the exemption or route applied —
    /// is of low confidence (sources conflict, or a fact is missing and the rule says so).
    func lowConfidence(_ citation: Citation, rule: String) -> VerdictWarning {
        VerdictWarning(code: "low-confidence", message: "所依据的条款（\(citation.basis ?? rule)）来源存在冲突或不全，请以正式通知为准")
    }

    /// No row holds: explains each row by the education record that comes closest to it (fewest shortfalls,
    /// the first of equals), or the education itself when it fits no row; with advice when time or a major
    /// would cure it. Records are compared by counting their shortfalls; only the closest one's are built.
    func reportFailedConditions(_ rows: [ConditionRow], _ c: Case, into v: inout Verdict) -> ConditionOutcome {
        let exam = c.exam
        var anyFits = false
        v.reasons.reserveCapacity(v.reasons.count + 4)  // most reports list one to four: one buffer, not one per growth
        var earliest: Int?
        var majorOnly: [String] = []
        for r in rows.indices {  // by index: copying a row would retain each of its strings
            var best: (record: Int?, count: Int)?
            let core = rows[r].core
            let holds = core.hasHolds ? rows[r].requirement.holds : []
            if core.needsRecord {
                for i in c.educationCores.indices where core.educationBits == 0 || core.educationBits & c.educationCores[i].levelBit != 0 {
                    let count = shortfallCount(core, holds: holds, c, record: i)
                    if best == nil || count < best!.count { best = (i, count) }
                }
            } else {
                best = (nil, shortfallCount(core, holds: holds, c, record: nil))
            }
            guard let best else { continue }
            anyFits = true
            // Time cures the row when it cures each shortfall; the row is then met in the latest year any needs.
            var curedByTime = true
            var year = c.year as Int?
            var onlyMajor: [String]?
            let requirement = rows[r].requirement  // one copy for both uses: it retains each of its arrays
            let context = ShortfallContext(requirement, c, record: best.record)  // the closure reads this, not `c`
            let clause = rows[r].clause
            _ = visitShortfalls(requirement, c, record: best.record) { shortfall in
                v.reasons.append(Reason(code: shortfall.code, clause: clause, text: .shortfall(shortfall, context)))
                if curedByTime, shortfall.curedByTime {
                    year = year.flatMap { year in context.yearCuring(shortfall).map { max(year, $0) } }
                } else {
                    curedByTime = false
                }
                if case .major(let names) = shortfall, best.count == 1 { onlyMajor = names }
            }
            if curedByTime, let year, year > c.year {
                earliest = min(earliest ?? .max, year)
            }
            if let onlyMajor {
                // Rows often name the same majors: share the first list, and add only names it lacks.
                if majorOnly.isEmpty { majorOnly = onlyMajor } else if onlyMajor != majorOnly { majorOnly += onlyMajor.filter { !majorOnly.contains($0) } }
            }
        }
        guard anyFits else {
            // The candidate's education fits no row: name the lowest education any row accepts.
            let lowest = rows.compactMap { $0.requirement.education?.lowest }.min() ?? .highSchool
            let highest = c.education.map(\.level).max()!
            let row = rows.first { $0.requirement.education?.lowest == lowest } ?? rows[0]
            v.reasons.append(Reason(code: "education-not-eligible", clause: row.clause,
                                    text: .educationBelow(exam: exam, level: c.level, lowest: lowest, highest: highest)))
            v.adviceItems.append(.educationAtLeast(lowest))
            return .failed
        }
        if let earliest {
            v.adviceItems.append(.earliestYear(earliest))
        }
        if !majorOnly.isEmpty {
            v.adviceItems.append(.majors(majorOnly))
        }
        return .failed
    }

    /// The exemption the candidate qualifies for (the one exempting most subjects), or reasons.
    /// An exemption that holds but for an unrecognised qualification is chosen only when none holds
    /// outright, and sets `unsure`.
    func chooseExemption(_ c: Case, conditions: ConditionOutcome, into v: inout Verdict, trace: inout [TraceStep]?, unsure: inout Bool) -> (Int, Exemption)? {
        let exam = c.exam
        let (level, year, chosen) = (c.level, c.year, c.exemption)  // the filter reads these, not `c`
        let candidates = exam.exemptions.indices.filter { i in
            let e = exam.exemptions[i]
            return (e.levels.isEmpty || e.levels.contains(level)) && e.period.contains(year) && (chosen == nil || chosen == i)
        }
        guard !candidates.isEmpty else {
            v.reasons.append(Reason(code: "exemption-not-eligible", rule: "\(exam.id)/exemptions",
                                    message: "\(c.year)年度\(exam.name)\(exam.levels[c.level].name)没有可申请的免考",
                                    source: exam.location.description, basis: nil))
            return nil
        }
        var qualifying: [(index: Int, exemption: Exemption, unsure: Bool)] = []
        var failures: [(Exemption, ReasonText)] = []
        for i in candidates {
            let e = exam.exemptions[i]
            // The first alternative and record that pass, else the one with fewest shortfalls (counted, not built).
            var best: (alternative: Int, record: Int?, shortfalls: Int, passed: Bool)?
            var provisional = false
            search: for a in e.alternatives.indices {
                for record in records(e.alternatives[a], c) {
                    let tally = tally(e.alternatives[a], c, record: record)
                    // Holding but for an unrecognised qualification; a major outside the catalogue is no
                    // ground for an exemption.
                    let passed = tally.shortfalls == 0 && (!tally.unsure || mayBeHeldOnly(e.alternatives[a], c, record: record))
                    if best == nil || tally.shortfalls < best!.shortfalls || passed { best = (a, record, tally.shortfalls, passed) }
                    if passed {
                        provisional = tally.unsure
                        if !tally.unsure { break search }
                    }
                }
            }
            let alternativePassed = best?.passed == true
            let conditionsOK = !e.requiresConditions || conditions != .failed
            if trace != nil, let best {
                let q = e.alternatives[best.alternative], record = best.record.map { c.education[$0] }
                trace!.append(TraceStep(rule: e.ruleID, source: e.citation.source, passed: alternativePassed && conditionsOK,
                                        detail: traceDetail(q, c, record: record, check: check(q, c, record: record)) + (conditionsOK ? "" : "；未满足基本报考条件")))
            }
            if alternativePassed && conditionsOK {
                qualifying.append((i, e, provisional))
            } else if !alternativePassed, let best {
                let q = e.alternatives[best.alternative]
                let shortfalls = check(q, c, record: best.record.map { c.education[$0] }).shortfalls
                failures.append((e, .routeNotMet(name: e.name, shortfalls, ShortfallContext(q, c, record: best.record))))
            } else if !conditionsOK {
                failures.append((e, .fixed("不符合\(e.name)条件：须符合基本报考条件")))
            }
        }
        if let chosen = qualifying.max(by: { ($0.exemption.exempt.count, $0.unsure ? 0 : 1) < ($1.exemption.exempt.count, $1.unsure ? 0 : 1) }) {
            unsure = chosen.unsure
            return (chosen.index, chosen.exemption)
        }
        for (e, why) in failures {
            v.reasons.append(Reason(code: "exemption-not-eligible", rule: e.ruleID, text: why,
                                    source: e.citation.source, basis: e.citation.basis))
        }
        return nil
    }

    /// The additional-specialty route the candidate qualifies for, or a reason.
    /// A route that holds but for an unrecognised qualification is taken only when none holds outright,
    /// and sets `unsure`.
    func chooseRoute(_ c: Case, into v: inout Verdict, trace: inout [TraceStep]?, unsure: inout Bool) -> AddSpecialtyRoute? {
        let exam = c.exam
        let (level, year) = (c.level, c.year)  // the filter reads these, not `c`
        let routes = exam.addSpecialty.filter { ($0.levels.isEmpty || $0.levels.contains(level)) && $0.period.contains(year) }
        guard !routes.isEmpty else {
            v.reasons.append(Reason(code: "add-specialty-not-eligible", rule: "\(exam.id)/add-specialty",
                                    message: "\(c.year)年度\(exam.name)\(exam.levels[c.level].name)没有增报专业的途径",
                                    source: exam.location.description, basis: nil))
            return nil
        }
        var provisional: (route: AddSpecialtyRoute, q: Requirement, record: Int?)?
        for route in routes {
            for q in route.alternatives {
                for record in records(q, c) {
                    let tally = tally(q, c, record: record)
                    guard tally.shortfalls == 0 else { continue }
                    if tally.unsure {
                        if provisional == nil, mayBeHeldOnly(q, c, record: record) { provisional = (route, q, record) }
                        continue
                    }
                    if trace != nil {
                        let hit = record.map { c.education[$0] }
                        trace!.append(TraceStep(rule: route.ruleID, source: route.citation.source, passed: true,
                                                detail: traceDetail(q, c, record: hit, check: check(q, c, record: hit))))
                    }
                    return route
                }
            }
        }
        if let (route, q, record) = provisional {
            if trace != nil {
                let hit = record.map { c.education[$0] }
                trace!.append(TraceStep(rule: route.ruleID, source: route.citation.source, passed: true,
                                        detail: traceDetail(q, c, record: hit, check: check(q, c, record: hit))))
            }
            unsure = true
            return route
        }
        for route in routes {
            let q = route.alternatives[0]
            var closest: (record: Int?, shortfalls: Int)?
            for record in records(q, c) {
                let count = tally(q, c, record: record).shortfalls
                if closest == nil || count < closest!.shortfalls { closest = (record, count) }
            }
            let record = closest!.record.map { c.education[$0] }
            let best = (record: record, check: check(q, c, record: record))
            trace?.append(TraceStep(rule: route.ruleID, source: route.citation.source, passed: false,
                                    detail: traceDetail(q, c, record: best.record, check: best.check)))
            v.reasons.append(Reason(code: "add-specialty-not-eligible", rule: route.ruleID,
                                    text: .routeNotMet(name: route.name, best.check.shortfalls, ShortfallContext(q, c, record: best.record?.index)),
                                    source: route.citation.source, basis: route.citation.basis))
        }
        return nil
    }

    /// Whether the only doubt about `q` for the record is a qualification that may be an unrecognised
    /// certificate or title (not a major outside the catalogue).
    func mayBeHeldOnly(_ q: Requirement, _ c: Case, record i: Int?) -> Bool {
        if case .groups = q.majors, let i, c.educationCores[i].majorState == 1 { return false }
        return q.holds.contains { !holdingMet($0, c) && mayBeHeld($0, c) }
    }

    /// Drops repeated reasons, keeping the first of each. Most lists have none: they are checked in place
    /// and left as they are.
    func dedupe(_ reasons: inout [Reason]) {
        // First by the code and the clause, read in place (comparing whole reasons copied each of them).
        // Codes are the ASCII literals above: of different lengths, they differ.
        func mayRepeat(_ i: Int, _ j: Int) -> Bool {
            let (x, y) = (reasons[i].code, reasons[j].code)
            guard x.utf8.count == y.utf8.count, x == y else { return false }
            let (a, b) = (reasons[i].clause, reasons[j].clause)
            return a === b || (a.rule == b.rule && a.source == b.source && a.basis == b.basis)
        }
        guard reasons.indices.contains(where: { i in (0..<i).contains { j in mayRepeat(i, j) && reasons[j] == reasons[i] } }) else { return }
        var kept: [Reason] = []
        for reason in reasons where !kept.contains(reason) { kept.append(reason) }
        reasons = kept
    }
}
