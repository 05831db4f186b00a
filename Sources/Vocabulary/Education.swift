/// 学历 levels, ordered from low to high as the policies compare them.
public enum EducationLevel: String, CaseIterable, Comparable, Sendable, Hashable {
    case highSchool = "high-school"
    case associate = "associate"
    case bachelor = "bachelor"
    case secondBachelor = "second-bachelor"
    case master = "master"
    case doctor = "doctor"

    /// The official Chinese name.
    public var chinese: String {
        switch self {
        case .highSchool: "高中/中专"
        case .associate: "大专"
        case .bachelor: "本科"
        case .secondBachelor: "第二学士/研究生班"
        case .master: "硕士"
        case .doctor: "博士"
        }
    }

    /// Every name a candidate or a notice uses for the level.
    public var names: [String] {
        switch self {
        case .highSchool: ["高中/中专", "高中", "中专", "职高", "技校", "中专/职高/技校", "高中/中专(职高、技校)"]
        case .associate: ["大专", "高职", "专科", "大专/高职", "高职高专"]
        case .bachelor: ["本科", "大学本科"]
        case .secondBachelor: ["第二学士/研究生班", "第二学士", "双学士", "研究生班", "第二学士学位"]
        case .master: ["硕士", "硕士研究生", "研究生"]
        case .doctor: ["博士", "博士研究生"]
        }
    }

    /// The position in declaration order (that of `allCases`), by a switch: looking it up in `allCases`
    /// built that array on every comparison, and levels are compared on the evaluator's hot path.
    public var rank: Int {
        switch self {
        case .highSchool: 0
        case .associate: 1
        case .bachelor: 2
        case .secondBachelor: 3
        case .master: 4
        case .doctor: 5
        }
    }

    public static func < (lhs: EducationLevel, rhs: EducationLevel) -> Bool { lhs.rank < rhs.rank }

    /// A level by id (`bachelor`) or Chinese name (`本科`, `大专`, `双学士`).
    public init(idOrName text: String) throws {
        if let exact = EducationLevel(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingSpaces()
        guard let found = EducationLevel.allCases.first(where: { $0.rawValue == key || $0.names.contains(key) }) else {
            let known = EducationLevel.allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、")
            throw ValidationError(.educationLevelUnknown, "未知的学历“\(text)”，应为：\(known)")
        }
        self = found
    }
}

/// 学位 levels.
public enum DegreeLevel: String, CaseIterable, Comparable, Sendable, Hashable {
    case bachelor = "bachelor"
    case secondBachelor = "second-bachelor"
    case master = "master"
    case doctor = "doctor"

    public var chinese: String {
        switch self {
        case .bachelor: "学士"
        case .secondBachelor: "第二学士"
        case .master: "硕士"
        case .doctor: "博士"
        }
    }

    private var names: [String] {
        switch self {
        case .bachelor: ["学士", "学士学位"]
        case .secondBachelor: ["第二学士", "双学士", "第二学士学位"]
        case .master: ["硕士", "硕士学位"]
        case .doctor: ["博士", "博士学位"]
        }
    }

    /// The position in declaration order (that of `allCases`), without building `allCases`.
    private var rank: Int {
        switch self {
        case .bachelor: 0
        case .secondBachelor: 1
        case .master: 2
        case .doctor: 3
        }
    }

    public static func < (lhs: DegreeLevel, rhs: DegreeLevel) -> Bool { lhs.rank < rhs.rank }

    public init(idOrName text: String) throws {
        if let exact = DegreeLevel(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingSpaces()
        guard let found = DegreeLevel.allCases.first(where: { $0.rawValue == key || $0.names.contains(key) }) else {
            let known = DegreeLevel.allCases.map { "\($0.rawValue)（\($0.chinese)）" }.joined(separator: "、")
            throw ValidationError(.degreeLevelUnknown, "未知的学位“\(text)”，应为：\(known)")
        }
        self = found
    }
}

/// The outcome of the national online verification of an identity, education or degree record.
public enum VerificationStatus: String, CaseIterable, Sendable, Hashable {
    case verified, pending, failed, manual

    public var chinese: String {
        switch self {
        case .verified: "已核验"
        case .pending: "待核验"
        case .failed: "核验未通过"
        case .manual: "需人工核验"
        }
    }

    public init(idOrName text: String) throws {
        if let exact = VerificationStatus(rawValue: text) {
            self = exact
            return
        }
        let key = text.trimmingSpaces()
        guard let found = VerificationStatus.allCases.first(where: { $0.rawValue == key || $0.chinese == key }) else {
            throw ValidationError(.verificationStatusUnknown, "未知的核验状态“\(text)”，应为：verified、pending、failed、manual")
        }
        self = found
    }
}
