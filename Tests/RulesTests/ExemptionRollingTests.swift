import Testing
@testable import Rules

/// An exemption's own `rolling:` (注册城乡规划师: 2 years with a 注册建筑师 certificate, 3 with an accredited
/// master's degree), and the exam's `rolling.exempt` where it states none.
@Suite struct ExemptionRollingTests {
    static let rules = RuleLoader(root: Fixtures.packageRoot.appendingPathComponent("Rules"), displayRoot: "Rules").load().ruleSet

    @Test func anExemptionKeepsItsOwnRollingPeriod() throws {
        let guihua = try #require(Self.rules?.exam("guihua"))
        let byID = Dictionary(uniqueKeysWithValues: guihua.exemptions.map { ($0.id, $0) })
        #expect(byID["architect"]?.rolling == 2)
        #expect(byID["accredited-master"]?.rolling == 3)
        #expect(byID["accredited-master"]?.rollingYears(in: guihua) == 3)
        #expect(guihua.rolling["full"] == 4)
    }

    @Test func withoutItsOwnTheExamsExemptFigureApplies() throws {
        let yixiao = try #require(Self.rules?.exam("yixiao"))
        let exemption = try #require(yixiao.exemptions.first)
        #expect(exemption.rolling == nil)
        #expect(exemption.rollingYears(in: yixiao) == 2)
    }
}
