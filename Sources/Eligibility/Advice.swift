import Vocabulary

/// What would make an ineligible candidate eligible, kept as its values and rendered when read
/// (``Verdict/advice``) or written, like reasons.
enum Advice: Sendable, Equatable, RenderedText {
    /// `须取得大专及以上学历`
    case educationAtLeast(EducationLevel)
    /// `满足条件的最早考试年度为2027年`
    case earliestYear(Int)
    /// `须为工学门类或管理科学与工程类专业`
    case majors([String])

    func write<S: TextSink>(to s: inout S) {
        switch self {
        case .educationAtLeast(let level): s.write("须取得", level.chinese, "及以上学历")
        case .earliestYear(let year): s.write("满足条件的最早考试年度为", year, "年")
        case .majors(let names):
            s.put("须为")
            s.write(names, joinedBy: "或")
            s.put("专业")
        }
    }
}
