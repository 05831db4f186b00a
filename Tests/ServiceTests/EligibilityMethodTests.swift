import Eligibility
import Foundation
import Rules
import Vocabulary
@testable import Service
import Testing

/// `eligibility.evaluate` and `rules.list`: the verdict of `baokao eval`, over JSON-RPC.
@Suite struct EligibilityMethodTests {
    static let fixtureRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures/rules")

    static let application: JSONValue = try! JSONParser.parse(
        #"{"id":"a","exam":"demo","year":2026,"province":"北京","specialty":"jianzhu","relevantWorkYears":2,"candidate":{"name":"王𠮷","idNumber":"11010519491231002X","education":[{"level":"bachelor","major":"土木工程","graduated":"2015-07-01","verification":"verified"}]}}"#)

    func driver() throws -> InProcessDriver {
        try InProcessDriver { $0.rules = RulesSource(folder: Self.fixtureRules, display: "rules") }
    }

    /// The rules load once, but each evaluator judges on the date it is asked for: a service started on one
    /// day still judges "not in the future" on the day of each request, weeks later.
    @Test func anEvaluatorJudgesOnTheDateAskedNotTheFirstCallers() throws {
        let source = RulesSource(folder: Self.fixtureRules, display: "rules")
        let july = try CalendarDate(year: 2026, month: 7, day: 1), august = try CalendarDate(year: 2026, month: 8, day: 15)
        let first = try source.evaluator(today: july)
        let later = try source.evaluator(today: august)
        #expect(first.today == july)
        #expect(later.today == august)
        #expect(first.rules === later.rules, "one rule set, loaded once")
    }

    @Test func evaluateGivesTheVerdictWithReasons() throws {
        let response = try driver().call("eligibility.evaluate", Self.application)
        let result = try #require(response["result"])
        #expect(result["eligible"] == .bool(false))
        #expect(result["reasons"]?.arrayValue?.first?["code"] == .string("work-years-short"))
        #expect(result["advice"] == .array([.string("满足条件的最早考试年度为2027年")]))
        #expect(result["trace"] == nil)
    }

    @Test func explainAddsTheTrace() throws {
        guard case .object(var params) = Self.application else { return }
        params["explain"] = .bool(true)
        let response = try driver().call("eligibility.evaluate", .object(params))
        #expect(response["result"]?["trace"]?.arrayValue?.isEmpty == false)
    }

    @Test func anApplicationThatCannotBeEvaluatedIsInvalidParamsNamingTheField() throws {
        guard case .object(var params) = Self.application else { return }
        params["exam"] = .string("nosuch")
        let response = try driver().call("eligibility.evaluate", .object(params))
        #expect(response["error"]?["code"] == .number("-32602"))
        #expect(response["error"]?["data"]?["field"] == .string("exam"))
        #expect(response["error"]?["data"]?["code"] == .string("unknown-exam"))
    }

    @Test func rulesListNamesExamsLevelsSubjectsAndProvinces() throws {
        let result = try #require(try driver().call("rules.list", .object([:]))["result"])
        let exam = try #require(result["exams"]?.arrayValue?.first)
        #expect(exam["id"] == .string("demo"))
        #expect(exam["levels"]?.arrayValue?.first?["subjects"]?.arrayValue?.count == 4)
        #expect(result["provinces"]?.arrayValue?.map { $0["code"] } == [.string("110000"), .string("440000")])
    }

    @Test func brokenRulesAreARefusalNotACrash() throws {
        let driver = try InProcessDriver { $0.rules = RulesSource(folder: URL(fileURLWithPath: "/nonexistent"), display: "nowhere") }
        let response = try driver.call("rules.list", .object([:]))
        #expect(response["error"]?["data"]?["code"] == .string("rules-unavailable"))
    }

    @Test func overPipesTheServeCommandLoadsItsRules() throws {
        let process = try ServeProcess(arguments: ["serve", "--rules", Self.fixtureRules.path, "--db",
                                                   temporaryDirectory().appendingPathComponent("e.sqlite").path])
        try process.send(#"{"jsonrpc":"2.0","id":1,"method":"eligibility.evaluate","params":\#(Self.application.serialized)}"#)
        let line = try #require(try process.readLine())
        let response = try JSONParser.parse(line)
        #expect(response["result"]?["id"] == .string("a"))
        #expect(response["result"]?["reasons"]?.arrayValue?.count == 1)
        try process.closeInput()
        #expect(try process.finish() == 0)
    }
}

/// Every shipped rule case gives, over JSON-RPC, the verdict `baokao eval` gives (issue #4).
@Suite struct ShippedCasesOverRPCTests {
    static let shippedRules = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Rules")

    @Test func everyShippedCaseGivesTheSameVerdictAsTheEvaluator() throws {
        let cases = RuleTestLoader(root: Self.shippedRules, displayRoot: "Rules").load().cases
        #expect(cases.count >= 105)
        let driver = try InProcessDriver { $0.rules = RulesSource(folder: Self.shippedRules, display: "Rules") }
        let evaluator = Evaluator(rules: RuleLoader(root: Self.shippedRules, displayRoot: "Rules").load().ruleSet!,
                                  today: CalendarDate.today(at: scenarioStart))
        for testCase in cases {
            let params = try JSONParser.parse(testCase.application)
            let response = try driver.call("eligibility.evaluate", params)
            let expected: Result<Verdict, ApplicationError>
            switch ApplicationDecoder.decode(testCase.application) {
            case .success(let app): expected = evaluator.evaluate(app)
            case .failure(let failure): expected = .failure(failure.error)
            }
            switch expected {
            case .success(let verdict):
                var w = Eligibility.JSONWriter()
                verdict.write(to: &w)
                #expect(response["result"] == (try JSONParser.parse(w.bytes)), "\(testCase.name)")
            case .failure(let error):
                #expect(response["error"]?["data"]?["code"] == .string(error.code), "\(testCase.name)")
            }
        }
    }
}
