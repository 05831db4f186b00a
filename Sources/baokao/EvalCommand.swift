import CommandSupport
import ArgumentParser
import Eligibility
import Foundation

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Read applications (JSON Lines; stdin when no file) and write one verdict per line, in input order.",
        discussion: """
        A line that cannot be evaluated (malformed JSON, unknown exam, invalid date …) gets
        {"id": …, "error": {"code", "message", "path"}} and the stream goes on; the exit code is then 1.
        Blank lines are skipped. An ineligible verdict is not an error.
        """
    )

    @OptionGroup var rules: RulesOption

    @Flag(help: "Add the trace: every clause considered, the values it read, pass or fail, where it is written.")
    var explain = false

    @Argument(help: "Files of JSON Lines applications.")
    var files: [String] = []

    func run() throws {
        let evaluator = Evaluator(rules: try rules.loadOrExit())
        let output = OutputBuffer()
        var failures = 0
        var w = JSONWriter()
        let explain = self.explain  // read once: the property wrapper's getter is not free per line
        let sources = files.isEmpty ? ["-"] : files
        for path in sources {
            let descriptor: Int32 = path == "-" ? 0 : open(path, O_RDONLY)
            guard descriptor >= 0 else {
                output.flush()
                FileOutput.standardError.write("baokao eval: cannot open \(path): \(String(cString: strerror(errno)))\n")
                throw ExitCodes.ioFailure
            }
            defer { if descriptor != 0 { close(descriptor) } }
            let ok = LineReader(descriptor: descriptor).forEachLine { line, _ in
                guard line.contains(where: { $0 != 0x20 && $0 != 0x09 }) else { return }
                w.reset()
                switch evaluator.evaluate(json: line, explain: explain) {
                case .success(let verdict): verdict.write(to: &w)
                case .failure(let failure):
                    failures += 1
                    failure.error.write(id: failure.id, to: &w)
                }
                w.newline()
                w.withBytes(output.append)
            }
            guard ok else {
                output.flush()
                FileOutput.standardError.write("baokao eval: read error on \(path): \(String(cString: strerror(errno)))\n")
                throw ExitCodes.ioFailure
            }
        }
        output.flush()
        if failures > 0 {
            FileOutput.standardError.write("baokao eval: \(failures) application(s) could not be evaluated\n")
            throw ExitCodes.inputWrong
        }
    }
}
