import Foundation
import Vocabulary

/// The level of a qualification: a title's rank (初级 … 正高级) or a certificate's tier (一级, 二级).
/// Data, not part of a name's comparison key: two names that differ in their level are two qualifications.
public enum QualificationLevel: String, Sendable, CaseIterable {
    case junior, intermediate, senior, fullSenior = "full-senior", first, second, third

    public var chinese: String {
        switch self {
        case .junior: "初级"
        case .intermediate: "中级"
        case .senior: "高级"
        case .fullSenior: "正高级"
        case .first: "一级"
        case .second: "二级"
        case .third: "三级"
        }
    }

    /// The ranks a professional title has (what a title record's `level` names); 副高级 is 高级.
    public static let titleRanks: [QualificationLevel] = [.junior, .intermediate, .senior, .fullSenior]

    /// By id (`senior`) or Chinese name (`高级`, and 副高级 for 高级).
    public init?(idOrName text: String) {
        if text == "副高级" { self = .senior; return }
        guard let found = Self.allCases.first(where: { $0.rawValue == text || $0.chinese == text }) else { return nil }
        self = found
    }
}

/// The grade of a certificate (甲级 …): data, like the level.
public enum QualificationGrade: String, Sendable, CaseIterable {
    case a, b, c

    public var chinese: String {
        switch self {
        case .a: "甲级"
        case .b: "乙级"
        case .c: "丙级"
        }
    }

    public init?(idOrName text: String) {
        guard let found = Self.allCases.first(where: { $0.rawValue == text || $0.chinese == text }) else { return nil }
        self = found
    }
}

/// One certificate or professional title of `catalogs/qualifications.yaml`: what exams refer to by `id`.
public struct CatalogQualification: Sendable {
    public enum Kind: String, Sendable { case certificate, title }
    public let id: String
    /// The official name, as printed.
    public let name: String
    public let kind: Kind
    public let level: QualificationLevel?
    public let grade: QualificationGrade?
    /// For a title, its series (工程, 经济 …). A certificate with a series is also held as the title of that
    /// series and level (会计专业技术资格（中级） is 会计 中级): a candidate may enter it either way.
    public let series: String?
    /// Other names candidates write for it.
    public let variants: [String]
    public let location: SourceLocation

    /// The name and every variant.
    public var names: [String] { [name] + variants }
}

/// The catalogue of qualifications, resolved: names and variants by comparison key, titles by series and
/// rank. Preparing an application looks a record up here once; deciding reads only the indices found.
public final class QualificationCatalog: Sendable {
    public let entries: [CatalogQualification]
    /// Every name and variant, as written and by ``key(_:)``, to its entry.
    private let byName: ByteTable
    /// Per title rank (``QualificationLevel/titleRanks``), the series key of each title (and certificate
    /// with a series) of that rank to its entry: a title record is looked up on its series' bytes.
    private let byTitle: [ByteTable]

    init(entries: [CatalogQualification]) {
        self.entries = entries
        var names: [(String, Int)] = []
        var titles = [[(String, Int)]](repeating: [], count: QualificationLevel.titleRanks.count)
        for (index, entry) in entries.enumerated() {
            for name in entry.names { names += [(name, index), (QualificationCatalog.key(name), index)] }
            if let series = entry.series, let level = entry.level, let rank = QualificationLevel.titleRanks.firstIndex(of: level) {
                titles[rank] += [(series, index), (QualificationCatalog.key(series), index)]
            }
        }
        byName = ByteTable(firstOf: names)
        byTitle = titles.map { ByteTable(firstOf: $0) }
    }

    public func entry(id: String) -> Int? { entries.firstIndex { $0.id == id } }

    /// The entry a certificate's (or title's) name denotes: as written — most names are copied from the
    /// catalogue — else by comparison key; nil for a name the catalogue does not know.
    public func identify(name utf8: UnsafeBufferPointer<UInt8>) -> Int? {
        if let found = byName.value(utf8) { return found }
        var key = QualificationCatalog.key(String(decoding: utf8, as: UTF8.self))
        return key.withUTF8 { byName.value($0) }
    }

    public func identify(name: String) -> Int? {
        var name = name
        return name.withUTF8 { identify(name: $0) }
    }

    /// The title of this series and rank, when the catalogue has one: the series as written, else by key.
    public func identifyTitle(series utf8: UnsafeBufferPointer<UInt8>, level: QualificationLevel) -> Int? {
        guard let rank = QualificationLevel.titleRanks.firstIndex(of: level) else { return nil }
        if let found = byTitle[rank].value(utf8) { return found }
        var key = QualificationCatalog.key(String(decoding: utf8, as: UTF8.self))
        return key.withUTF8 { byTitle[rank].value($0) }
    }

    public func identifyTitle(series: String, level: QualificationLevel) -> Int? {
        var series = series
        return series.withUTF8 { identifyTitle(series: $0, level: level) }
    }

    /// The comparison key of a qualification's name: full-width ASCII folded, blanks dropped, every bracket
    /// written `(` `)`, and a `证书`, `资格` or `资格证书` suffix dropped — before a trailing bracket too
    /// (`经济专业技术资格证书（中级）` and `经济专业技术资格（中级）` are one key). What is inside brackets is
    /// kept: there a certificate states its level or grade (（中级）, （甲级）), which tells two apart.
    public static func key(_ text: String) -> String {
        var scalars: [Unicode.Scalar] = []
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", "（", "[", "［", "【", "〔": scalars.append("(")
            case ")", "）", "]", "］", "】", "〕": scalars.append(")")
            default:
                if MajorCatalog.isWhiteSpace(scalar) { continue }
                scalars.append((0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar)
            }
        }
        // Split off the trailing bracket groups, drop the suffixes before them, repeat until nothing changes.
        var tail: [Unicode.Scalar] = []
        var changed = true
        while changed {
            changed = false
            if scalars.last == ")", let open = matchingOpen(scalars), open > 0 {
                tail = Array(scalars[open...]) + tail
                scalars.removeSubrange(open...)
                changed = true
            }
            for suffix in suffixes where scalars.count > suffix.count && scalars.suffix(suffix.count).elementsEqual(suffix) {
                scalars.removeLast(suffix.count)
                changed = true
            }
        }
        var key = String.UnicodeScalarView()
        key.append(contentsOf: scalars + tail)
        return String(key)
    }

    /// The index of the `(` that the final `)` closes, nil when unbalanced.
    private static func matchingOpen(_ scalars: [Unicode.Scalar]) -> Int? {
        var depth = 0
        for i in scalars.indices.reversed() {
            if scalars[i] == ")" { depth += 1 } else if scalars[i] == "(" {
                depth -= 1
                if depth == 0 { return i }
            }
        }
        return nil
    }

    private static let suffixes: [[Unicode.Scalar]] = ["证书", "资格"].map { Array($0.unicodeScalars) }

    static func titleKey(series: String, level: QualificationLevel) -> String { series + "\u{1}" + level.rawValue }

    /// The level and grade words a name states (正高级 is not also 高级; 副高级 is 高级), for the check that no name of an
    /// entry states a level or grade other than the entry's.
    static func statedLevels(in name: String) -> (levels: [QualificationLevel], grades: [QualificationGrade]) {
        var rest = name
        var levels: [QualificationLevel] = []
        for level in [QualificationLevel.fullSenior] + QualificationLevel.allCases.filter({ $0 != .fullSenior }) where rest.contains(level.chinese) {
            levels.append(level)
            rest = rest.replacingOccurrences(of: level.chinese, with: "")
        }
        return (levels, QualificationGrade.allCases.filter { name.contains($0.chinese) })
    }
}
