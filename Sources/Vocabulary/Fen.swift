/// An amount of money in fen (分, 1/100 yuan). Fees are integers of fen everywhere: no floating point.
public struct Fen: Hashable, Comparable, Sendable, CustomStringConvertible, ExpressibleByIntegerLiteral {
    public var value: Int64

    public init(_ value: Int64) { self.value = value }
    public init(integerLiteral value: Int64) { self.value = value }

    /// Parses an amount in yuan (`56`, `56.5`, `56.50`); refuses negatives and fractions of a fen.
    public init(yuan text: String) throws {
        let trimmed = text.trimmingSpaces().foldingFullWidthASCII()
        let parts = trimmed.split(separator: ".", omittingEmptySubsequences: false)
        let allDigits = { (part: Substring) in !part.isEmpty && part.allSatisfy { $0.isASCII && $0.isNumber } }
        guard (1...2).contains(parts.count), allDigits(parts[0]), parts[0].count <= 12 else {
            throw ValidationError(.moneyFormat, "金额应为非负的元数，最多两位小数，收到“\(text)”")
        }
        var fen = Int64(parts[0])! * 100
        if parts.count == 2 {
            guard allDigits(parts[1]) else {
                throw ValidationError(.moneyFormat, "金额应为非负的元数，最多两位小数，收到“\(text)”")
            }
            guard parts[1].count <= 2 else {
                throw ValidationError(.moneyFormat, "金额“\(text)”不是整分：最多两位小数")
            }
            fen += Int64(parts[1].padding(toLength: 2, withPad: "0", startingAt: 0))!
        }
        self.value = fen
    }

    public static func < (lhs: Fen, rhs: Fen) -> Bool { lhs.value < rhs.value }
    public static func + (lhs: Fen, rhs: Fen) -> Fen { Fen(lhs.value + rhs.value) }
    public static func * (lhs: Fen, rhs: Int) -> Fen { Fen(lhs.value * Int64(rhs)) }
    public static var zero: Fen { 0 }

    /// `56.00元`
    public var yuanText: String {
        let sign = value < 0 ? "-" : ""
        let magnitude = value.magnitude
        let cents = magnitude % 100
        return "\(sign)\(magnitude / 100).\(cents < 10 ? "0" : "")\(cents)元"
    }

    public var description: String { yuanText }
}
