import ArgumentParser

struct RuleTests: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule test cases beside the rules; print expected vs actual; end with `N passed, N failed`."
    )

    @OptionGroup var rules: RulesOption

    @Argument(help: "Run only the cases whose name or file contains this text.")
    var filter: String?

    func run() throws {
        throw notImplemented("test", issue: "rule tests arrive with issue #4 (the evaluator)")
    }
}
