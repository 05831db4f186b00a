import Foundation
import Testing
@testable import Eligibility
import Rules
import Vocabulary

@Suite struct VerdictTests {
    @Test func reasonsCarryCodeRuleSourceBasisAndNumbers() throws {
        let v = try Support.verdict(Support.application(["relevantWorkYears": 2]))
        #expect(!v.eligible)
        let reason = try #require(v.reasons.first)
        #expect(reason.code == "work-years-short")
        #expect(reason.rule == "demo/conditions/bachelor")
        #expect(reason.source == "rules/exams/demo/exam.yaml:37:9")
        #expect(reason.basis == "示例〔2022〕1号")
        #expect(reason.message == "本科学历（工学门类或管理科学与工程类专业）须从事施工管理工作满3年，截至2026年12月31日为2年")
        #expect(v.advice == ["满足条件的最早考试年度为2027年"])
        #expect(v.fee == nil && v.route == nil)
    }

    /// A condition row's reasons cite the row's one ``Clause`` (a reference, not three strings per reason),
    /// and read as the row's rule, source and document.
    @Test func reasonsOfARowShareItsClause() throws {
        let a = try #require(try Support.verdict(Support.application(["relevantWorkYears": 2])).reasons.first)
        let b = try #require(try Support.verdict(Support.application(["relevantWorkYears": 1])).reasons.first)
        #expect(a.clause === b.clause)
        #expect(a != b && a.message != b.message)
        #expect((a.rule, a.source, a.basis) == ("demo/conditions/bachelor", "rules/exams/demo/exam.yaml:37:9", "示例〔2022〕1号"))
        let copy = Reason(code: a.code, rule: a.rule, text: a.text, source: a.source, basis: a.basis)
        #expect(copy == a && copy.clause !== a.clause)
    }

    /// Repeated reasons are dropped, the first of each kept: equal in every field, whether or not they
    /// share a clause object; same clause and code with another message is no repeat.
    @Test func repeatedReasonsAreDroppedOnce() {
        func reason(_ code: String, _ rule: String, _ message: String, clause: Clause? = nil) -> Reason {
            clause.map { Reason(code: code, clause: $0, text: .fixed(message)) }
                ?? Reason(code: code, rule: rule, message: message, source: "f.yaml:1:1", basis: "文件")
        }
        let shared = Clause(rule: "x/conditions/a", source: "f.yaml:1:1", basis: "文件")
        var reasons = [
            reason("work-years-short", "", "一", clause: shared),
            reason("work-years-short", "", "二", clause: shared),
            reason("work-years-short", "x/conditions/a", "一"),
            reason("major-not-eligible", "", "一", clause: shared),
            reason("work-years-short", "x/conditions/b", "一"),
            reason("work-years-short", "", "二", clause: shared),
        ]
        Support.evaluator.dedupe(&reasons)
        #expect(reasons.map { "\($0.code) \($0.rule) \($0.message)" } == [
            "work-years-short x/conditions/a 一", "work-years-short x/conditions/a 二",
            "major-not-eligible x/conditions/a 一", "work-years-short x/conditions/b 一",
        ])
    }

    @Test func everyFailedConditionIsListed() throws {
        // A master's graduate with a bachelor's too, short on years for both rows.
        let v = try Support.verdict(Support.application(["relevantWorkYears": 1], candidate: ["education": [
            ["level": "bachelor", "major": "土木工程", "graduated": "2010-07-01", "verification": "verified"],
            ["level": "master", "major": "工程管理", "graduated": "2013-07-01", "verification": "verified"],
        ]]))
        #expect(Set(v.reasons.map(\.rule)) == ["demo/conditions/bachelor", "demo/conditions/master"])
        #expect(v.advice == ["满足条件的最早考试年度为2027年"])
    }

    @Test func workPeriodsAreCountedInYearsMonthsAndDays() throws {
        let v = try Support.verdict(Support.application(["relevantWorkYears": NSNull(), "workPeriods": [["from": "2024-07-20"]]]))
        #expect(v.reasons.first?.message.hasSuffix("截至2026年12月31日为2年5个月12天") == true)
    }

    /// The route reads the records' cores held in the case: the online range's first day is inside it, the
    /// day before is not, and a degree is named by its position.
    @Test func routeReadsEachRecordsVerificationAndDates() throws {
        func verdict(graduated: String, degrees: [[String: Any]] = []) throws -> Verdict {
            try Support.verdict(Support.application(candidate: [
                "education": [["level": "bachelor", "major": "土木工程", "graduated": graduated, "verification": "verified"]],
                "degrees": degrees,
            ]))
        }
        let onFirstDay = try verdict(graduated: "2002-01-01")
        #expect(onFirstDay.eligible && onFirstDay.route == .auto)
        let dayBefore = try verdict(graduated: "2001-12-31")
        #expect(dayBefore.route == .onlineReview && dayBefore.routeReason?.contains("第1条学历") == true)
        let degrees = try verdict(graduated: "2015-07-01", degrees: [
            ["level": "bachelor", "awarded": "2008-09-01", "verification": "verified"],
            ["level": "master", "awarded": "2018-07-01", "verification": "pending"],
        ])
        #expect(degrees.route == .onlineReview && degrees.routeReason?.contains("第2条学位") == true)
        let early = try verdict(graduated: "2015-07-01", degrees: [["level": "bachelor", "awarded": "2008-08-31", "verification": "verified"]])
        #expect(early.route == .onlineReview && early.routeReason?.contains("第1条学位") == true)
        // The deciding record's major is read from the case when asked.
        #expect(onFirstDay.decidedBy?.major == "土木工程" && onFirstDay.decidedBy?.educationLevel == .bachelor)
    }

    @Test func sameInputGivesTheSameBytes() throws {
        let input = Support.application(["relevantWorkYears": 2])
        let a = Support.json(try Support.verdict(input, explain: true))
        let b = Support.json(try Support.verdict(input, explain: true))
        #expect(a == b)
        #expect(try JSONSerialization.jsonObject(with: Data(a.utf8)) is [String: Any])
    }

    @Test func explainAddsATraceOfEveryClause() throws {
        let input = Support.application()
        #expect(try Support.verdict(input).trace == nil)
        let trace = try #require(try Support.verdict(input, explain: true).trace)
        #expect(trace.map(\.rule) == ["demo/conditions/associate", "demo/conditions/bachelor", "demo/conditions/master", "demo/conditions/doctor"])
        #expect(trace[1].passed)
        #expect(trace[1].detail.contains("读取：学历#1 本科 土木工程（081001），专业工作3年"))
        #expect(trace[1].source == "rules/exams/demo/exam.yaml:37:9")
    }

    @Test func theVerdictNamesTheRuleRevision() throws {
        let v = try Support.verdict(Support.application())
        #expect(v.rules == Support.rules.revision)
        #expect(v.rules.count == 16)
    }

    @Test func identifiersByIdOrChineseName() throws {
        let v = try Support.verdict(Support.application(["exam": "示例建造师", "province": "北京市", "level": "一级", "specialty": "建筑工程",
                                                        "subjects": ["工程经济", "fagui", "项目管理", "实务"]]))
        #expect(v.eligible)
        #expect(v.subjects == ["jingji", "fagui", "guanli", "shiwu"])
    }

    @Test(arguments: [
        (#"{"exam": "nosuch"}"#, "unknown-exam", "exam"),
        (#"{"year": null}"#, "missing-field", "year"),
        (#"{"level": "三级"}"#, "unknown-level", "level"),
        (#"{"specialty": "航天工程"}"#, "unknown-specialty", "specialty"),
        (#"{"subjects": ["jingji", "nosuch"]}"#, "unknown-subject", "subjects[1]"),
        (#"{"province": "北平"}"#, "unknown-province", "province"),
        (#"{"city": "广州"}"#, "unknown-city", "city"),
        (#"{"auditPoint": "nowhere"}"#, "unknown-audit-point", "auditPoint"),
        (#"{"relevantWorkYears": -1}"#, "invalid-field", "relevantWorkYears"),
        (#"{"workPeriods": [{"from": "2024-02-30"}]}"#, "invalid-field", "workPeriods[0].from"),
        (#"{"workPeriods": [{"from": "2025-01-01", "to": "2024-01-01"}]}"#, "invalid-field", "workPeriods[0]"),
        (#"{"basis": "half"}"#, "invalid-field", "basis"),
        (#"{"year": "2026"}"#, "invalid-field", "year"),
    ])
    func applicationErrorsNameTheField(changes: String, code: String, path: String) {
        let bytes = Support.application(Support.object(changes))
        let error: ApplicationError
        switch ApplicationDecoder.decode(bytes) {
        case .failure(let failure): error = failure.error
        case .success(let app):
            guard case .failure(let e) = Support.evaluator.evaluate(app) else {
                Issue.record("expected \(code) at \(path), got a verdict")
                return
            }
            error = e
        }
        #expect(error.code == code)
        #expect(error.path == path)
        #expect(!error.message.isEmpty)
    }

    @Test(arguments: [
        (#"{"name": "王晓[沛"}"#, "candidate.name"),
        (#"{"idNumber": "110105194912310021"}"#, "candidate.idNumber"),
        (#"{"education": []}"#, "candidate.education"),
        (#"{"education": [{"level": "幼儿园"}]}"#, "candidate.education[0].level"),
        (#"{"education": [{"level": "bachelor", "graduated": "2015/07/01"}]}"#, "candidate.education[0].graduated"),
        (#"{"degrees": [{"level": "本科"}]}"#, "candidate.degrees[0].level"),
        (#"{"workStart": "soon"}"#, "candidate.workStart"),
        (#"{"phone": "12345"}"#, "candidate.phone"),
        (#"{"email": "nobody"}"#, "candidate.email"),
        (#"{"ethnicGroup": "火星族"}"#, "candidate.ethnicGroup"),
        (#"{"certificates": [{"name": "示例建造师证书", "obtained": "2020-13-01"}]}"#, "candidate.certificates[0].obtained"),
        (#"{"certificates": [{"name": "示例建造师证书", "obtained": "2020-01-01"}], "titles": [{"name": "高级工程师", "level": "senior", "series": "工程", "obtained": "2010-13-01"}]}"#,
         "candidate.titles[0].obtained"),
    ])
    func candidateErrorsNameTheField(candidate: String, path: String) throws {
        let app = try ApplicationDecoder.decode(Support.application(candidate: Support.object(candidate))).get()
        guard case .failure(let error) = Support.evaluator.evaluate(app) else {
            Issue.record("expected an error at \(path)")
            return
        }
        #expect(error.path == path, "\(error)")
    }

    @Test func unknownFieldsWarn() throws {
        let v = try Support.verdict(Support.application(["relevantWorkYear": 3]))
        #expect(v.warnings.contains { $0.code == "unknown-field" && $0.message.contains("relevantWorkYear") })
    }
}
