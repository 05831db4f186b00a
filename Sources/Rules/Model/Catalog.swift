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
    private let byCode: ByteTable
    /// Majors by normalised name (and alias), per catalogue.
    /// Majors by normalised name (and alias) in both catalogues at once: the value packs the 本科 node
    /// (low 16 bits) and the 高职 node (high 16 bits), 0xFFFF for none — one lookup where two missed.
    private let byName: ByteTable

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
        let table = { (map: [ByteKey: Int]) in ByteTable(map.map { (key: $0.key.bytes, value: $0.value) }) }
        self.byCode = table(byCode)
        var both: [ByteKey: Int] = [:]
        for (key, index) in byName[.undergraduate]! { both[key, default: 0xFFFF_FFFF] = both[key, default: 0xFFFF_FFFF] & ~0xFFFF | index }
        for (key, index) in byName[.vocational]! { both[key, default: 0xFFFF_FFFF] = both[key, default: 0xFFFF_FFFF] & 0xFFFF | index << 16 }
        precondition(nodes.count < 0xFFFF, "a catalogue of 65,535 nodes or more does not fit the packed lookup")
        self.byName = table(both)
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
        self.memberships = memberships
    }

    public func node(code: String) -> Int? {
        var code = code
        return code.withUTF8 { byCode.value($0) }
    }

    public func group(named id: String) -> Int? { groups.firstIndex { $0.id == id } }

    /// Classifies a candidate's major by code (`081001`) or by name, tolerating the usual variants:
    /// a `专业` suffix, a direction in brackets (`土木工程（建筑工程方向）`), blanks and full-width forms.
    /// The catalogue of the education level is tried first (高职 for 大专, 本科 otherwise), then the other.
    public func classify(_ major: String, level: EducationLevel) -> MajorMatch {
        var major = major
        return major.withUTF8 { classify(utf8: $0, level: level) }
    }

    /// ``classify(_:level:)`` on the UTF-8 bytes of the major, normalised in a buffer on the stack.
    public func classify(utf8 major: UnsafeBufferPointer<UInt8>, level: EducationLevel) -> MajorMatch {
        MajorCatalog.withNormalized(utf8: major) { key in
            // Codes are digits: a name is not looked up among them.
            if let first = key.first, (0x30...0x39).contains(first), let index = byCode.value(key), nodes[index].kind == .major {
                return .known(node: index, groups: memberships[index])
            }
            // Branches, not a pair of tables: copying a table retained its three arrays.
            guard let both = byName.value(key) else { return .unknown }
            let (undergraduate, vocational) = (both & 0xFFFF, both >> 16 & 0xFFFF)
            let (first, second) = level <= .associate ? (vocational, undergraduate) : (undergraduate, vocational)
            let index: Int? = first != 0xFFFF ? first : second != 0xFFFF ? second : nil
            return index.map { .known(node: $0, groups: memberships[$0]) } ?? .unknown
        }
    }

    /// The comparison key of a major name: what is inside brackets, blanks and a `专业`/`方向`/`专业方向`
    /// suffix dropped, full-width ASCII folded.
    public static func normalize(_ text: String) -> String {
        var text = text
        return text.withUTF8 { bytes in withNormalized(utf8: bytes) { String(decoding: $0, as: UTF8.self) } }
    }

    /// Calls `body` with the normalised bytes of `text` — `text` itself when nothing changes (most names).
    public static func withNormalized<R>(utf8 text: UnsafeBufferPointer<UInt8>, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if isPlain(text) { return body(text) }
        // Folding and dropping only shorten valid UTF-8; ×3 leaves room for U+FFFD per invalid byte.
        return withUnsafeTemporaryAllocation(of: UInt8.self, capacity: max(1, text.count * 3)) { buffer in
            var count = 0
            var depth = 0
            var iterator = text.makeIterator()
            var decoder = Unicode.UTF8()
            decoding: while true {
                let scalar: Unicode.Scalar
                switch decoder.decode(&iterator) {
                case .scalarValue(let decoded): scalar = decoded
                case .error: scalar = "\u{FFFD}"
                case .emptyInput: break decoding
                }
                switch scalar {
                case "(", "（", "[", "［", "【": depth += 1
                case ")", "）", "]", "］", "】": depth = max(0, depth - 1)
                default:
                    guard depth == 0, !isWhiteSpace(scalar) else { continue }
                    let kept = (0xFF01...0xFF5E).contains(scalar.value) ? Unicode.Scalar(scalar.value - 0xFEE0)! : scalar
                    for byte in UTF8.encode(kept)! {
                        buffer[count] = byte
                        count += 1
                    }
                }
            }
            for suffix in suffixes where count > suffix.count && buffer[count - suffix.count..<count].elementsEqual(suffix) {
                count -= suffix.count
                break
            }
            return body(UnsafeBufferPointer(rebasing: buffer[0..<count]))
        }
    }

    /// Unicode's White_Space property (PropList.txt), on the scalar value: the property look-up of
    /// `Unicode.Scalar.Properties` cost more than the rest of normalising.
    static func isWhiteSpace(_ s: Unicode.Scalar) -> Bool {
        switch s.value {
        case 0x09...0x0D, 0x20, 0x85, 0xA0, 0x1680, 0x2000...0x200A, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000: true
        default: false
        }
    }

    private static let suffixes: [[UInt8]] = ["专业方向", "方向", "专业"].map { Array($0.utf8) }
}

extension MajorCatalog {
    /// True when `normalize` would return the text unchanged.
    static func isPlain(_ text: String) -> Bool {
        var text = text
        return text.withUTF8(isPlain)
    }

    /// The check on the UTF-8 bytes in place: copying them into an array cost as much as the check.
    public static func isPlain(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
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
        // 专业 (E4 B8 93 E4 B8 9A) and 方向 (E6 96 B9 E5 90 91) as a suffix: six bytes compared in place.
        guard bytes.count > 6 else { return true }
        let tail = (bytes[bytes.count - 6], bytes[bytes.count - 5], bytes[bytes.count - 4], bytes[bytes.count - 3], bytes[bytes.count - 2], bytes[bytes.count - 1])
        return tail != (0xE4, 0xB8, 0x93, 0xE4, 0xB8, 0x9A) && tail != (0xE6, 0x96, 0xB9, 0xE5, 0x90, 0x91)
    }
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
