import Vocabulary

/// Which major catalogue a node belongs to: the undergraduate (本科) or the vocational (高职专科) one.
/// Their codes never collide (本科 门类 01–14, 高职 大类 41–59), so a code alone names a node.
public enum CatalogKind: String, Sendable { case undergraduate, vocational }

/// A node of a major catalogue: a 门类 or 大类, a 专业类, or a 专业.
public struct MajorNode: Sendable, Hashable {
    public enum Kind: String, Sendable { case discipline, majorClass, major }
    public let code: String
    public let name: String
    public let kind: Kind
    public let catalog: CatalogKind
    public let parent: Int?
}

/// A set of major groups, as bits: membership tests during evaluation are one AND.
public struct GroupSet: Hashable, Sendable {
    public var low: UInt64 = 0
    public var high: UInt64 = 0

    public init() {}

    public mutating func insert(_ index: Int) {
        if index < 64 { low |= 1 << UInt64(index) } else { high |= 1 << UInt64(index - 64) }
    }

    public func contains(_ index: Int) -> Bool {
        index < 64 ? low & (1 << UInt64(index)) != 0 : high & (1 << UInt64(index - 64)) != 0
    }

    public func intersects(_ other: GroupSet) -> Bool { low & other.low != 0 || high & other.high != 0 }
    public var isEmpty: Bool { low == 0 && high == 0 }
    public mutating func formUnion(_ other: GroupSet) { low |= other.low; high |= other.high }

    public var indices: [Int] { (0..<128).filter(contains) }

    /// At most this many named groups (two 64-bit words).
    public static let capacity = 128
}

/// A named group of majors that policies refer to (工程类, 工学门类, 药学类 …).
public struct MajorGroup: Sendable {
    public let id: String
    public let name: String
    public let basis: String?
    public let location: SourceLocation
    /// The catalogue nodes the group lists directly (a 门类 includes everything below it).
    public let nodes: [Int]
}

/// How a candidate's major was classified.
public enum MajorMatch: Hashable, Sendable {
    /// Found in a catalogue: the node and the groups it belongs to.
    case known(node: Int, groups: GroupSet)
    /// Not in any catalogue: the verdict warns and sends the application to manual review.
    case unknown
}

/// The major catalogues and the named groups, resolved: every node knows every group it belongs to.
public final class MajorCatalog: Sendable {
    public let nodes: [MajorNode]
    public let groups: [MajorGroup]
    /// Per node, the groups it belongs to (through itself or any ancestor).
    public let memberships: [GroupSet]
    private let byCode: [ByteKey: Int]
    private let byName: [CatalogKind: [ByteKey: Int]]

    init(nodes: [MajorNode], groups: [MajorGroup], aliases: [(String, Int)]) {
        self.nodes = nodes
        self.groups = groups
        var byCode: [ByteKey: Int] = [:]
        var byName: [CatalogKind: [ByteKey: Int]] = [.undergraduate: [:], .vocational: [:]]
        for (index, node) in nodes.enumerated() {
            byCode[ByteKey(node.code)] = index
            if node.kind == .major { byName[node.catalog]![ByteKey(MajorCatalog.normalize(node.name)), default: index] = index }
        }
        for (alias, index) in aliases {
            byName[nodes[index].catalog]![ByteKey(MajorCatalog.normalize(alias)), default: index] = index
        }
        var direct = [GroupSet](repeating: GroupSet(), count: nodes.count)
        for (g, group) in groups.enumerated() {
            for node in group.nodes { direct[node].insert(g) }
        }
        var memberships = direct
        for index in nodes.indices {
            var parent = nodes[index].parent
            while let p = parent {
                memberships[index].formUnion(direct[p])
                parent = nodes[p].parent
            }
        }
        self.byCode = byCode
        self.byName = byName
        self.memberships = memberships
    }

    public func node(code: String) -> Int? { byCode[ByteKey(code)] }

    public func group(named id: String) -> Int? { groups.firstIndex { $0.id == id } }

    /// Classifies a candidate's major by code (`081001`) or by name, tolerating the usual variants:
    /// a `专业` suffix, a direction in brackets (`土木工程（建筑工程方向）`), blanks and full-width forms.
    /// The catalogue of the education level is tried first (高职 for 大专, 本科 otherwise), then the other.
    public func classify(_ major: String, level: EducationLevel) -> MajorMatch {
        let key = ByteKey(MajorCatalog.normalize(major))
        if let index = byCode[key], nodes[index].kind == .major { return .known(node: index, groups: memberships[index]) }
        let order: [CatalogKind] = level <= .associate ? [.vocational, .undergraduate] : [.undergraduate, .vocational]
        for kind in order {
            if let index = byName[kind]![key] { return .known(node: index, groups: memberships[index]) }
        }
        return .unknown
    }

    /// The comparison key of a major name.
    public static func normalize(_ text: String) -> String {
        // Most names need nothing: no blanks, brackets, full-width forms or suffix. Checked on bytes.
        if MajorCatalog.isPlain(text) { return text }
        var s = ""
        var depth = 0
        for scalar in text.unicodeScalars {
            switch scalar {
            case "(", "（", "[", "［", "【": depth += 1
            case ")", "）", "]", "］", "】": depth = max(0, depth - 1)
            default:
                guard depth == 0, !scalar.properties.isWhitespace else { continue }
                if (0xFF01...0xFF5E).contains(scalar.value) {
                    s.unicodeScalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
                } else {
                    s.unicodeScalars.append(scalar)
                }
            }
        }
        for suffix in ["专业方向", "方向", "专业"] where s.hasSuffix(suffix) && s.count > suffix.count {
            s.removeLast(suffix.count)
            break
        }
        return s
    }
}

extension MajorCatalog {
    /// True when `normalize` would return the text unchanged.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    /// The check on the UTF-8 bytes in place: copying them into an array cost as much as the check.
    private static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            switch b {
            case 0x09...0x0D, 0x20, UInt8(ascii: "("), UInt8(ascii: ")"), UInt8(ascii: "["), UInt8(ascii: "]"): return false
            case 0xEF where i + 1 < bytes.count && (bytes[i + 1] == 0xBC || bytes[i + 1] == 0xBD): return false // full-width forms
            case 0xE3 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && [0x80, 0x90, 0x91].contains(bytes[i + 2]): return false
            case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80: return false // U+2000 spaces
            case 0xC2 where i + 1 < bytes.count && (bytes[i + 1] == 0x85 || bytes[i + 1] == 0xA0): return false
            default: break
            }
            i += 1
        }
        return !plainSuffixes.contains { bytes.count > $0.count && bytes.suffix($0.count).elementsEqual($0) }
    }

    private static let plainSuffixes: [[UInt8]] = ["专业", "方向"].map { Array($0.utf8) }
}

/// A dictionary key compared and hashed by its UTF-8 bytes: Swift's `String` hashing normalises
/// non-ASCII text on every lookup, which costs more than the rest of a major's classification.
struct ByteKey: Hashable {
    let bytes: [UInt8]

    init(_ text: String) { bytes = Array(text.utf8) }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
