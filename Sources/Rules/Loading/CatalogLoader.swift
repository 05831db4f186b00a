internal import Yams

/// Reads `catalogs/undergraduate.yaml`, `catalogs/vocational.yaml` and `catalogs/groups.yaml` into a
/// ``MajorCatalog``.
struct CatalogLoader {
    var nodes: [MajorNode] = []
    var aliases: [(String, Int)] = []
    var groups: [MajorGroup] = []
    private var pendingGroups: [(id: String, name: String, basis: String?, location: SourceLocation, includes: [(Node, String)], reader: NodeReader)] = []

    /// One catalogue file: `disciplines` (门类/大类) → `classes` (专业类) → `majors` (`081001 土木工程`).
    mutating func readCatalog(_ root: Node, kind: CatalogKind, reader r: NodeReader) {
        guard let top = r.fields(root, "a major catalogue", allowed: ["catalog", "name", "basis", "confidence", "note", "disciplines", "aliases"],
                                 required: ["catalog", "name", "disciplines"]) else { return }
        if let node = top["catalog"], let value = r.string(node, "catalog"), value != kind.rawValue {
            r.report(.fileMismatch, at: node, "this file declares catalog \"\(value)\" but its name says \"\(kind.rawValue)\"",
                     hint: "write `catalog: \(kind.rawValue)`")
        }
        guard let list = top["disciplines"].flatMap({ r.list($0, "disciplines") }) else { return }
        for item in list {
            guard let f = r.fields(item, "a discipline", allowed: ["code", "name", "classes"], required: ["code", "name"]),
                  let code = f["code"].flatMap({ r.string($0, "code") }),
                  let name = f["name"].flatMap({ r.string($0, "name") }) else { continue }
            let discipline = add(MajorNode(code: code, name: name, kind: .discipline, catalog: kind, parent: nil), at: f["code"]!, reader: r)
            for classNode in f["classes"].flatMap({ r.list($0, "classes") }) ?? [] {
                guard let c = r.fields(classNode, "a major class", allowed: ["code", "name", "majors"], required: ["code", "name"]),
                      let classCode = c["code"].flatMap({ r.string($0, "code") }),
                      let className = c["name"].flatMap({ r.string($0, "name") }) else { continue }
                if !classCode.hasPrefix(code) {
                    r.report(.invalidValue, at: c["code"]!, "class code \(classCode) does not start with its discipline's code \(code)")
                }
                let classIndex = add(MajorNode(code: classCode, name: className, kind: .majorClass, catalog: kind, parent: discipline), at: c["code"]!, reader: r)
                for majorNode in c["majors"].flatMap({ r.list($0, "majors") }) ?? [] {
                    guard let text = r.string(majorNode, "a major") else { continue }
                    guard let (majorCode, majorName) = CatalogLoader.split(text) else {
                        r.report(.invalidValue, at: majorNode, "a major is written as its code and name, e.g. \"081001 土木工程\", found \"\(text)\"")
                        continue
                    }
                    if !majorCode.hasPrefix(classCode) {
                        r.report(.invalidValue, at: majorNode, "major code \(majorCode) does not start with its class's code \(classCode)")
                    }
                    _ = add(MajorNode(code: majorCode, name: majorName, kind: .major, catalog: kind, parent: classIndex), at: majorNode, reader: r)
                }
            }
        }
        if let aliasNode = top["aliases"] {
            guard case .mapping(let mapping) = aliasNode else {
                r.report(.wrongType, at: aliasNode, "aliases must map an old or variant name to a major code, e.g. `工业与民用建筑: 081001`")
                return
            }
            for (key, value) in mapping {
                guard let alias = r.string(key, "an alias"), let code = r.string(value, "a major code") else { continue }
                guard let index = nodes.firstIndex(where: { $0.code == code && $0.kind == .major }) else {
                    r.report(.unknownMajor, at: value, "alias \"\(alias)\" points to \(code), which is no major of this catalogue")
                    continue
                }
                aliases.append((alias, index))
            }
        }
    }

    private mutating func add(_ node: MajorNode, at position: Node, reader r: NodeReader) -> Int {
        if let existing = nodes.firstIndex(where: { $0.code == node.code }) {
            r.report(.duplicateID, at: position, "code \(node.code) is used twice (\(nodes[existing].name) and \(node.name))")
            return existing
        }
        nodes.append(node)
        return nodes.count - 1
    }

    /// `081001 土木工程` → (`081001`, `土木工程`)
    static func split(_ text: String) -> (String, String)? {
        let parts = text.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].allSatisfy({ $0.isASCII && ($0.isNumber || $0.isLetter) }),
              parts[0].first?.isNumber == true else { return nil }
        return (String(parts[0]), parts[1].trimmingSpaces())
    }

    /// `groups.yaml`: named groups whose `includes` list catalogue nodes (`08 工学`) or other groups.
    mutating func readGroups(_ root: Node, reader r: NodeReader) {
        guard let top = r.fields(root, "the major groups file", allowed: ["groups"], required: ["groups"]),
              let list = top["groups"].flatMap({ r.list($0, "groups") }) else { return }
        for item in list {
            guard let f = r.fields(item, "a major group", allowed: ["id", "name", "basis", "confidence", "note", "includes"],
                                   required: ["id", "includes"]),
                  let id = f["id"].flatMap({ r.string($0, "id") }) else { continue }
            if pendingGroups.contains(where: { $0.id == id }) {
                r.report(.duplicateID, at: f["id"]!, "major group \"\(id)\" is defined twice")
                continue
            }
            let name = f["name"].flatMap { r.string($0, "name") } ?? id
            let includes = (f["includes"].flatMap { r.list($0, "includes") } ?? []).compactMap { node in
                r.string(node, "an included major, class or group").map { (node, $0) }
            }
            pendingGroups.append((id, name, f["basis"].flatMap { r.string($0, "basis") }, r.location(f["id"]!), includes, r))
        }
    }

    /// Resolves group includes (codes checked against their names; groups expanded, cycles reported).
    mutating func finish() -> MajorCatalog {
        let ids = pendingGroups.map(\.id)
        var resolved: [String: [Int]] = [:]
        func expand(_ index: Int, visiting: Set<String>) -> [Int] {
            let group = pendingGroups[index]
            if let done = resolved[group.id] { return done }
            var members: [Int] = []
            for (node, text) in group.includes {
                if let other = ids.firstIndex(of: text) {
                    if visiting.contains(text) {
                        group.reader.report(.invalidValue, at: node, "major group \"\(group.id)\" includes itself through \"\(text)\"")
                        continue
                    }
                    members += expand(other, visiting: visiting.union([group.id]))
                    continue
                }
                let (code, name) = CatalogLoader.split(text) ?? (text, "")
                guard let member = nodes.firstIndex(where: { $0.code == code }) else {
                    let known = ids + nodes.filter { $0.kind != .major }.map { "\($0.code) \($0.name)" }
                    group.reader.report(.unknownMajorGroup, at: node,
                        "\"\(text)\" is neither a major group nor a code of the catalogues",
                        hint: Suggestion.hint(for: text, among: known) ?? "write a code and name such as \"08 工学\", or a group id")
                    continue
                }
                if !name.isEmpty, nodes[member].name != name {
                    group.reader.report(.codeNameMismatch, at: node,
                        "code \(code) is \"\(nodes[member].name)\" in the catalogue, not \"\(name)\"",
                        hint: "write \"\(code) \(nodes[member].name)\", or correct the code")
                }
                members.append(member)
            }
            resolved[group.id] = members
            return members
        }
        groups = pendingGroups.indices.map { i in
            let g = pendingGroups[i]
            return MajorGroup(id: g.id, name: g.name, basis: g.basis, location: g.location, nodes: expand(i, visiting: []))
        }
        return MajorCatalog(nodes: nodes, groups: groups, aliases: aliases)
    }
}
