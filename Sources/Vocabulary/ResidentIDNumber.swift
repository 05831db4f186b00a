/// A 居民身份证 number per GB 11643-1999: six digits of birth-place region, eight of birth date, three of
/// sequence (odd for men, even for women), and an ISO 7064 MOD 11-2 check character (0–9 or X).
///
/// A lower-case `x` is accepted and stored upper-case; a 15-digit number of the first generation is
/// converted to 18 digits (century `19` inserted, check character computed).
public struct ResidentIDNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 18-character number, check character upper-case.
    public let value: String
    /// The birth-place region code (digits 1–6).
    public let regionCode: String
    public let birthDate: CalendarDate
    public let gender: Gender
    /// True when the input was a 15-digit number.
    public let convertedFromLegacy: Bool
    /// Accepted, but worth a look: a region code retired before the birth year.
    public let warnings: [ValidationWarning]

    /// Validates `text` as of `today` (a birth date after it is refused).
    public init(_ text: String, today: CalendarDate, history: RegionHistory = .shared) throws {
        let plain = text.allBytes { (0x30...0x39).contains($0) || $0 == UInt8(ascii: "X") }
        let raw = plain ? text : text.trimmingSpaces().foldingFullWidthASCII().uppercased()
        // Checked on the string's own bytes: only a 15-digit number, which grows, needs an array.
        var bytes = raw
        self = try bytes.withUTF8 { try ResidentIDNumber(utf8: $0, raw: raw, today: today, history: history) }
    }

    private init(utf8 digits: UnsafeBufferPointer<UInt8>, raw: String, today: CalendarDate, history: RegionHistory) throws {
        guard !digits.isEmpty else { throw ValidationError(.empty, "居民身份证号码不能为空") }
        guard digits.count == 18 || digits.count == 15 else {
            throw ValidationError(.idFormat, "居民身份证号码应为18位（或15位旧号码），收到\(raw.count)位")
        }
        for (index, byte) in digits.enumerated() {
            let isDigit = (0x30...0x39).contains(byte)
            let isFinalX = byte == UInt8(ascii: "X") && digits.count == 18 && index == 17
            guard isDigit || isFinalX else {
                let offending = Array(raw)[min(index, raw.count - 1)]
                let rule = digits.count == 18 ? "前17位须为数字，第18位为数字或X" : "15位旧号码须全为数字"
                throw ValidationError(.idFormat, "居民身份证号码第\(index + 1)位“\(offending)”不合规：\(rule)")
            }
        }
        guard digits.count == 15 else {
            try self.init(checked: digits, raw: raw, legacy: false, today: today, history: history)
            return
        }
        var converted = Array(digits)
        converted.insert(contentsOf: Array("19".utf8), at: 6)
        converted.append(ResidentIDNumber.checkCharacter(for: converted[0..<17]))
        self = try converted.withUnsafeBufferPointer { try ResidentIDNumber(checked: $0, raw: raw, legacy: true, today: today, history: history) }
    }

    /// From 18 checked ASCII characters (a legacy number already converted): birth date, region, check
    /// character, gender.
    private init(checked digits: UnsafeBufferPointer<UInt8>, raw: String, legacy: Bool, today: CalendarDate, history: RegionHistory) throws {
        let region = String(decoding: digits[0..<6], as: UTF8.self)
        // Read from the ASCII digits checked above, without a String per field.
        let number = { (range: Range<Int>) in digits[range].reduce(0) { $0 * 10 + Int($1 - 0x30) } }
        let (year, month, day) = (number(6..<10), number(10..<12), number(12..<14))
        var birthText: String { String(decoding: digits[6..<14], as: UTF8.self) }  // for the error only
        guard year >= 1900, let birth = try? CalendarDate(year: year, month: month, day: day) else {
            throw ValidationError(.idBirthDateInvalid, "居民身份证号码中的出生日期\(birthText)不是有效日期")
        }
        guard birth <= today else {
            throw ValidationError(.idBirthDateInFuture, "居民身份证号码中的出生日期\(birth.chinese)晚于今天（\(today.chinese)）")
        }

        var warnings: [ValidationWarning] = []
        switch history.check(region, birthYear: year) {
        case .unknown:
            throw ValidationError(.idRegionUnknown, "居民身份证号码前6位\(region)不是曾经使用过的行政区划代码")
        case .retired(let name, let lastYear):
            warnings.append(ValidationWarning(
                code: "id-region-retired",
                message: "居民身份证号码前6位\(region)（\(name)）在\(lastYear)年后已停用，早于出生年份\(year)年，请核对"))
        case .inUse:
            break
        }

        if !legacy {
            let expected = ResidentIDNumber.checkCharacter(for: digits[0..<17])
            guard digits[17] == expected else {
                throw ValidationError(.idCheckDigit,
                    "居民身份证号码校验位错误：按前17位应为\(Character(Unicode.Scalar(expected)))，实为\(Character(Unicode.Scalar(digits[17])))，请核对号码")
            }
        }

        // An 18-digit number is stored as read (upper-cased above when needed): no second string.
        self.value = legacy ? String(decoding: digits, as: UTF8.self) : raw
        self.regionCode = region
        self.birthDate = birth
        self.gender = number(16..<17) % 2 == 1 ? .male : .female
        self.convertedFromLegacy = legacy
        self.warnings = warnings
    }

    /// The ISO 7064 MOD 11-2 check character of 17 ASCII digits.
    public static func checkCharacter(for first17: some Collection<UInt8>) -> UInt8 {
        var sum = 0
        for (byte, weight) in zip(first17, weights) { sum += Int(byte - 0x30) * weight }
        return checkCharacters[sum % 11]
    }

    // Tables built once: as literals inside the function they were two arrays allocated per number.
    private static let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    private static let checkCharacters = Array("10X98765432".utf8)

    /// `110105********002X`: region and last four shown, birth date hidden — for logs.
    public var masked: String { String(value.prefix(6)) + "********" + String(value.suffix(4)) }

    public var description: String { value }
}

/// 性别, as derived from an ID number.
public enum Gender: String, Sendable, Hashable {
    case male, female

    public var chinese: String { self == .male ? "男" : "女" }
}
