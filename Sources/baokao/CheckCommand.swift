import CommandSupport
import ArgumentParser
import Rules

struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Load and validate every rule file; print diagnostics (exit 1 when there is an error)."
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "Diagnostic format: human, gnu or json.")
    var format: DiagnosticFormat = .human

    func run() throws {
        let (url, display) = rules.folder()
        let result = RuleLoader(root: url, displayRoot: display).load()
        if !result.diagnostics.isEmpty || format == .json {
            print(format.render(result.diagnostics), terminator: "")
        }
        if !result.errors.isEmpty { throw ExitCodes.inputWrong }
    }
}

extension DiagnosticFormat: ExpressibleByArgument {}
