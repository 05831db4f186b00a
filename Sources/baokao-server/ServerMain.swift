import ArgumentParser
import CommandSupport

/// `baokao-server [OPTIONS]` serves; `baokao-server admin …` and `baokao-server verify-form …` are the operator
/// commands of `baokao`, on the same databases as the server (SQLite or PostgreSQL).
///
/// Two roots rather than one command with subcommands: argument-parser decodes a parent command from the whole
/// command line, so the server's own `--db` would take the `--db` meant for `admin add-reviewer`, which would
/// then act on the default database. The first argument decides, and `baokao-server --db X admin …` is refused.
@main
enum ServerMain {
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        // `help admin …` too: argument-parser's own hint says to type it.
        let command = arguments.first == "help" ? arguments.dropFirst().first : arguments.first
        if let command, OperatorCommands.names.contains(command) {
            OperatorCommands.main(arguments)
        } else {
            await BaokaoServerCommand.main(arguments)
        }
    }
}

/// The operator commands' root: `baokao-server admin …`, `baokao-server verify-form …`.
struct OperatorCommands: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baokao-server",
        abstract: "Operator commands on the service's database (SQLite or PostgreSQL).",
        subcommands: [AdminCommand<ServerDatabases>.self, VerifyFormCommand<ServerDatabases>.self]
    )

    static var names: Set<String> {
        Set(configuration.subcommands.compactMap { $0.configuration.commandName })
    }
}
