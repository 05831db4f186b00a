import Vocabulary

/// Why a verdict takes its verification route, kept as the values the sentence names and rendered when
/// read (``Verdict/routeReason``) or written: deciding builds no text.
enum RouteReason: Sendable, Equatable, RenderedText {
    case noCommitmentScheme(exam: String)
    case integrityRecord
    case commitmentNotSigned
    case exemptionsOnSite(province: String)
    case majorNotInCatalog
    /// A certificate or title the verdict needs may be one the catalogue does not know.
    case qualificationNotInCatalog
    case identity(VerificationStatus)
    /// `record`: the position of the education record (or degree) in the application.
    case education(record: Int, VerificationStatus)
    case educationBeforeOnlineRange(record: Int, fromYear: Int)
    case degree(record: Int, VerificationStatus)
    case degreeBeforeOnlineRange(record: Int, from: CalendarDate)
    case allVerified

    func write<S: TextSink>(to s: inout S) {
        switch self {
        case .noCommitmentScheme(let exam): s.write(exam, "不实行告知承诺制，须现场核查")
        case .integrityRecord: s.put("诚信档案库中有记录，不适用告知承诺制，须现场核查")
        case .commitmentNotSigned: s.put("未签署报考承诺书，须现场核查")
        case .exemptionsOnSite(let province): s.write(province, "规定免考人员须现场核查")
        case .majorNotInCatalog: s.put("所学专业不在专业目录中，须人工核查")
        case .qualificationNotInCatalog: s.put("所填证书或职称不在资格目录中，须人工核查")
        case .identity(let status): s.write("身份信息", status.chinese, "，须上传证明材料人工核查")
        case .education(let record, let status): s.write("第", record + 1, "条学历", status.chinese, "，须上传证明材料人工核查")
        case .educationBeforeOnlineRange(let record, let year):
            s.write("第", record + 1, "条学历毕业于", year, "年以前，不在网上核验范围，须人工核查")
        case .degree(let record, let status): s.write("第", record + 1, "条学位", status.chinese, "，须上传证明材料人工核查")
        case .degreeBeforeOnlineRange(let record, let from):
            s.write("第", record + 1, "条学位授予于", ChineseDate(from), "以前，不在网上核验范围，须人工核查")
        case .allVerified: s.put("身份、学历、学位均已网上核验，已签署报考承诺书")
        }
    }
}
