internal import Yams
import Vocabulary

/// Reads `provinces/<code>.yaml`: the examination authority, its cities and its audit points.
enum ProvinceLoader {
    static func read(_ root: Node, expectedCode: String, reader r: NodeReader) -> ProvinceRules? {
        guard let f = r.fields(root, "a province file",
                               allowed: ["province", "name", "authority", "phone", "example", "basis", "note", "cities", "auditPoints"],
                               required: ["province", "authority", "auditPoints"]) else { return nil }
        guard let provinceNode = f["province"], let key = r.string(provinceNode, "province") else { return nil }
        let table = RegionTable.current
        guard let region = try? table.province(key), region.code < "710000" else {
            r.report(.unknownProvince, at: provinceNode, "\"\(key)\" is not one of the 31 mainland provinces",
                     hint: Suggestion.hint(for: key, among: table.mainlandProvinces.map(\.name)))
            return nil
        }
        if region.code != expectedCode {
            r.report(.fileMismatch, at: provinceNode, "this file is named \(expectedCode).yaml but declares \(region.description)",
                     hint: "rename the file to \(region.code).yaml, or correct `province`")
        }
        if let nameNode = f["name"], let name = r.string(nameNode, "name"), name != region.name {
            r.report(.codeNameMismatch, at: nameNode, "province \(region.code) is \"\(region.name)\", not \"\(name)\"")
        }
        let example = f["example"].flatMap { r.bool($0, "example") } ?? false
        var cities = table.cities(of: region)
        var cityNodes: [String: Node] = [:]
        if let cityList = f["cities"].flatMap({ r.list($0, "cities") }) {
            cities = cityList.compactMap { node in
                let found = city(of: region, node, reader: r)
                if let found { cityNodes[found.code] = node }
                return found
            }
        }
        var points: [AuditPoint] = []
        for item in f["auditPoints"].flatMap({ r.list($0, "auditPoints") }) ?? [] {
            guard let p = r.fields(item, "an audit point", allowed: ["id", "name", "city", "address", "phone", "example"],
                                   required: ["id", "name", "city", "address", "phone"]),
                  let id = p["id"].flatMap({ r.string($0, "id") }),
                  let name = p["name"].flatMap({ r.string($0, "name") }),
                  let cityNode = p["city"] else { continue }
            if points.contains(where: { $0.id == id }) {
                r.report(.duplicateID, at: p["id"]!, "audit point \"\(id)\" is defined twice in this province")
                continue
            }
            guard let city = city(of: region, cityNode, reader: r) else { continue }
            points.append(AuditPoint(
                id: id, name: name, city: city,
                address: p["address"].flatMap { r.string($0, "address") } ?? "",
                phone: p["phone"].flatMap { r.string($0, "phone") } ?? "",
                example: p["example"].flatMap { r.bool($0, "example") } ?? example))
        }
        for city in cities where !points.contains(where: { $0.city.code == city.code }) {
            r.report(.cityWithoutAuditPoint, at: cityNodes[city.code].map(r.location) ?? f.keys["auditPoints"].map(r.location) ?? r.location(root),
                     "\(city.description) has no audit point: every prefecture city needs at least one",
                     hint: "add an audit point with `city: \(city.code)`")
        }
        return ProvinceRules(region: region, authority: f["authority"].flatMap { r.string($0, "authority") } ?? "",
                             phone: f["phone"].flatMap { r.string($0, "phone") }, cities: cities,
                             auditPoints: points, example: example, location: r.location(root))
    }

    /// A city of `province` by code or name; a city of another province is its own diagnostic.
    static func city(of province: Region, _ node: Node, reader r: NodeReader) -> Region? {
        guard let key = r.string(node, "city") else { return nil }
        let table = RegionTable.current
        if let city = try? table.city(key, in: province) { return city }
        if key.allSatisfy(\.isNumber), let elsewhere = table.region(code: key) {
            let owner = table.region(code: elsewhere.provinceCode)?.name ?? elsewhere.provinceCode
            r.report(.auditPointOutsideProvince, at: node, "\(elsewhere.description) is in \(owner), not in \(province.name)",
                     hint: "an audit point of \(province.name) must be in one of its cities")
            return nil
        }
        for other in table.mainlandProvinces where other.code != province.code {
            if let city = try? table.city(key, in: other), city.name == key {
                r.report(.auditPointOutsideProvince, at: node, "\(city.description) is in \(other.name), not in \(province.name)",
                         hint: "an audit point of \(province.name) must be in one of its cities")
                return nil
            }
        }
        r.report(.unknownCity, at: node, "\"\(key)\" is not a city of \(province.name)",
                 hint: Suggestion.hint(for: key, among: table.cities(of: province).map(\.name))
                    ?? "cities are written by code (\(table.cities(of: province).first?.code ?? "")) or name")
        return nil
    }
}
