internal import Yams

/// Reads `catalogs/qualifications.yaml` into a ``QualificationCatalog``, refusing what would make a name
/// ambiguous: an id twice, two entries sharing a name or variant once normalised (or a title's series and
/// rank), and a name that states a level or grade other than its entry's.
struct QualificationCatalogLoader {
    let r: NodeReader

    func read(_ root: Node) -> QualificationCatalog {
        guard let top = r.fields(root, "the qualification catalogue",
                                 allowed: ["catalog", "name", "basis", "confidence", "note", "certificates", "titles"],
                                 required: ["catalog", "name"]) else { return QualificationCatalog(entries: []) }
        if let node = top["catalog"], let value = r.string(node, "catalog"), value != "qualifications" {
            r.report(.fileMismatch, at: node, "this file declares catalog \"\(value)\" but its name says \"qualifications\"",
                     hint: "write `catalog: qualifications`")
        }
        var entries: [CatalogQualification] = []
        for (kind, section) in [(CatalogQualification.Kind.certificate, "certificates"), (.title, "titles")] {
            for item in top[section].flatMap({ r.list($0, section) }) ?? [] {
                guard let entry = readEntry(item, kind: kind) else { continue }
                if let first = entries.first(where: { $0.id == entry.entry.id }) {
                    r.report(.duplicateID, at: entry.idNode, "qualification \"\(entry.entry.id)\" is defined twice (first at line \(first.location.line))",
                             hint: "give each qualification its own id")
                    continue
                }
                entries.append(entry.entry)
            }
        }
        checkCollisions(entries, top: top)
        return QualificationCatalog(entries: entries)
    }

    private func readEntry(_ item: Node, kind: CatalogQualification.Kind) -> (entry: CatalogQualification, idNode: Node)? {
        let what = kind == .title ? "a title" : "a certificate"
        let required = kind == .title ? ["id", "name", "series", "level"] : ["id", "name"]
        guard let f = r.fields(item, what, allowed: ["id", "name", "level", "grade", "series", "variants", "basis", "confidence", "note"],
                               required: required),
              let idNode = f["id"], let id = r.string(idNode, "id"),
              let name = f["name"].flatMap({ r.string($0, "name") }) else { return nil }
        var level: QualificationLevel?
        if let node = f["level"], let text = r.string(node, "level") {
            level = QualificationLevel(idOrName: text)
            let allowed = kind == .title ? QualificationLevel.titleRanks : QualificationLevel.allCases
            if level == nil || !allowed.contains(level!) {
                r.report(.invalidValue, at: node, "\"\(text)\" is not a level of \(kind == .title ? "a title" : "a qualification")",
                         hint: "one of \(allowed.map { "\($0.chinese) (\($0.rawValue))" }.joined(separator: ", "))")
                level = nil
            }
        }
        var grade: QualificationGrade?
        if let node = f["grade"], let text = r.string(node, "grade") {
            grade = QualificationGrade(idOrName: text)
            if grade == nil {
                r.report(.invalidValue, at: node, "\"\(text)\" is not a grade",
                         hint: "one of \(QualificationGrade.allCases.map { "\($0.chinese) (\($0.rawValue))" }.joined(separator: ", "))")
            }
        }
        let series = f["series"].flatMap { r.string($0, "series") }
        if kind == .certificate, let node = f["series"], series != nil, level == nil {
            r.report(.missingField, at: node, "a certificate held as a title needs the title's rank as its `level`",
                     hint: "add `level: 中级` (or 初级, 高级, 正高级)")
        }
        var variants: [(String, Node)] = []
        for node in f["variants"].flatMap({ r.list($0, "variants") }) ?? [] {
            if let text = r.string(node, "a variant") { variants.append((text, node)) }
        }
        // A name that says 初级 is not a name of the 中级 entry: the level and grade are data, and a name
        // may only repeat them.
        for (text, node) in [(name, f["name"]!)] + variants {
            let stated = QualificationCatalog.statedLevels(in: text)
            if let wrong = stated.levels.first(where: { $0 != level }) {
                r.report(.qualificationLevelMismatch, at: node,
                         level.map { "\"\(text)\" states \(wrong.chinese), but qualification \"\(id)\" is \($0.chinese)" }
                            ?? "\"\(text)\" states \(wrong.chinese), but qualification \"\(id)\" has no level",
                         hint: level == nil ? "add `level: \(wrong.chinese)` to the entry" : "move this name to the \(wrong.chinese) entry, or correct it")
            }
            if let wrong = stated.grades.first(where: { $0 != grade }) {
                r.report(.qualificationLevelMismatch, at: node,
                         grade.map { "\"\(text)\" states \(wrong.chinese), but qualification \"\(id)\" is \($0.chinese)" }
                            ?? "\"\(text)\" states \(wrong.chinese), but qualification \"\(id)\" has no grade",
                         hint: grade == nil ? "add `grade: \(wrong.chinese)` to the entry" : "move this name to the \(wrong.chinese) entry, or correct it")
            }
        }
        return (CatalogQualification(id: id, name: name, kind: kind, level: level, grade: grade, series: series,
                                     variants: variants.map(\.0), location: r.location(idNode)), idNode)
    }

    /// Names and variants are compared by their keys, across entries, and reported at the later one; so
    /// are the series and rank of titles.
    private func checkCollisions(_ entries: [CatalogQualification], top: Fields) {
        var owners: [String: (entry: Int, text: String)] = [:]
        var titles: [String: Int] = [:]
        let nodes = namedNodes(top)
        for (index, entry) in entries.enumerated() {
            for text in entry.names {
                let key = QualificationCatalog.key(text)
                if let owner = owners[key], owner.entry != index {
                    let other = entries[owner.entry]
                    r.report(.qualificationCollision, at: nodes[text].map(r.location) ?? entry.location,
                             "\"\(text)\" of \"\(entry.id)\" and \"\(owner.text)\" of \"\(other.id)\" are the same name once blanks, bracket shapes and the 证书 suffix are ignored",
                             hint: "a name belongs to one qualification: remove it from one of them, or write the level or grade that tells them apart")
                } else if owners[key] == nil {
                    owners[key] = (index, text)
                }
            }
            if let series = entry.series, let level = entry.level {
                let key = QualificationCatalog.titleKey(series: QualificationCatalog.key(series), level: level)
                if let owner = titles[key] {
                    r.report(.qualificationCollision, at: entry.location,
                             "\"\(entry.id)\" and \"\(entries[owner].id)\" are both the \(level.chinese) title of the \(series) series",
                             hint: "a title record names its series and rank: keep one entry for them and list the other's names as its variants")
                } else {
                    titles[key] = index
                }
            }
        }
    }

    /// Each name and variant scalar of the file, by its text (the last occurrence): where a collision is reported.
    private func namedNodes(_ top: Fields) -> [String: Node] {
        var nodes: [String: Node] = [:]
        for section in ["certificates", "titles"] {
            guard case .sequence(let items)? = top[section] else { continue }
            for case .mapping(let mapping) in items {
                for (key, value) in mapping {
                    switch (key.scalar?.string, value) {
                    case ("name"?, .scalar(let s)): nodes[s.string.trimmingSpaces()] = value
                    case ("variants"?, .sequence(let list)):
                        for case .scalar(let s) in list { nodes[s.string.trimmingSpaces()] = Node.scalar(s) }
                    default: break
                    }
                }
            }
        }
        return nodes
    }
}
