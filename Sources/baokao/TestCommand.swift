import CommandSupport
import ArgumentParser
import Eligibility
import Rules

struct RuleTests: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule test cases beside the rules; print expected vs actual; end with `N passed, N failed`."
    )

    @OptionGroup var rules: RulesOption

    @Flag(help: "List the clauses (conditions, exemptions, routes) that no case exercises.")
    var coverage = false

    @Argument(help: "Run only the cases whose exam, file or name contains this text.")
    var filter: String?

    func run() throws {
        let ruleSet = try rules.loadOrExit()
        let (url, display) = rules.folder()
        let (cases, diagnostics) = RuleTestLoader(root: url, displayRoot: display).load()
        if !diagnostics.isEmpty {
            FileOutput.standardError.write(DiagnosticFormat.human.render(diagnostics))
        }
        let selected = cases.filter { c in
            filter.map { f in c.exam.contains(f) || c.name.contains(f) || c.location.file.contains(f) } ?? true
        }
        let runner = RuleTestRunner(evaluator: Evaluator(rules: ruleSet))
        var outcomes: [RuleTestRunner.Outcome] = []
        for testCase in selected {
            let outcome = runner.run(testCase)
            outcomes.append(outcome)
            if !outcome.passed {
                print("FAIL \(testCase.location): \(testCase.name)")
                for line in outcome.mismatches { print("  \(line)") }
            }
        }
        if coverage {
            let missing = RuleTestRunner.unexercised(ruleSet, outcomes: outcomes)
            print(missing.isEmpty ? "coverage: every clause is exercised" : "coverage: \(missing.count) clause(s) no case exercises:")
            for (rule, source) in missing { print("  \(source): \(rule)") }
        }
        let failed = outcomes.filter { !$0.passed }.count + diagnostics.filter { $0.severity == .error }.count
        print("\(outcomes.count - outcomes.filter { !$0.passed }.count) passed, \(failed) failed")
        if failed > 0 { throw ExitCodes.inputWrong }
    }
}
