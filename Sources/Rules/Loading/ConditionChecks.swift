/// Checks across the clauses of one exam, after every reference is resolved: the same clause in
/// overlapping periods, rows that contradict each other, and rows no application can reach.
struct ConditionChecks {
    let r: NodeReader
    let exam: Exam

    /// The longest working life a rule can sensibly ask for.
    static let maximumYears = 45

    func run(rows: [ConditionRow]) {
        overlappingPeriods(rows.map { ($0.id, $0.period, $0.citation.location, "condition") })
        overlappingPeriods(exam.exemptions.map { ($0.id, $0.period, $0.citation.location, "exemption") })
        overlappingPeriods(exam.addSpecialty.map { ($0.id, $0.period, $0.citation.location, "additional-specialty route") })
        for row in rows { unreachable(row) }
        contradictions(rows)
        for exemption in exam.exemptions {
            for level in exemption.levels.isEmpty ? Array(exam.levels.indices) : exemption.levels {
                let sits = Set(exam.levels[level].subjects).subtracting(exemption.exempt)
                if sits.isEmpty {
                    r.report(.unreachableCondition, at: exemption.citation.location,
                             "exemption \"\(exemption.id)\" exempts every subject of level \"\(exam.levels[level].id)\": a candidate would sit nothing",
                             hint: "an exemption leaves at least one subject to sit")
                }
            }
        }
    }

    func overlappingPeriods(_ clauses: [(id: String, period: Period, location: SourceLocation, kind: String)]) {
        for (i, later) in clauses.enumerated() {
            for earlier in clauses[..<i] where earlier.id == later.id && earlier.period.overlaps(later.period) {
                r.report(.overlappingPeriods, at: later.location,
                         "\(later.kind) \"\(later.id)\" is in force \(later.period), overlapping its version at line \(earlier.location.line) (\(earlier.period))",
                         hint: "end the earlier version with `until:` the year before this one starts")
                break
            }
        }
    }

    func unreachable(_ row: ConditionRow) {
        let q = row.requirement
        for (value, name) in [(q.years, "years"), (q.totalYears, "totalYears")] {
            if let value, value > ConditionChecks.maximumYears {
                r.report(.unreachableCondition, at: row.citation.location,
                         "condition \"\(row.id)\" asks for \(value) \(name), more than a working life (\(ConditionChecks.maximumYears)), so no candidate can meet it",
                         hint: "check the number against the notice")
            }
        }
        if let education = q.education, education.bits == 0 {
            r.report(.unreachableCondition, at: row.citation.location, "condition \"\(row.id)\" accepts no education level")
        }
    }

    /// Two rows in force in the same year, for the same level, education and majors, asking different
    /// numbers of years: which one applies is undecidable.
    func contradictions(_ rows: [ConditionRow]) {
        for (i, b) in rows.enumerated() {
            for a in rows[..<i] where a.id != b.id && a.period.overlaps(b.period) {
                let levelsMeet = a.levels.isEmpty || b.levels.isEmpty || !Set(a.levels).isDisjoint(with: b.levels)
                guard levelsMeet, let ea = a.requirement.education, let eb = b.requirement.education, ea.bits & eb.bits != 0,
                      a.requirement.majors == b.requirement.majors, a.requirement.holds == b.requirement.holds,
                      a.requirement.graduatedBy == b.requirement.graduatedBy,
                      a.requirement.countsFromGraduation == b.requirement.countsFromGraduation,
                      a.requirement.years != b.requirement.years || a.requirement.totalYears != b.requirement.totalYears
                else { continue }
                let shared = EducationSet(ea.levels.filter(eb.contains)).chinese
                r.report(.contradictingConditions, at: b.citation.location,
                         "conditions \"\(a.id)\" (line \(a.citation.location.line)) and \"\(b.id)\" both apply to \(shared) with the same majors but ask \(describe(a)) and \(describe(b))",
                         hint: "give them different effective periods, education levels or majors, or remove one")
                break
            }
        }
    }

    func describe(_ row: ConditionRow) -> String {
        [row.requirement.years.map { "\($0) years" }, row.requirement.totalYears.map { "\($0) total years" }]
            .compactMap { $0 }.joined(separator: " and ").ifEmpty("no years")
    }
}

extension String {
    func ifEmpty(_ replacement: String) -> String { isEmpty ? replacement : self }
}
