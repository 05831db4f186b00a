internal import Yams
import Vocabulary

/// Reads `exams/<id>/exam.yaml` into an ``Exam`` (without its province overlays, which
/// ``OverlayLoader`` adds), resolving every subject, specialty, level, group and qualification.
struct ExamLoader {
    let r: NodeReader
    let catalog: MajorCatalog
    let qualificationCatalog: QualificationCatalog
    let folderID: String

    // Resolved as they are read; later sections refer to earlier ones.
    var examID = ""
    var subjects: [Subject] = []
    var specialties: [Specialty] = []
    var levels: [Level] = []
    var qualifications: [Qualification] = []
    var defaultCitation: (basis: String?, confidence: Confidence?) = (nil, nil)

    static let topKeys = ["exam", "name", "basis", "confidence", "note", "commitment", "work", "rolling", "subjects",
                          "specialties", "levels", "fees", "qualifications", "conditions", "exemptions", "addSpecialty"]

    init(reader: NodeReader, catalog: MajorCatalog, qualifications: QualificationCatalog, folderID: String) {
        self.r = reader
        self.catalog = catalog
        self.qualificationCatalog = qualifications
        self.folderID = folderID
    }

    /// The same resolved exam, reporting into another file (a province overlay refers to its subjects).
    func reporting(to reader: NodeReader) -> ExamLoader {
        var copy = ExamLoader(reader: reader, catalog: catalog, qualifications: qualificationCatalog, folderID: folderID)
        copy.examID = examID
        copy.subjects = subjects
        copy.specialties = specialties
        copy.levels = levels
        copy.qualifications = qualifications
        copy.defaultCitation = defaultCitation
        return copy
    }

    mutating func read(_ root: Node) -> (exam: Exam, fees: FeeTable)? {
        guard let f = r.fields(root, "an exam file", allowed: ExamLoader.topKeys,
                               required: ["exam", "name", "work", "subjects", "levels", "fees", "conditions"]) else { return nil }
        guard let id = f["exam"].flatMap({ r.string($0, "exam") }), let name = f["name"].flatMap({ r.string($0, "name") }) else { return nil }
        examID = id
        if id != folderID {
            r.report(.fileMismatch, at: f["exam"]!, "this file is in exams/\(folderID)/ but declares exam \"\(id)\"",
                     hint: "the folder name is the exam id: write `exam: \(folderID)`")
        }
        defaultCitation = (f["basis"].flatMap { r.string($0, "basis") }, f["confidence"].flatMap { confidence($0) })
        let commitment = f["commitment"].flatMap { r.bool($0, "commitment") } ?? false
        let work = f["work"].flatMap { readWork($0) } ?? WorkPolicy(kind: "", cutoffMonth: 12, cutoffDay: 31, excludeFullTimeStudy: true)
        var rolling: [String: Int] = [:]
        if let node = f["rolling"], let rf = r.fields(node, "rolling", allowed: ["full", "exempt", "add-specialty"]) {
            for (key, value) in rf.values { if let years = r.int(value, "rolling.\(key)", in: 1...10) { rolling[key] = years } }
        }
        if let node = f["subjects"] { readSubjects(node) }
        if let node = f["specialties"] { readSpecialties(node) }
        if let node = f["levels"] { readLevels(node) }
        readQualifications(f["qualifications"], root: root)
        let fees = f["fees"].flatMap { readFees($0, what: "fees") }
            ?? FeeTable(objective: nil, subjective: nil, registration: nil, subjects: [:], example: true, citation: citation(nil, at: root))
        let conditions = f["conditions"].map { readConditions($0, section: "conditions") } ?? []
        let exemptions = f["exemptions"].map { readExemptions($0) } ?? []
        let routes = f["addSpecialty"].map { readAddSpecialty($0) } ?? []
        let exam = Exam(id: id, name: name, location: r.location(root), levels: levels, subjects: subjects,
                        specialties: specialties, work: work, rolling: rolling, commitment: commitment,
                        conditions: conditions, exemptions: exemptions, addSpecialty: routes,
                        qualifications: qualifications, fees: fees, overlays: [:])
        return (exam, fees)
    }

    // MARK: Sections

    func readWork(_ node: Node) -> WorkPolicy? {
        guard let f = r.fields(node, "work", allowed: ["kind", "cutoff", "excludeFullTimeStudy"], required: ["kind"]) else { return nil }
        var (month, day) = (12, 31)
        if let cutoff = f["cutoff"], let text = r.string(cutoff, "work.cutoff") {
            let parts = text.split(separator: "-").compactMap { Int($0) }
            if parts.count == 2, (try? CalendarDate(year: 2000, month: parts[0], day: parts[1])) != nil {
                (month, day) = (parts[0], parts[1])
            } else {
                r.report(.invalidValue, at: cutoff, "work.cutoff must be a month and day such as 12-31, found \"\(text)\"")
            }
        }
        return WorkPolicy(kind: f["kind"].flatMap { r.string($0, "work.kind") } ?? "", cutoffMonth: month, cutoffDay: day,
                          excludeFullTimeStudy: f["excludeFullTimeStudy"].flatMap { r.bool($0, "work.excludeFullTimeStudy") } ?? true)
    }

    mutating func readSubjects(_ node: Node) {
        for (key, value) in r.entries(node, "subjects") ?? [] {
            guard let key, let id = r.string(key, "a subject id") else {
                r.report(.wrongType, at: value, "subjects map an id to its name and kind, e.g. `jingji: {name: 建设工程经济, kind: objective}`")
                continue
            }
            guard let f = r.fields(value, "subject \"\(id)\"", allowed: ["name", "kind"], required: ["name", "kind"]),
                  let name = f["name"].flatMap({ r.string($0, "name") }),
                  let kindText = f["kind"].flatMap({ r.string($0, "kind") }) else { continue }
            guard let kind = Subject.Kind(rawValue: kindText) else {
                r.report(.invalidValue, at: f["kind"]!, "a subject's kind is objective (客观题) or subjective (主观题), found \"\(kindText)\"",
                         hint: Suggestion.hint(for: kindText, among: ["objective", "subjective"]))
                continue
            }
            if subjects.contains(where: { $0.id == id }) {
                r.report(.duplicateID, at: key, "subject \"\(id)\" is defined twice")
                continue
            }
            subjects.append(Subject(id: id, name: name, kind: kind))
        }
    }

    mutating func readSpecialties(_ node: Node) {
        for (key, value) in r.entries(node, "specialties") ?? [] {
            guard let key, let id = r.string(key, "a specialty id"), let name = r.string(value, "the name of specialty \"\(r.string(key, "") ?? "")\"") else {
                r.report(.wrongType, at: value, "specialties map an id to its name, e.g. `jianzhu: 建筑工程`")
                continue
            }
            if specialties.contains(where: { $0.id == id }) {
                r.report(.duplicateID, at: key, "specialty \"\(id)\" is defined twice")
                continue
            }
            specialties.append(Specialty(id: id, name: name))
        }
    }

    mutating func readLevels(_ node: Node) {
        for item in r.list(node, "levels") ?? [] {
            guard let f = r.fields(item, "a level", allowed: ["id", "name", "subjects", "specialties"], required: ["id", "name", "subjects"]),
                  let id = f["id"].flatMap({ r.string($0, "id") }), let name = f["name"].flatMap({ r.string($0, "name") }) else { continue }
            if levels.contains(where: { $0.id == id }) {
                r.report(.duplicateID, at: f["id"]!, "level \"\(id)\" is defined twice")
                continue
            }
            let subjectIndices = f["subjects"].map { subjectList($0) } ?? []
            if subjectIndices.count > Level.maximumSubjects {
                r.report(.invalidValue, at: f["subjects"]!, "level \"\(id)\" has \(subjectIndices.count) subjects; a level has at most \(Level.maximumSubjects)",
                         hint: "split the level in two")
                continue
            }
            var specialtyIndices: [Int] = []
            if let s = f["specialties"] {
                if case .scalar(let scalar) = s, scalar.string == "all" {
                    specialtyIndices = Array(specialties.indices)
                } else {
                    specialtyIndices = (r.list(s, "specialties") ?? []).compactMap { specialty($0) }
                }
            }
            levels.append(Level(id: id, name: name, subjects: subjectIndices, specialties: specialtyIndices))
        }
    }

    /// `qualifications:` — named sets of catalogue entries (`intermediate: {name: …, accepts: [jingji-intermediate,
    /// kuaiji-intermediate]}`); then every catalogue id that a `holds:` of the file names directly becomes a
    /// qualification of its own, named as in the catalogue.
    mutating func readQualifications(_ node: Node?, root: Node) {
        for (key, value) in node.flatMap({ r.entries($0, "qualifications") }) ?? [] {
            guard let key, let id = r.string(key, "a qualification id") else {
                r.report(.wrongType, at: value, "qualifications map an id to the catalogue entries that count, e.g. `senior: {name: 高级职称, accepts: [engineer-senior]}`")
                continue
            }
            if let catalogued = qualificationCatalog.entry(id: id), !isSameEntry(value, catalogued) {
                r.report(.duplicateID, at: key, "\"\(id)\" is an id of catalogs/qualifications.yaml; a set of qualifications needs an id of its own",
                         hint: "rename it (e.g. \"\(id)-or-equivalent\"), or refer to the catalogue entry directly in `holds:`")
                continue
            }
            guard let f = r.fields(value, "qualification \"\(id)\"", allowed: ["name", "accepts", "basis", "confidence", "note"], required: ["accepts"]) else { continue }
            var accepts: [Int] = []
            for item in f["accepts"].flatMap({ r.list($0, "accepts") }) ?? [] {
                guard let entryID = r.string(item, "a catalogue id") else { continue }
                guard let entry = qualificationCatalog.entry(id: entryID) else {
                    r.report(.unknownQualification, at: item, "\"\(entryID)\" is not in catalogs/qualifications.yaml",
                             hint: Suggestion.hint(for: entryID, among: qualificationCatalog.entries.map(\.id))
                                ?? "add the certificate or title to catalogs/qualifications.yaml, then refer to its id")
                    continue
                }
                if accepts.contains(entry) {
                    r.report(.duplicateID, at: item, "\"\(entryID)\" is accepted twice by qualification \"\(id)\"")
                    continue
                }
                accepts.append(entry)
            }
            let name = f["name"].flatMap { r.string($0, "name") }
                ?? accepts.map { qualificationCatalog.entries[$0].name }.joined(separator: "或")
            qualifications.append(Qualification(id: id, name: name.isEmpty ? id : name, accepts: accepts))
        }
        for id in ExamLoader.heldIDs(in: root) where !qualifications.contains(where: { $0.id == id }) {
            if let entry = qualificationCatalog.entry(id: id) {
                qualifications.append(Qualification(id: id, name: qualificationCatalog.entries[entry].name, accepts: [entry]))
            }
        }
        if qualifications.count > Exam.maxQualifications {
            r.report(.invalidValue, at: node ?? root, "an exam may ask for at most \(Exam.maxQualifications) qualifications, this one asks for \(qualifications.count)",
                     hint: "gather alternatives into one qualification with several `accepts`")
        }
    }

    /// `x: {accepts: [x]}`: allowed, the set of one entry under the entry's own id.
    private func isSameEntry(_ value: Node, _ entry: Int) -> Bool {
        guard case .mapping(let mapping) = value, let accepts = mapping["accepts"] else { return false }
        switch accepts {
        case .scalar(let s): return s.string == qualificationCatalog.entries[entry].id
        case .sequence(let list): return list.count == 1 && list.first?.scalar?.string == qualificationCatalog.entries[entry].id
        default: return false
        }
    }

    /// The ids every `holds:` of the file names (`holds: [a, {qualification: b}]`), in order of appearance.
    static func heldIDs(in node: Node) -> [String] {
        var ids: [String] = []
        func visit(_ node: Node) {
            switch node {
            case .mapping(let mapping):
                for (key, value) in mapping {
                    if key.scalar?.string == "holds" {
                        let items: [Node] = if case .sequence(let list) = value { Array(list) } else { [value] }
                        for item in items {
                            if case .scalar(let s) = item { ids.append(s.string.trimmingSpaces()) }
                            if case .mapping(let m) = item, let q = m["qualification"]?.scalar { ids.append(q.string.trimmingSpaces()) }
                        }
                    } else {
                        visit(value)
                    }
                }
            case .sequence(let list): list.forEach(visit)
            default: break
            }
        }
        visit(node)
        return ids
    }

    func readFees(_ node: Node, what: String) -> FeeTable? {
        guard let f = r.fields(node, what, allowed: ["objective", "subjective", "registration", "subjects", "example", "basis", "confidence"]) else { return nil }
        var perSubject: [Int: Fen] = [:]
        if let s = f["subjects"] {
            for (key, value) in r.entries(s, "\(what).subjects") ?? [] {
                guard let key, let index = subject(key), let fee = r.fee(value, "the fee of \(subjects[index].id)") else { continue }
                perSubject[index] = fee
            }
        }
        return FeeTable(objective: f["objective"].flatMap { r.fee($0, "\(what).objective") },
                        subjective: f["subjective"].flatMap { r.fee($0, "\(what).subjective") },
                        registration: f["registration"].flatMap { r.fee($0, "\(what).registration") },
                        subjects: perSubject, example: f["example"].flatMap { r.bool($0, "example") } ?? false,
                        citation: citation(f, at: node))
    }

    // MARK: Conditions

    /// A list of rows, or of tables (`effective`, `basis`, `levels` shared by their `rows`).
    func readConditions(_ node: Node, section: String, ruleIDPrefix: String? = nil) -> [ConditionRow] {
        var rows: [ConditionRow] = []
        for item in r.list(node, section) ?? [] {
            if case .mapping(let m) = item, m["rows"] != nil {
                guard let t = r.fields(item, "a condition table", allowed: ["effective", "basis", "confidence", "levels", "note", "rows"],
                                       required: ["rows"]) else { continue }
                let inherited = Inherited(period: t["effective"].flatMap { period($0) }, citation: citation(t, at: item),
                                          levels: t["levels"].map { levelList($0) })
                for rowNode in r.list(t["rows"]!, "rows") ?? [] {
                    if let row = readRow(rowNode, inherited: inherited, section: section, prefix: ruleIDPrefix) { rows.append(row) }
                }
            } else if let row = readRow(item, inherited: nil, section: section, prefix: ruleIDPrefix) {
                rows.append(row)
            }
        }
        return rows
    }

    struct Inherited {
        let period: Period?
        let citation: Citation
        let levels: [Int]?
    }

    static let requirementKeys = ["education", "majors", "years", "totalYears", "holds", "graduatedBy", "countFrom"]

    func readRow(_ node: Node, inherited: Inherited?, section: String, prefix: String?) -> ConditionRow? {
        guard let f = r.fields(node, "a condition", allowed: ["id", "effective", "basis", "confidence", "levels", "note"] + ExamLoader.requirementKeys,
                               required: ["id"]),
              let id = f["id"].flatMap({ r.string($0, "id") }) else { return nil }
        guard let requirement = requirement(f, what: "condition \"\(id)\"") else { return nil }
        let cited = Citation(
            basis: f["basis"].flatMap { r.string($0, "basis") } ?? inherited?.citation.basis ?? defaultCitation.basis,
            confidence: f["confidence"].flatMap { confidence($0) } ?? inherited?.citation.confidence ?? defaultCitation.confidence,
            location: r.location(node))
        return ConditionRow(id: id, ruleID: "\(prefix ?? examID + "/" + section)/\(id)",
                            levels: f["levels"].map { levelList($0) } ?? inherited?.levels ?? [],
                            period: f["effective"].flatMap { period($0) } ?? inherited?.period ?? .always,
                            citation: cited, requirement: requirement, note: f["note"].flatMap { r.string($0, "note") })
    }

    /// The requirement fields of a mapping (education, majors, years, totalYears, holds, graduatedBy, countFrom).
    func requirement(_ f: Fields, what: String) -> Requirement? {
        guard ExamLoader.requirementKeys.contains(where: { f[$0] != nil }) else {
            r.report(.missingField, at: f.node, "\(what) states no requirement",
                     hint: "give at least one of \(ExamLoader.requirementKeys.joined(separator: ", "))")
            return nil
        }
        return Requirement(
            education: f["education"].flatMap { educationSet($0) },
            majors: f["majors"].flatMap { majorSpec($0) },
            years: f["years"].flatMap { r.int($0, "years", in: 0...60) },
            totalYears: f["totalYears"].flatMap { r.int($0, "totalYears", in: 0...60) },
            holds: f["holds"].map { holdList($0) } ?? [],
            graduatedBy: f["graduatedBy"].flatMap { r.date($0, "graduatedBy") },
            countsFromGraduation: f["countFrom"].map { countFrom($0, years: f["years"] != nil) } ?? false,
            location: r.location(f.node))
    }

    /// `countFrom: graduation` — the only point `years` may be counted from besides the default (all work).
    func countFrom(_ node: Node, years: Bool) -> Bool {
        guard let text = r.string(node, "countFrom") else { return false }
        guard text == "graduation" else {
            r.report(.invalidValue, at: node, "countFrom is `graduation` (years counted from the diploma of the matching record), found \"\(text)\"",
                     hint: "remove countFrom to count all work of the kind")
            return false
        }
        if !years {
            r.report(.missingField, at: node, "countFrom says where `years` are counted from, but this requirement asks no years",
                     hint: "add `years: N`, or remove countFrom")
        }
        return true
    }

    func readExemptions(_ node: Node) -> [Exemption] {
        (r.list(node, "exemptions") ?? []).compactMap { item in
            guard let f = r.fields(item, "an exemption", allowed: ["id", "name", "effective", "basis", "confidence", "levels", "exempt", "requiresConditions", "rolling", "when", "note"],
                                   required: ["id", "name", "exempt", "when"]),
                  let id = f["id"].flatMap({ r.string($0, "id") }) else { return nil }
            return Exemption(id: id, ruleID: "\(examID)/exemptions/\(id)", name: f["name"].flatMap { r.string($0, "name") } ?? id,
                             levels: f["levels"].map { levelList($0) } ?? [],
                             period: f["effective"].flatMap { period($0) } ?? .always, citation: citation(f, at: item),
                             exempt: f["exempt"].map { subjectList($0) } ?? [],
                             requiresConditions: f["requiresConditions"].flatMap { r.bool($0, "requiresConditions") } ?? true,
                             alternatives: alternatives(f["when"]!, what: "exemption \"\(id)\""),
                             rolling: f["rolling"].flatMap { r.int($0, "rolling", in: 1...10) })
        }
    }

    func readAddSpecialty(_ node: Node) -> [AddSpecialtyRoute] {
        (r.list(node, "addSpecialty") ?? []).compactMap { item in
            guard let f = r.fields(item, "an additional-specialty route", allowed: ["id", "name", "effective", "basis", "confidence", "levels", "sit", "when", "note"],
                                   required: ["id", "name", "sit", "when"]),
                  let id = f["id"].flatMap({ r.string($0, "id") }) else { return nil }
            return AddSpecialtyRoute(id: id, ruleID: "\(examID)/add-specialty/\(id)", name: f["name"].flatMap { r.string($0, "name") } ?? id,
                                     levels: f["levels"].map { levelList($0) } ?? [],
                                     period: f["effective"].flatMap { period($0) } ?? .always, citation: citation(f, at: item),
                                     sit: f["sit"].map { subjectList($0) } ?? [],
                                     alternatives: alternatives(f["when"]!, what: "route \"\(id)\""))
        }
    }

    /// `when:` — a list of requirements, any one of which suffices.
    func alternatives(_ node: Node, what: String) -> [Requirement] {
        (r.list(node, "when") ?? []).compactMap { item in
            guard let f = r.fields(item, "a requirement of \(what)", allowed: ExamLoader.requirementKeys) else { return nil }
            return requirement(f, what: "a requirement of \(what)")
        }
    }

    // MARK: Values

    func citation(_ f: Fields?, at node: Node) -> Citation {
        Citation(basis: f?["basis"].flatMap { r.string($0, "basis") } ?? defaultCitation.basis,
                 confidence: f?["confidence"].flatMap { confidence($0) } ?? defaultCitation.confidence,
                 location: r.location(node))
    }

    func confidence(_ node: Node) -> Confidence? {
        guard let text = r.string(node, "confidence") else { return nil }
        guard let value = Confidence(rawValue: text) else {
            r.report(.invalidValue, at: node, "confidence is H, M or L, found \"\(text)\"",
                     hint: "H: three or more sources agree; M: one or two; L: sources conflict")
            return nil
        }
        return value
    }

    /// `effective: {from: 2022, until: 2025}` — exam years, both included.
    func period(_ node: Node) -> Period? {
        guard let f = r.fields(node, "effective", allowed: ["from", "until"]) else { return nil }
        let from = f["from"].flatMap { r.int($0, "effective.from (an exam year)", in: 1980...2100) }
        let until = f["until"].flatMap { r.int($0, "effective.until (an exam year)", in: 1980...2100) }
        if let from, let until, from > until {
            r.report(.emptyPeriod, at: node, "effective period from \(from) until \(until) contains no exam year, so the clause can never apply",
                     hint: "swap the years, or remove the clause")
        }
        return Period(from: from, until: until)
    }

    func educationSet(_ node: Node) -> EducationSet? {
        var levels: [EducationLevel] = []
        for item in r.list(node, "education") ?? [] {
            guard var text = r.string(item, "an education level") else { continue }
            var andAbove = false
            for suffix in ["及以上", "以上", "+"] where text.hasSuffix(suffix) {
                text.removeLast(suffix.count)
                andAbove = true
                break
            }
            guard let level = try? EducationLevel(idOrName: text) else {
                r.report(.unknownEducation, at: item, "unknown education level \"\(text)\"",
                         hint: Suggestion.hint(for: text, among: EducationLevel.allCases.flatMap { [$0.rawValue] + $0.names })
                            ?? "one of \(EducationLevel.allCases.map { "\($0.rawValue) (\($0.chinese))" }.joined(separator: ", ")); add 及以上 or + for “and above”")
                continue
            }
            levels += andAbove ? EducationLevel.allCases.filter { $0 >= level } : [level]
        }
        return levels.isEmpty ? nil : EducationSet(levels)
    }

    func majorSpec(_ node: Node) -> MajorSpec? {
        if case .scalar(let s) = node, ["any", "不限"].contains(s.string) { return .any }
        var set = GroupSet()
        var names: [String] = []
        for item in r.list(node, "majors") ?? [] {
            guard let text = r.string(item, "a major group") else { continue }
            guard let index = catalog.group(named: text) else {
                r.report(.unknownMajorGroup, at: item, "major group \"\(text)\" is not defined in catalogs/groups.yaml",
                         hint: Suggestion.hint(for: text, among: catalog.groups.map(\.id)) ?? "write `any` (不限) for any major")
                continue
            }
            set.insert(index)
            names.append(text)
        }
        if !names.isEmpty, names.allSatisfy({ name in catalog.groups[catalog.group(named: name)!].nodes.isEmpty }) {
            r.report(.unreachableCondition, at: node, "the major groups \(names.joined(separator: ", ")) contain no majors, so no candidate can meet this",
                     hint: "add majors to the groups in catalogs/groups.yaml")
        }
        return names.isEmpty ? nil : .groups(set, names: names)
    }

    func holdList(_ node: Node) -> [HoldSpec] {
        (r.list(node, "holds") ?? []).compactMap { item in
            if case .scalar = item {
                return r.string(item, "a qualification").flatMap { qualification($0, at: item) }.map { HoldSpec(qualification: $0, yearsSince: nil, obtainedBy: nil) }
            }
            guard let f = r.fields(item, "a held qualification", allowed: ["qualification", "yearsSince", "obtainedBy"], required: ["qualification"]),
                  let id = f["qualification"].flatMap({ r.string($0, "qualification") }),
                  let index = qualification(id, at: f["qualification"]!) else { return nil }
            return HoldSpec(qualification: index, yearsSince: f["yearsSince"].flatMap { r.int($0, "yearsSince", in: 0...60) },
                            obtainedBy: f["obtainedBy"].flatMap { r.date($0, "obtainedBy") })
        }
    }

    func qualification(_ id: String, at node: Node) -> Int? {
        if let index = qualifications.firstIndex(where: { $0.id == id }) { return index }
        r.report(.unknownQualification, at: node, "qualification \"\(id)\" is neither in this exam's `qualifications` nor in catalogs/qualifications.yaml",
                 hint: Suggestion.hint(for: id, among: qualifications.map(\.id) + qualificationCatalog.entries.map(\.id))
                    ?? "refer to an id of catalogs/qualifications.yaml, or define a set of them under `qualifications:`")
        return nil
    }

    func subjectList(_ node: Node) -> [Int] { (r.list(node, "subjects") ?? []).compactMap { subject($0) } }

    func subject(_ node: Node) -> Int? {
        guard let key = r.string(node, "a subject") else { return nil }
        if let index = subjects.firstIndex(where: { $0.id == key || $0.name == key }) { return index }
        r.report(.unknownSubject, at: node, "subject \"\(key)\" is not defined in this exam",
                 hint: Suggestion.hint(for: key, among: subjects.map(\.id) + subjects.map(\.name)))
        return nil
    }

    func specialty(_ node: Node) -> Int? {
        guard let key = r.string(node, "a specialty") else { return nil }
        if let index = specialties.firstIndex(where: { $0.id == key || $0.name == key }) { return index }
        r.report(.unknownSpecialty, at: node, "specialty \"\(key)\" is not defined in this exam",
                 hint: Suggestion.hint(for: key, among: specialties.map(\.id) + specialties.map(\.name)))
        return nil
    }

    func levelList(_ node: Node) -> [Int] {
        (r.list(node, "levels") ?? []).compactMap { item in
            guard let key = r.string(item, "a level") else { return nil }
            if let index = levels.firstIndex(where: { $0.id == key || $0.name == key }) { return index }
            r.report(.unknownLevel, at: item, "level \"\(key)\" is not defined in this exam",
                     hint: Suggestion.hint(for: key, among: levels.map(\.id)))
            return nil
        }
    }
}
