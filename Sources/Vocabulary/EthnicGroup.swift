/// One of the 56 ethnic groups (民族), with its GB/T 3304 code (01 汉族 … 56 基诺族).
public struct EthnicGroup: Hashable, Sendable, CustomStringConvertible {
    /// 1…56, the official order.
    public let code: Int
    /// The full name, e.g. `维吾尔族`.
    public let name: String

    /// The 56 groups in official order (`Data/ethnic-groups.txt`).
    public static let all: [EthnicGroup] = EmbeddedData.ethnicGroups
        .split(separator: "\n")
        .filter { !$0.hasPrefix("#") && !$0.isEmpty }
        .enumerated()
        .map { EthnicGroup(code: $0.offset + 1, name: String($0.element)) }

    private init(code: Int, name: String) {
        self.code = code
        self.name = name
    }

    /// A group by name (`维吾尔族`, `维吾尔`) or code (`5`, `05`).
    public init(_ text: String) throws {
        let key = text.trimmingSpaces().foldingFullWidthASCII()
        if let code = Int(key), let found = EthnicGroup.all.first(where: { $0.code == code }) {
            self = found
            return
        }
        guard !key.isEmpty, let found = EthnicGroup.all.first(where: { $0.name == key || $0.name == key + "族" }) else {
            throw ValidationError(.ethnicGroupUnknown, "未知的民族“\(text)”：请填写56个民族之一的全称，如“汉族”")
        }
        self = found
    }

    public var description: String { name }
}
