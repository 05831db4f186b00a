import Testing
@testable import Eligibility
import Rules

/// The evaluator's semantics as policy officers write them: the cases of the fixture exam.
@Suite struct RuleCaseTests {
    static let cases = RuleTestLoader(root: Support.fixtures.appendingPathComponent("rules"), displayRoot: "rules").load().cases

    @Test func thereAreCases() {
        #expect(Self.cases.count >= 25)
    }

    @Test(arguments: cases.map(\.name))
    func ruleCase(_ name: String) {
        let testCase = Self.cases.first { $0.name == name }!
        let outcome = RuleTestRunner(evaluator: Support.evaluator).run(testCase)
        #expect(outcome.passed, "\(testCase.location): \(outcome.mismatches.joined(separator: "\n"))")
    }

    @Test func everyClauseOfTheFixtureIsExercised() {
        let runner = RuleTestRunner(evaluator: Support.evaluator)
        let outcomes = Self.cases.map(runner.run)
        #expect(RuleTestRunner.unexercised(Support.rules, outcomes: outcomes).isEmpty)
    }

    @Test func aMismatchIsReportedAsExpectedVersusActual() {
        var testCase = Self.cases.first { $0.name.hasPrefix("bachelor in 土木工程") }!
        var expect = testCase.expect
        expect.eligible = false
        expect.route = "onsite-review"
        testCase = RuleTestCase(exam: testCase.exam, name: testCase.name, location: testCase.location,
                                application: testCase.application, expect: expect)
        let outcome = RuleTestRunner(evaluator: Support.evaluator).run(testCase)
        #expect(outcome.mismatches.contains("eligible: expected false, actual true"))
        #expect(outcome.mismatches.contains("route: expected onsite-review, actual auto"))
    }
}
