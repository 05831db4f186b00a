import ArgumentParser

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The JSON-RPC 2.0 service over stdin/stdout, persisted in SQLite."
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The SQLite database.")
    var db: String = "baokao.sqlite"

    func run() throws {
        throw notImplemented("serve", issue: "the service arrives with issues #6 and #7")
    }
}
