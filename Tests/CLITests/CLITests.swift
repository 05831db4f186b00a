import Foundation
import Testing

/// Runs the real `baokao` binary (built beside the tests) and captures what it prints.
struct CLIRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

func baokaoExecutable() -> URL {
    // Tests run from the build folder that also holds the `baokao` product.
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("baokao")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/baokao")
}

func runBaokao(_ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> CLIRun {
    let process = Process()
    process.executableURL = baokaoExecutable()
    process.arguments = arguments
    if let environment { process.environment = environment }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let stdoutData = out.fileHandleForReading.readDataToEndOfFile()
    let stderrData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CLIRun(status: process.terminationStatus,
                  stdout: String(decoding: stdoutData, as: UTF8.self),
                  stderr: String(decoding: stderrData, as: UTF8.self))
}

@Suite struct CLITests {
    @Test func helpListsTheVerbsOfTheInterface() throws {
        let run = try runBaokao(["--help"])
        #expect(run.status == 0)
        for verb in ["check", "test", "eval", "form", "serve"] {
            #expect(run.stdout.contains("  \(verb) "), "\(verb) missing from --help")
        }
    }

    @Test func badUsageExits64() throws {
        let run = try runBaokao(["no-such-verb"])
        #expect(run.status == 64)
        let form = try runBaokao(["form"])
        #expect(form.status == 64)
        #expect(form.stderr.contains("-o OUT.pdf"))
        let both = try runBaokao(["form", "--out-dir", "forms", "--tar", "forms.tar"])
        #expect(both.status == 64 && both.stderr.contains("--tar FILE.tar"))
    }
}
