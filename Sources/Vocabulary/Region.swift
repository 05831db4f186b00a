/// One administrative division of the GB/T 2260 table: a province-level unit, a prefecture-level city or a
/// county-level unit.
public struct Region: Hashable, Sendable, CustomStringConvertible {
    public enum Level: String, Sendable { case province, prefecture, county }

    /// Six digits, e.g. `110105`.
    public let code: String
    /// The official name, e.g. `朝阳区`.
    public let name: String
    public let level: Level
    /// The code of the unit above, as the table gives it (`419000` for 济源市, a code not itself in the table).
    public let parentCode: String?

    /// The code of the province this unit belongs to (`110000` for `110105`).
    public var provinceCode: String { String(code.prefix(2)) + "0000" }

    public var description: String { "\(name)（\(code)）" }
}

/// The current administrative divisions, looked up by code or by name.
///
/// Names are matched exactly, or by a unique prefix of two characters or more (`北京` → `北京市`, `内蒙古` →
/// `内蒙古自治区`, `延边` → `延边朝鲜族自治州`); an ambiguous name is an error listing the candidates.
public final class RegionTable: Sendable {
    /// The table of `Data/regions.tsv`, parsed once.
    public static let current = RegionTable(tsv: EmbeddedData.regions)

    public let all: [Region]
    /// The 34 province-level units, in code order (kept, not filtered from `all` on each lookup: loading the
    /// rules looks a province up for each of their files).
    public let provinces: [Region]
    private let byCode: [String: Region]
    private let children: [String: [Region]]
    private let citiesByProvince: [String: [Region]]

    /// Parses rows of `code<TAB>name<TAB>level<TAB>parent`; `#` lines are comments.
    public init(tsv: String) {
        var all: [Region] = []
        for f in TSV.rows(tsv) {
            guard f.count >= 3, let level = Region.Level(rawValue: String(f[2])) else { continue }
            let parent = f.count > 3 && !f[3].isEmpty ? String(f[3]) : nil
            all.append(Region(code: String(f[0]), name: String(f[1]), level: level, parentCode: parent))
        }
        self.all = all
        provinces = all.filter { $0.level == .province }
        self.byCode = Dictionary(all.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        self.children = Dictionary(grouping: all.filter { $0.parentCode != nil }, by: { $0.parentCode! })
        let byCode = self.byCode
        self.citiesByProvince = Dictionary(grouping: all.filter { region in
            switch region.level {
            case .prefecture: return true
            case .county: return region.parentCode.map { byCode[$0] == nil } ?? false
            case .province: return false
            }
        }, by: \.provinceCode)
    }

    public func region(code: String) -> Region? { byCode[code] }

    /// The 31 mainland provinces (Hong Kong, Macao and Taiwan register through other channels).
    public var mainlandProvinces: [Region] { provinces.filter { $0.code < "710000" } }

    /// The cities a province's examination authority organises by: its prefecture-level units, plus the
    /// county-level cities it administers directly (济源, 仙桃, 五指山 …), in code order.
    public func cities(of province: Region) -> [Region] {
        citiesByProvince[province.provinceCode] ?? []
    }

    /// The county-level units under a city.
    public func counties(of city: Region) -> [Region] {
        children[city.code, default: []].filter { $0.level == .county }
    }

    /// The city (as in ``cities(of:)``) that a region belongs to, or nil for a province.
    public func city(containing region: Region) -> Region? {
        switch region.level {
        case .province: return nil
        case .prefecture: return region
        case .county:
            if let parent = region.parentCode, let city = byCode[parent], city.level == .prefecture { return city }
            return region
        }
    }

    /// A province by code (`110000`) or name (`北京市`, `北京`).
    public func province(_ codeOrName: String) throws -> Region {
        try lookup(codeOrName, among: provinces, what: "省份")
    }

    /// A city of `province` by code or name (`110100`, `广州市`, `广州`).
    public func city(_ codeOrName: String, in province: Region) throws -> Region {
        try lookup(codeOrName, among: cities(of: province), what: "\(province.name)的地市")
    }

    /// A county-level unit of `city` by code or name.
    public func county(_ codeOrName: String, in city: Region) throws -> Region {
        try lookup(codeOrName, among: counties(of: city), what: "\(city.name)的区县")
    }

    private func lookup(_ key: String, among candidates: [Region], what: String) throws -> Region {
        let key = key.trimmingSpaces().foldingFullWidthASCII()
        guard !key.isEmpty else { throw ValidationError(.empty, "\(what)不能为空") }
        if key.allSatisfy({ $0.isASCII && $0.isNumber }) {
            if let found = candidates.first(where: { $0.code == key }) { return found }
            throw ValidationError(.regionUnknown, "\(what)中没有代码为\(key)的行政区划")
        }
        if let exact = candidates.first(where: { $0.name == key }) { return exact }
        let prefixed = key.count >= 2 ? candidates.filter { $0.name.hasPrefix(key) } : []
        // 重庆市 appears twice (500100 市辖区, 500200 县): one name, one answer — the first.
        let names = Set(prefixed.map(\.name))
        if names.count == 1 { return prefixed[0] }
        if names.count > 1 {
            let list = prefixed.prefix(5).map(\.description).joined(separator: "、")
            throw ValidationError(.regionAmbiguous, "“\(key)”可指多个\(what)：\(list)，请写全称或代码")
        }
        throw ValidationError(.regionUnknown, "找不到名为“\(key)”的\(what)")
    }
}
