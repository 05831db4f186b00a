/// The six kinds of identity document a candidate may register with.
public enum IDType: String, CaseIterable, Sendable, Hashable {
    case residentID = "resident-id"
    case officerID = "officer-id"
    case passport = "passport"
    case hkMacauPermit = "hk-macau-permit"
    case taiwanPermit = "taiwan-permit"
    case foreignPermanentResidence = "foreign-permanent-residence"

    /// The official Chinese name.
    public var chinese: String {
        switch self {
        case .residentID: "居民身份证"
        case .officerID: "军官证"
        case .passport: "护照"
        case .hkMacauPermit: "港澳居民来往内地通行证"
        case .taiwanPermit: "台湾居民来往大陆通行证"
        case .foreignPermanentResidence: "外国人永久居留身份证"
        }
    }

    private var aliases: [String] {
        switch self {
        case .residentID: ["身份证"]
        case .officerID: ["军人证"]
        case .passport: []
        case .hkMacauPermit: ["港澳通行证", "回乡证"]
        case .taiwanPermit: ["台胞证"]
        case .foreignPermanentResidence: ["外国人永久居留证", "永久居留身份证"]
        }
    }

    /// An ID type by id (`resident-id`) or Chinese name (`居民身份证`, `身份证`).
    public init(idOrName text: String) throws {
        if let exact = IDType(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingSpaces()
        if let found = IDType.allCases.first(where: { $0.rawValue == key || $0.chinese == key || $0.aliases.contains(key) }) {
            self = found
            return
        }
        let known = IDType.allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、")
        throw ValidationError(.idTypeUnknown, "未知的证件类型“\(text)”，应为：\(known)")
    }
}

/// A validated identity document: its type and its normalised number, with what the number tells.
public struct IdentityDocument: Hashable, Sendable {
    public let type: IDType
    /// The number as stored: upper-case, blanks removed, a legacy resident ID converted to 18 digits.
    public let number: String
    /// Derived from a resident ID or a 2023 permanent-residence card number.
    public let birthDate: CalendarDate?
    public let gender: Gender?
    public let warnings: [ValidationWarning]

    public init(type: IDType, number text: String, today: CalendarDate) throws {
        self.type = type
        let plain = text.allBytes { $0 > 0x20 && $0 < 0x7F && !(0x61...0x7A).contains($0) }
        let compact = plain ? text : String(text.foldingFullWidthASCII().filter { !$0.isWhitespace }).uppercased()
        guard !compact.isEmpty else { throw ValidationError(.empty, "\(type.chinese)号码不能为空") }
        switch type {
        case .residentID:
            let id = try ResidentIDNumber(compact, today: today)
            (number, birthDate, gender, warnings) = (id.value, id.birthDate, id.gender, id.warnings)
            return
        case .foreignPermanentResidence where compact.utf8.count == 18:
            let card = try IdentityDocument.permanentResidence2023(compact, today: today)
            (number, birthDate, gender, warnings) = (compact, card.birth, card.gender, [])
            return
        case .officerID:
            try IdentityDocument.require(compact, matches: IdentityDocument.isOfficerID, type: type,
                rule: "形如“南字第1234567号”，或6至12位数字")
        case .passport:
            try IdentityDocument.require(compact, matches: { s in
                (6...17).contains(s.count) && s.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber) }
            }, type: type, rule: "6至17位字母或数字")
        case .hkMacauPermit:
            try IdentityDocument.require(compact, matches: { s in
                guard let first = s.first, first == "H" || first == "M" else { return false }
                let rest = s.dropFirst()
                return (rest.count == 8 || rest.count == 10) && rest.allSatisfy { $0.isASCII && $0.isNumber }
            }, type: type, rule: "H或M加8位数字（卡式证件），旧版本式证件为H或M加10位数字")
        case .taiwanPermit:
            try IdentityDocument.require(compact, matches: { s in
                s.count == 8 && s.allSatisfy { $0.isASCII && $0.isNumber }
            }, type: type, rule: "8位数字")
        case .foreignPermanentResidence:
            try IdentityDocument.require(compact, matches: { s in
                let chars = Array(s)
                return chars.count == 15 && chars[0..<3].allSatisfy { $0.isASCII && $0.isLetter }
                    && chars[3...].allSatisfy { $0.isASCII && $0.isNumber }
            }, type: type, rule: "15位（3位国籍字母代码加12位数字），或2023年版的18位数字（以9开头）")
        }
        (number, birthDate, gender, warnings) = (compact, nil, nil, [])
    }

    private static func require(_ number: String, matches rule: (String) -> Bool, type: IDType, rule text: String) throws {
        guard rule(number) else {
            throw ValidationError(.idFormat, "\(type.chinese)号码“\(number)”格式不正确：应为\(text)")
        }
    }

    private static func isOfficerID(_ s: String) -> Bool {
        if (6...12).contains(s.count), s.allSatisfy({ $0.isASCII && $0.isNumber }) { return true }
        // 南字第1234567号: one to four characters of the issuing branch, 字第, 4–8 digits, 号.
        guard s.hasSuffix("号"), let range = s.range(of: "字第") else { return false }
        let branch = s[..<range.lowerBound]
        let digits = s[range.upperBound...].dropLast()
        return (1...4).contains(branch.count) && branch.allSatisfy { !$0.isASCII }
            && (4...8).contains(digits.count) && digits.allSatisfy { $0.isASCII && $0.isNumber }
    }

    /// The 2023 card: `9`, issuing province (2), nationality (3), birth date (8), sequence (3), MOD 11-2 check.
    private static func permanentResidence2023(_ s: String, today: CalendarDate) throws -> (birth: CalendarDate, gender: Gender) {
        let type = IDType.foreignPermanentResidence
        let bytes = Array(s.utf8)
        guard bytes[0] == UInt8(ascii: "9"), bytes[0..<17].allSatisfy({ (0x30...0x39).contains($0) }),
              (0x30...0x39).contains(bytes[17]) || bytes[17] == UInt8(ascii: "X")
        else {
            throw ValidationError(.idFormat, "\(type.chinese)号码“\(s)”格式不正确：18位号码以9开头，前17位为数字")
        }
        let province = String(decoding: bytes[1..<3], as: UTF8.self) + "0000"
        guard RegionTable.current.region(code: province) != nil else {
            throw ValidationError(.idRegionUnknown, "\(type.chinese)号码第2–3位\(province.prefix(2))不是省级行政区划代码")
        }
        let number = { (r: Range<Int>) in Int(String(decoding: bytes[r], as: UTF8.self))! }
        guard let birth = try? CalendarDate(year: number(6..<10), month: number(10..<12), day: number(12..<14)),
              birth.year >= 1900
        else {
            throw ValidationError(.idBirthDateInvalid, "\(type.chinese)号码中的出生日期\(String(decoding: bytes[6..<14], as: UTF8.self))不是有效日期")
        }
        guard birth <= today else {
            throw ValidationError(.idBirthDateInFuture, "\(type.chinese)号码中的出生日期\(birth.chinese)晚于今天")
        }
        let expected = ResidentIDNumber.checkCharacter(for: bytes[0..<17])
        guard bytes[17] == expected else {
            throw ValidationError(.idCheckDigit, "\(type.chinese)号码校验位错误：应为\(Character(Unicode.Scalar(expected)))，实为\(Character(Unicode.Scalar(bytes[17])))")
        }
        return (birth, number(16..<17) % 2 == 1 ? .male : .female)
    }
}
