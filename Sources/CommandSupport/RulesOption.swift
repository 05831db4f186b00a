import ArgumentParser
import Foundation

/// Where the rule files are: `--rules`, else `$BAOKAO_RULES`, else the `Rules/` folder of the installation.
public struct RulesOption: ParsableArguments {
    @Option(name: .long, help: "The rule folder (default: $BAOKAO_RULES, else the installation's Rules/).")
    public var rules: String?

    public init() {}

    /// The rule folder: `--rules`, else `$BAOKAO_RULES`, else the `Rules/` folder of the installation (found
    /// by walking up from the executable), else `./Rules`.
    public func folder() -> (url: URL, display: String) {
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

    public static func relativeToWorkingDirectory(_ path: String) -> String {
        let cwd = FileManager.default.currentDirectoryPath
        let absolute = URL(fileURLWithPath: path).standardizedFileURL.path
        if absolute.hasPrefix(cwd + "/") { return String(absolute.dropFirst(cwd.count + 1)) }
        return absolute
    }
}
