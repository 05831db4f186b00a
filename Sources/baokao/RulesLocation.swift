import CommandSupport
import Foundation
import Rules

extension RulesOption {
    /// Loads the rules; on errors prints them (human format) to stderr and exits 1.
    func loadOrExit() throws -> RuleSet {
        let (url, display) = folder()
        guard FileManager.default.fileExists(atPath: url.path) else {
            FileOutput.standardError.write("baokao: rule folder \(display) does not exist (use --rules DIR or $BAOKAO_RULES)\n")
            throw ExitCodes.ioFailure
        }
        let result = RuleLoader(root: url, displayRoot: display).load()
        guard let ruleSet = result.ruleSet else {
            FileOutput.standardError.write(DiagnosticFormat.human.render(result.diagnostics))
            FileOutput.standardError.write("baokao: the rules in \(display) have \(result.errors.count) error(s); run `baokao check`\n")
            throw ExitCodes.inputWrong
        }
        return ruleSet
    }
}
