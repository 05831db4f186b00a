import Foundation
import Testing
@testable import Eligibility
import Rules
import Vocabulary

/// `countFrom: graduation` — 咨询工程师（投资）'s 大专 rows count work from the diploma (shipped rules): dated
/// work before a part-time diploma does not count, declared years are taken as counted so, and the
/// messages say from when the years were counted.
@Suite struct CountFromGraduationTests {
    static let rules = RuleLoader(root: Support.fixtures.deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Rules"),
                                  displayRoot: "Rules").load().ruleSet!
    static let evaluator = Evaluator(rules: rules, today: try! CalendarDate(year: 2026, month: 11, day: 24))

    static func verdict(_ work: [String: Any], graduated: String?, explain: Bool = false) throws -> Verdict {
        var record: [String: Any] = ["level": "associate", "major": "工程造价", "fullTime": false, "verification": "verified"]
        if let graduated { record["graduated"] = graduated }
        var app: [String: Any] = ["exam": "zixun", "year": 2026, "province": "110000",
                                  "candidate": ["name": "测试", "idType": "resident-id", "idNumber": "11010519491231002X",
                                                "education": [record]] as [String: Any]]
        for (k, v) in work { app[k] = v }
        let bytes = Array(try JSONSerialization.data(withJSONObject: app))
        return try evaluator.evaluate(try ApplicationDecoder.decode(bytes).get(), explain: explain).get()
    }

    @Test func workBeforeAPartTimeDiplomaDoesNotCountAndTheMessageSaysSo() throws {
        let v = try Self.verdict(["workPeriods": [["from": "2012-01-01", "to": "2026-12-31"]]], graduated: "2019-07-01")
        #expect(!v.eligible)
        let reason = try #require(v.reasons.first { $0.rule == "zixun/conditions/associate-core" })
        #expect(reason.code == "work-years-short")
        #expect(reason.message.hasPrefix("大专学历（咨询相关专业）须于取得该学历后从事工程咨询业务满8年，截至2026年12月31日为7年"))
        #expect(v.advice.contains { $0.contains("2027") })
    }

    @Test func theSameWorkCountsWholeWhenTheDiplomaPrecedesIt() throws {
        let v = try Self.verdict(["workPeriods": [["from": "2012-01-01", "to": "2026-12-31"]]], graduated: "2011-07-01")
        #expect(v.eligible)
        #expect(v.decidedBy?.rule == "zixun/conditions/associate-core")
    }

    @Test func declaredYearsAndARecordWithoutADateAreTakenAsCounted() throws {
        #expect(try Self.verdict(["relevantWorkYears": 8], graduated: "2019-07-01").eligible)
        #expect(try Self.verdict(["workPeriods": [["from": "2012-01-01", "to": "2026-12-31"]]], graduated: nil).eligible)
    }

    @Test func theTraceReadsTheWorkAfterTheDiploma() throws {
        let v = try Self.verdict(["workPeriods": [["from": "2012-01-01", "to": "2026-12-31"]]], graduated: "2019-07-01", explain: true)
        let step = try #require(v.trace?.first { $0.rule == "zixun/conditions/associate-core" })
        #expect(step.detail.contains("取得该学历后工程咨询业务满8年"))
        #expect(step.detail.contains("取得该学历后专业工作7年"))
    }

    @Test func onlyExamsWithSuchAClauseCountPerRecord() throws {
        #expect(Self.rules.exam("zixun")?.countsFromGraduation == true)
        #expect(Self.rules.exam("yijian")?.countsFromGraduation == false)
        let row = try #require(Self.rules.exam("zixun")?.conditions.first { $0.id == "associate-core" })
        #expect(row.requirement.countsFromGraduation && row.core.countsFromGraduation && row.core.needsRecord)
    }
}
