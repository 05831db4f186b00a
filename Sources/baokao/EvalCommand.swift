import ArgumentParser

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Read applications (JSON Lines; stdin when no file) and write one verdict per line, in input order."
    )

    @OptionGroup var rules: RulesOption

    @Flag(help: "Add the trace: every clause considered, the values it read, pass or fail, where it is written.")
    var explain = false

    @Argument(help: "Files of JSON Lines applications.")
    var files: [String] = []

    func run() throws {
        throw notImplemented("eval", issue: "the evaluator arrives with issue #4")
    }
}
