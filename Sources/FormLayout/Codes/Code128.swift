/// A Code 128 barcode (code set B, or C for an even number of digits): the application number under the title.
public struct Code128: Hashable, Sendable {
    /// Widths of bars and spaces alternately, starting with a bar, in modules (quiet zones not included).
    public let elements: [Int]

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case empty
        case unsupportedCharacter(Character)
        case tooLong(Int)

        public var description: String {
            switch self {
            case .empty: "the barcode text is empty"
            case .unsupportedCharacter(let character): "the barcode cannot carry “\(character)”: only printable ASCII"
            case .tooLong(let count): "the barcode text has \(count) characters; at most 48 fit the page"
            }
        }
    }

    public init(encoding text: String) throws(Failure) {
        guard !text.isEmpty else { throw .empty }
        guard text.count <= 48 else { throw .tooLong(text.count) }
        for character in text where !(character.isASCII && (32...126).contains(character.asciiValue ?? 0)) {
            throw .unsupportedCharacter(character)
        }
        let bytes = Array(text.utf8)
        var values: [Int]
        if bytes.count % 2 == 0, bytes.allSatisfy({ (48...57).contains($0) }) {
            values = [105]  // Start C: pairs of digits
            for pair in stride(from: 0, to: bytes.count, by: 2) {
                values.append(Int(bytes[pair] - 48) * 10 + Int(bytes[pair + 1] - 48))
            }
        } else {
            values = [104] + bytes.map { Int($0) - 32 }  // Start B
        }
        var checksum = values[0]
        for (position, value) in values.enumerated().dropFirst() { checksum += position * value }
        values.append(checksum % 103)
        values.append(106)
        elements = values.flatMap { value in Code128.patterns[value].map { Int($0.asciiValue! - 48) } }
    }

    /// Total width in modules.
    public var modules: Int { elements.reduce(0, +) }

    /// The bars as a one-row bitmap, one bit per module (stretched to the bar height when drawn).
    public var bitmap: Bitmap {
        var bits: [Bool] = []
        bits.reserveCapacity(modules)
        for (index, width) in elements.enumerated() {
            bits.append(contentsOf: repeatElement(index % 2 == 0, count: width))
        }
        return Bitmap(width: bits.count, height: 1, bits: bits)
    }

    /// Bar/space widths of the 107 symbols (ISO/IEC 15417, table 1); 106 is the stop pattern.
    static let patterns: [String] = [
        "212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
        "221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
        "221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
        "212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
        "231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
        "231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
        "314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
        "112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
        "111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
        "214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
        "114131", "311141", "411131", "211412", "211214", "211232", "2331112",
    ]
}
