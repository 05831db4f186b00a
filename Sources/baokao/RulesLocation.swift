import Foundation
import Rules

extension RulesOption {
    /// The rule folder: `--rules`, else `$BAOKAO_RULES`, else the `Rules/` folder of the installation (found
    /// by walking up from the executable), else `./Rules`.
    func folder() -> (url: URL, display: String) {
        if let rules { return (URL(fileURLWithPath: rules), rules.hasSuffix("/") ? String(rules.dropLast()) : rules) }
        if let env = ProcessInfo.processInfo.environment["BAOKAO_RULES"], !env.isEmpty {
            return (URL(fileURLWithPath: env), RulesOption.relativeToWorkingDirectory(env))
        }
        var folder = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while folder.path != "/" {
            let candidate = folder.appendingPathComponent("Rules")
            if FileManager.default.fileExists(atPath: candidate.appendingPathComponent("exams").path) {
                return (candidate, RulesOption.relativeToWorkingDirectory(candidate.path))
            }
            folder.deleteLastPathComponent()
        }
        return (URL(fileURLWithPath: "Rules"), "Rules")
    }

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

    static func relativeToWorkingDirectory(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }
}
