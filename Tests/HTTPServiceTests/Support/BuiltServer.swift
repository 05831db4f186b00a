import Foundation
import Service
import Testing

/// The built `baokao-server` in a child process, on 127.0.0.1 and a free port: `--demo`, no captcha, the
/// shipped rules, its log in `folder`. `arguments` add to (or repeat, later wins) those options.
struct BuiltServer {
    let process: Process
    let log: URL
    let port: Int

    static func start(in folder: URL, db: String, _ arguments: [String] = []) async throws -> BuiltServer {
        let log = folder.appendingPathComponent("server-\(UUID().uuidString.prefix(8)).log")
        let server = Process()
        server.executableURL = builtExecutable("baokao-server")
        server.arguments = ["--db", db, "--port", "0", "--captcha", "off", "--demo", "--log", log.path,
                            "--rules", repositoryRoot.appendingPathComponent("Rules").path] + arguments
        server.standardError = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, server.isRunning {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("\"event\":\"listening\"") }),
               let port = try JSONParser.parse(String(line))["port"]?.intValue
            {
                return BuiltServer(process: server, log: log, port: port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        if server.isRunning { server.terminate() }
        throw ClientFailure(description: "baokao-server did not log its port within 60 s: \((try? String(contentsOf: log, encoding: .utf8)) ?? "")")
    }

    /// SIGTERM, and the exit awaited.
    func stop() {
        process.terminate()
        process.waitUntilExit()
    }

    /// POST /rpc with one request; the whole response object.
    func call(_ method: String, _ params: JSONValue) async throws -> JSONValue {
        let request: JSONValue = ["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params]
        let answer = try await LoopbackClient.post(port: port, "/rpc", request.serialized)
        #expect(answer.status == 200, "\(method): HTTP \(answer.status) \(answer.text)")
        return try JSONParser.parse(answer.body)
    }
}

/// What a built executable of this package did: its exit status and its output.
struct CommandRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs a built executable (`baokao`, `baokao-server`) to its end in `directory`, with `stdin` as its input.
func runBuilt(_ name: String, _ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> CommandRun {
    let process = Process()
    process.executableURL = builtExecutable(name)
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = directory }
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    input.fileHandleForWriting.write(Data(stdin.utf8))
    try input.fileHandleForWriting.close()
    let stdout = out.fileHandleForReading.readDataToEndOfFile(), stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return CommandRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                      stderr: String(decoding: stderr, as: UTF8.self))
}
