import Testing
@testable import Eligibility
import Rules
import Vocabulary

/// `graduatedBy:` — a route for diplomas obtained by a day (the demo exam's `old-diploma` row, until 2003):
/// the hot path and the full check agree, and the message names both dates.
@Suite struct GraduatedByTests {
    static func verdict(graduated: String?, explain: Bool = false) throws -> Verdict {
        var record: [String: Any] = ["level": "associate", "major": "大数据与会计", "verification": "verified"]
        if let graduated { record["graduated"] = graduated }
        return try Support.verdict(Support.application(["year": 2003, "relevantWorkYears": 15], candidate: ["education": [record]]),
                                   explain: explain)
    }

    @Test func aDiplomaObtainedOnTheDayQualifies() throws {
        let v = try Self.verdict(graduated: "1991-12-31")
        #expect(v.eligible)
        #expect(v.decidedBy?.rule == "demo/conditions/old-diploma")
        #expect(v.decidedBy?.summary == "第1条学历：大专 大数据与会计")
    }

    @Test func aDiplomaOneDayLaterIsRefusedNamingBothDates() throws {
        let v = try Self.verdict(graduated: "1992-01-01")
        #expect(!v.eligible)
        let reason = try #require(v.reasons.first { $0.code == "education-obtained-late" })
        #expect(reason.rule == "demo/conditions/old-diploma")
        #expect(reason.message == "须于1991年12月31日前取得该学历，第1条学历毕业于1992年1月1日")
    }

    @Test func aRecordWithoutADateIsTooLateAndSaysWhatIsMissing() throws {
        let v = try Self.verdict(graduated: nil)
        let reason = try #require(v.reasons.first { $0.code == "education-obtained-late" })
        #expect(reason.message == "须于1991年12月31日前取得该学历，第1条学历未填写毕业时间")
    }

    @Test func theTraceReadsTheGraduationDate() throws {
        let v = try Self.verdict(graduated: "1992-01-01", explain: true)
        let step = try #require(v.trace?.first { $0.rule == "demo/conditions/old-diploma" })
        #expect(step.detail.contains("1991-12-31前取得学历"))
        #expect(step.detail.contains("1992-01-01毕业"))
    }

    @Test func theLoaderKeepsTheDayAndTheRowNeedsARecord() throws {
        let row = try #require(Support.rules.exam("demo")?.conditions.first { $0.id == "old-diploma" })
        #expect(row.requirement.graduatedBy?.description == "1991-12-31")
        #expect(row.requirement.needsRecord && row.core.needsRecord)
        #expect(row.core.graduatedInTime(Int32(try CalendarDate.parse("1991-12-31").orderKey)))
        #expect(!row.core.graduatedInTime(Int32(try CalendarDate.parse("1992-01-01").orderKey)))
        #expect(!row.core.graduatedInTime(.max))
    }
}
