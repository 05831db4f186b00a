import ArgumentParser
import CommandSupport

/// `baokao`: the command line of the engine. Each verb parses its arguments and hands the work to the
/// stage that does it; stdout carries only results, logs and progress go to stderr.
///
/// Exit codes (INTERFACE.md): 0 success; 1 the input was read but something in it is wrong; 64 bad usage;
/// 65 unreadable input data; 74 I/O failure.
@main
struct Baokao: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baokao",
        abstract: "Eligibility rules, verdicts and registration forms for China's professional qualification exams.",
        subcommands: [Check.self, RuleTests.self, Evaluate.self, Form.self, VerifyFormCommand<SQLiteDatabases>.self, Serve.self,
                      AdminCommand<SQLiteDatabases>.self, OpenRPC.self]
    )
}
