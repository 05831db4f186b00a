import ArgumentParser

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate every rule file; print diagnostics (exit 1 when there is an error)."
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "Diagnostic format: human, gnu or json.")
    var format: String = "human"

    func run() throws {
        throw notImplemented("check", issue: "the rule loader arrives with issue #3 (rule files)")
    }
}
