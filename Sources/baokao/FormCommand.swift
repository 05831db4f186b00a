import ArgumentParser

struct Form: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "form",
        abstract: "Write the registration form (报名表) PDF of one application, or one PDF per line with --out-dir."
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The candidate's photo (JPEG).")
    var photo: String?

    @Option(name: .shortAndLong, help: "The PDF to write (one application).")
    var output: String?

    @Option(name: .customLong("out-dir"), help: "Bulk printing: a folder for one PDF per application line.")
    var outDirectory: String?

    @Argument(help: "The application (JSON), or JSON Lines with --out-dir; stdin when absent.")
    var input: String?

    func validate() throws {
        if (output == nil) == (outDirectory == nil) {
            throw ValidationError("give exactly one of -o OUT.pdf (one application) or --out-dir DIR (bulk)")
        }
    }

    func run() throws {
        throw notImplemented("form", issue: "the registration form PDF arrives with issue #5")
    }
}
