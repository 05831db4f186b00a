import Foundation
import Testing
@testable import Eligibility
import Rules
import Vocabulary

/// Verdicts keep the values their sentences name (reasons, advice, the route's reason, the deciding
/// record's summary) and render the text when read or written: what is read and what is written must be the same
/// text, escaped once in JSON.
@Suite struct RenderedTextTests {
    /// Ineligible applications covering each kind of message: a shortfall, an education below every row,
    /// a local condition with its note, an exemption and an additional-specialty route not met.
    static let ineligible: [(String, [UInt8])] = [
        ("work years", Support.application(["relevantWorkYears": 2])),
        ("no major", Support.application(candidate: ["education": [["level": "bachelor", "graduated": "2015-07-01"]]])),
        ("education below", Support.application(candidate: ["education": [["level": "high-school", "graduated": "2010-07-01"]]])),
        ("local condition", Support.application(["province": "440000"], candidate: ["education": [
            ["level": "associate", "major": "土木工程", "graduated": "2015-07-01"],
        ]])),
        ("exemption", Support.application(["basis": "exempt"])),
        ("add specialty", Support.application(["basis": "add-specialty"])),
    ]

    @Test(arguments: ineligible.map(\.0))
    func theMessageReadIsTheMessageWritten(_ name: String) throws {
        let v = try Support.verdict(Self.ineligible.first { $0.0 == name }!.1)
        #expect(!v.reasons.isEmpty)
        let written = try #require(try JSONSerialization.jsonObject(with: Data(Support.json(v).utf8)) as? [String: Any])
        let messages = (written["reasons"] as? [[String: Any]] ?? []).map { $0["message"] as? String }
        #expect(messages == v.reasons.map(\.message))
        #expect(v.reasons.allSatisfy { !$0.message.isEmpty })
    }

    @Test func aLocalConditionQuotesItsNoteAroundTheShortfall() throws {
        let v = try Support.verdict(Self.ineligible.first { $0.0 == "local condition" }!.1)
        let reason = try #require(v.reasons.first { $0.code == "local-condition" })
        #expect(reason.message == "本省为试点地区，须具有本科及以上学历（须具有本科及以上学历，第1条学历为大专）")
    }

    @Test func aMajorWithQuotesAndBackslashesIsEscapedOnceInJSON() throws {
        let major = #"汉语言文学（"古典"\方向）"#
        let v = try Support.verdict(Support.application(candidate: ["education": [
            ["level": "bachelor", "major": major, "graduated": "2015-07-01", "verification": "verified"],
        ]]))
        let reason = try #require(v.reasons.first { $0.code == "major-not-eligible" })
        #expect(reason.message == "本科学历报考须为工学门类或管理科学与工程类专业，所学专业“\(major)”不在其列")
        #expect(Support.json(v).contains(#"所学专业“汉语言文学（\"古典\"\\方向）”不在其列"#))
    }

    @Test func reasonsAreEqualWhenTheyReadTheSame() {
        let a = Reason(code: "c", rule: "r", message: "须持有证书", source: "s", basis: nil)
        #expect(a == Reason(code: "c", rule: "r", text: .fixed("须持有证书"), source: "s", basis: nil))
        #expect(a != Reason(code: "c", rule: "r", message: "须持有其他证书", source: "s", basis: nil))
        #expect(a != Reason(code: "c", rule: "r2", message: "须持有证书", source: "s", basis: nil))
    }

    @Test func everyRuleCaseReadsWhatItWrites() throws {
        var routes = Set<String>()
        var advised = 0
        for testCase in RuleCaseTests.cases {
            guard case .success(let app) = ApplicationDecoder.decode(testCase.application),
                  case .success(let v) = Support.evaluator.evaluate(app) else { continue }
            let written = try #require(try JSONSerialization.jsonObject(with: Data(Support.json(v).utf8)) as? [String: Any])
            #expect(written["routeReason"] as? String == v.routeReason, "\(testCase.name)")
            #expect((written["decidedBy"] as? [String: Any])?["summary"] as? String == v.decidedBy?.summary, "\(testCase.name)")
            #expect((written["reasons"] as? [[String: Any]] ?? []).map { $0["message"] as? String } == v.reasons.map(\.message))
            #expect(written["advice"] as? [String] ?? [] == v.advice, "\(testCase.name)")
            if let reason = v.routeReason { routes.insert(reason) }
            advised += v.advice.count
        }
        #expect(routes.count >= 3)
        #expect(advised >= 3)
    }

    @Test func routeReasonsNameTheRecordAndItsStatus() throws {
        let v = try Support.verdict(Support.application(candidate: ["education": [
            ["level": "bachelor", "major": "土木工程", "graduated": "2015-07-01", "verification": "pending"],
        ]]))
        #expect(v.route == .onlineReview)
        #expect(v.routeReason == "第1条学历待核验，须上传证明材料人工核查")
        #expect(v.decidedBy?.summary == "第1条学历：本科 土木工程")
    }

    /// Messages write dates in pieces: the same text as `CalendarDate.chinese`, and escaped the same way
    /// in JSON as the string would be.
    @Test func datesInPiecesReadAsTheirChineseText() throws {
        for text in ["2026-12-31", "2002-01-01", "1999-09-09", "2015-07", "0999-01-05"] {
            let date = try CalendarDate.parse(text)
            #expect(ChineseDate(date).rendered == date.chinese)
        }
        let time = WorkTime.counted(days: 1_000)
        let cutoff = try CalendarDate.parse("2026-12-31")
        #expect(WorkTime.Chinese(time: time, cutoff: cutoff).rendered == "2年8个月26天")
        #expect(WorkTime.Chinese(time: .declared(2.5), cutoff: cutoff).rendered == "2年6个月")
        #expect(WorkTime.Chinese(time: .declared(3), cutoff: cutoff).rendered == "3年")
    }
}
