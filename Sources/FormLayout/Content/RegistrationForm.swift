import Vocabulary

/// Everything the registration form (报名表) prints, already formatted as the candidate and the reviewer read it.
///
/// The form is a pure content model: another stage maps an application and its verdict onto it, the layout
/// places it on A4 and the PDF writer embeds it. Values are strings (or lists of strings) so that the form
/// prints exactly what that stage decided, and tests can compare the PDF's text with these values.
public struct RegistrationForm: Hashable, Sendable {
    /// One row of the education table: 学历, 毕业院校, 所学专业, 毕业时间.
    public struct Education: Hashable, Sendable {
        public var level: String
        public var school: String
        public var major: String
        public var graduated: String

        public init(level: String, school: String, major: String, graduated: String) {
            self.level = level
            self.school = school
            self.major = major
            self.graduated = graduated
        }
    }

    /// One subject's share of the fee.
    public struct FeeItem: Hashable, Sendable {
        public var subject: String
        public var amount: Fen

        public init(subject: String, amount: Fen) {
            self.subject = subject
            self.amount = amount
        }
    }

    // The header.
    public var applicationNumber: String
    public var examName: String
    public var year: Int
    /// The title printed at the top; by default `2026年度<examName>考试报名表`.
    public var title: String

    // The candidate.
    public var name: String
    public var gender: String
    public var birthDate: String
    public var ethnicGroup: String
    public var idType: String
    public var idNumber: String
    public var phone: String
    public var email: String
    public var workUnit: String
    public var education: [Education]
    public var degrees: [String]
    /// Declared years of relevant work (专业工作年限), e.g. `5年`.
    public var relevantWorkYears: String

    // What the candidate sits.
    public var level: String
    public var specialty: String
    public var subjects: [String]
    public var exempted: [String]
    public var province: String
    public var city: String
    public var auditPoint: String
    /// The verification route in Chinese: 网上自动核验, 网上人工审核, 现场审核.
    public var route: String
    public var feeTotal: Fen
    public var feeItems: [FeeItem]

    // The bottom of the page.
    /// The commitment (报考承诺书) the candidate signs.
    public var commitment: String
    /// The print date, as printed (`2026年11月24日`); the caller decides it, so forms are reproducible.
    public var printDate: String
    /// The candidate's photo as JPEG bytes; `nil` prints the framed 贴照片处 box.
    public var photoJPEG: [UInt8]?
    /// What the QR code carries: the application number and its verification code (`FormVerifier.payload`).
    /// When empty, the QR code carries the bare application number (a draft, which no audit point accepts).
    public var qrPayload: String

    public init(
        applicationNumber: String, examName: String, year: Int, title: String? = nil,
        name: String, gender: String, birthDate: String, ethnicGroup: String, idType: String, idNumber: String,
        phone: String, email: String, workUnit: String, education: [Education], degrees: [String],
        relevantWorkYears: String, level: String, specialty: String, subjects: [String], exempted: [String],
        province: String, city: String, auditPoint: String, route: String, feeTotal: Fen, feeItems: [FeeItem],
        commitment: String = RegistrationForm.standardCommitment, printDate: String, photoJPEG: [UInt8]? = nil,
        qrPayload: String = ""
    ) {
        self.applicationNumber = applicationNumber
        self.examName = examName
        self.year = year
        self.title = title ?? "\(year)年度\(examName)考试报名表"
        self.name = name
        self.gender = gender
        self.birthDate = birthDate
        self.ethnicGroup = ethnicGroup
        self.idType = idType
        self.idNumber = idNumber
        self.phone = phone
        self.email = email
        self.workUnit = workUnit
        self.education = education
        self.degrees = degrees
        self.relevantWorkYears = relevantWorkYears
        self.level = level
        self.specialty = specialty
        self.subjects = subjects
        self.exempted = exempted
        self.province = province
        self.city = city
        self.auditPoint = auditPoint
        self.route = route
        self.feeTotal = feeTotal
        self.feeItems = feeItems
        self.commitment = commitment
        self.printDate = printDate
        self.photoJPEG = photoJPEG
        self.qrPayload = qrPayload
    }

    /// The commitment every candidate signs, unless the exam's rules give another.
    public static let standardCommitment = """
        本人已知晓本次考试的报考条件和有关规定，承诺以上报名信息真实、准确、完整，本人符合报考条件。\
        如有虚假，本人承担由此造成的一切后果，自愿接受取消考试资格、成绩作废等处理。
        """

    /// The fee as printed: `合计 232.00元（专业工程管理与实务 56.00元；…）`.
    public var feeText: String {
        guard !feeItems.isEmpty else { return "合计 \(feeTotal.yuanText)" }
        let items = feeItems.map { "\($0.subject) \($0.amount.yuanText)" }.joined(separator: "；")
        return "合计 \(feeTotal.yuanText)（\(items)）"
    }
}
