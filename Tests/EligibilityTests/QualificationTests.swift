import Foundation
import Testing
@testable import Eligibility
import Rules
import Vocabulary

/// How certificates and titles become holdings: recognised in the catalogue once at preparation, credited to
/// the exam's qualifications, and — when the catalogue does not know a name — said so, and looked at by a person.
@Suite struct QualificationTests {
    static var exempt: [String: Any] { ["basis": "exempt", "relevantWorkYears": 3] }
    static let pm1 = ["name": "一级项目经理资质证书", "obtained": "2003-06-01"]
    static let senior = ["name": "高级工程师", "level": "senior", "series": "工程", "obtained": "2010-12-01"]

    func prepared(_ bytes: [UInt8]) throws -> Case {
        let app = try ApplicationDecoder.decode(bytes).get()
        return try Support.evaluator.prepare(app)
    }

    func holdings(_ c: Case) -> [String: Case.Holding] {
        Dictionary(uniqueKeysWithValues: c.exam.qualifications.enumerated().map { ($1.id, c.holdings[$0]) })
    }

    @Test func aCatalogueVariantIsItsEntry() throws {
        let c = try prepared(Support.application(Self.exempt, candidate: [
            "certificates": [["name": "建筑业企业一级项目经理资质证书", "obtained": "2003-06-01"]], "titles": [Self.senior]]))
        let held = holdings(c)
        #expect(held["pm-1"] == .held(since: try CalendarDate.parse("2003-06-01")))
        #expect(held["senior"] == .held(since: try CalendarDate.parse("2010-12-01")))
        #expect(held["cert"] == Case.Holding.none)
        #expect(!c.warnings.contains { $0.code == "qualification-not-in-catalog" })
        let v = Support.evaluator.decide(c)
        #expect(v.eligible && v.route == .auto && v.exempted == ["jingji", "guanli"])
    }

    /// A title is found by its series and rank, else by a name that does not contradict the rank.
    @Test(arguments: [
        (["level": "senior", "series": "工程"], true),
        (["level": "高级", "series": " 工程 "], true),
        (["name": "正高级工程师", "level": "full-senior"], true),
        (["name": "正高级工程师"], true),
        (["name": "高级工程师", "level": "intermediate"], false),   // the name says 高级, the rank 中级
        (["level": "intermediate", "series": "工程"], false),       // 工程师: recognised, not 高级
    ])
    func titlesBySeriesAndRankOrName(_ title: [String: String], _ counts: Bool) throws {
        var record = title
        record["obtained"] = "2010-12-01"
        let c = try prepared(Support.application(Self.exempt, candidate: ["certificates": [Self.pm1], "titles": [record]]))
        let held = holdings(c)["senior"]
        if counts { #expect(held == .held(since: try CalendarDate.parse("2010-12-01"))) } else { #expect(held != .held(since: try CalendarDate.parse("2010-12-01"))) }
    }

    @Test func aNameWhoseGradeDiffersIsAnotherQualification() throws {
        let rules = Support.rules.qualifications
        let a = try #require(rules.identify(name: "示例造价人员资格证书（甲级）"))
        #expect(rules.identify(name: "示例造价人员资格证书 (乙级)") != a)
        #expect(rules.identify(name: "示例造价人员资格证书【甲级】") == a)
        #expect(rules.identify(name: "示例造价人员资格证书") == nil)
    }

    @Test func anUnknownNameIsNamedAndSentToOnlineReview() throws {
        let v = try Support.verdict(Support.application(["basis": "add-specialty"], candidate: [
            "certificates": [["name": "示例建造师注册证", "obtained": "2020-01-01"]]]))
        let warning = try #require(v.warnings.first { $0.code == "qualification-not-in-catalog" })
        #expect(warning.message.contains("“示例建造师注册证”"))
        #expect(v.eligible)
        #expect(v.route == .onlineReview)
        #expect(Support.json(v).contains("所填证书或职称不在资格目录中，须人工核查"))
    }

    @Test func aKnownNameThatIsNotEnoughIsRefusedWithoutWarning() throws {
        let v = try Support.verdict(Support.application(["basis": "add-specialty"], candidate: [
            "certificates": [["name": "示例造价人员资格证书（乙级）", "obtained": "2020-01-01"]]]))
        #expect(!v.eligible)
        #expect(v.reasons.map(\.code) == ["add-specialty-not-eligible"])
        #expect(!v.warnings.contains { $0.code == "qualification-not-in-catalog" })
    }

    /// An unknown record is not taken for a qualification its date could not be: obtained after 2003,
    /// it cannot be the 项目经理 certificate the exemption asks for by 2003.
    @Test func anUnknownRecordTooLateIsStillMissing() throws {
        let v = try Support.verdict(Support.application(Self.exempt, candidate: [
            "certificates": [["name": "项目经理证", "obtained": "2010-06-01"]], "titles": [Self.senior]]))
        #expect(!v.eligible)
        #expect(v.reasons.map(\.code) == ["exemption-not-eligible"])
        #expect(v.warnings.contains { $0.code == "qualification-not-in-catalog" })
    }

    @Test func anUnknownNameDoesNotMatterWhenNothingIsAsked() throws {
        let v = try Support.verdict(Support.application([:], candidate: ["certificates": [["name": "珠算等级证书"]]]))
        #expect(v.eligible && v.route == .auto)
        #expect(v.warnings.map(\.code).contains("qualification-not-in-catalog"))
    }

    /// Every record's date is read, recognised or not: a wrong date is never ignored.
    @Test func aMalformedDateOnAnyRecordIsAnError() throws {
        let app = try ApplicationDecoder.decode(Support.application([:], candidate: [
            "certificates": [Self.pm1, ["name": "珠算等级证书", "obtained": "2010-13-01"]]])).get()
        let result = Support.evaluator.evaluate(app)
        guard case .failure(let error) = result else { Issue.record("expected an error"); return }
        #expect(error.code == "invalid-field" && error.path == "candidate.certificates[1].obtained")
    }

    @Test func theExplanationSaysARecordWasNotRecognised() throws {
        let v = try Support.verdict(Support.application(["basis": "add-specialty"], candidate: [
            "certificates": [["name": "示例建造师注册证", "obtained": "2020-01-01"]]]), explain: true)
        #expect(v.trace?.contains { $0.detail.contains("未识别所填证书或职称，可能为示例建造师证书") } == true)
    }

    @Test func anApplicationListsAtMostTwentyCertificates() throws {
        let many = (0...20).map { ["name": "证书\($0)", "obtained": "2010-01-01"] }
        let app = try ApplicationDecoder.decode(Support.application([:], candidate: ["certificates": many])).get()
        guard case .failure(let error) = Support.evaluator.evaluate(app) else { Issue.record("expected an error"); return }
        #expect(error.code == "invalid-field" && error.path == "candidate.certificates")
        let twenty = try ApplicationDecoder.decode(Support.application([:], candidate: ["certificates": Array(many.prefix(20))])).get()
        #expect(try Support.evaluator.evaluate(twenty).get().warnings.contains { $0.code == "qualification-not-in-catalog" })
    }
}
