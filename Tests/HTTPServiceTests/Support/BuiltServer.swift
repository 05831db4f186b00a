import Foundation
import LoopbackTesting
import Service
import Testing

/// The built `baokao-server` in a child process (`ServerProcess`), on 127.0.0.1 and a free port: `--demo`, no
/// captcha, the shipped rules, its log in `folder`. `arguments` add to (or repeat, later wins) those options.
struct BuiltServer {
    let server: ServerProcess
    var process: Process { server.process }
    var log: URL { server.log }
    var port: Int { server.port }

    static func start(in folder: URL, db: String, _ arguments: [String] = []) async throws -> BuiltServer {
        let log = folder.appendingPathComponent("server-\(UUID().uuidString.prefix(8)).log")
        let server = try await ServerProcess.start(
            ["--db", db, "--captcha", "off", "--demo", "--rules", repositoryRoot.appendingPathComponent("Rules").path] + arguments,
            log: log)
        return BuiltServer(server: server)
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

/// Runs a built executable (`baokao`, `baokao-server`) to its end in `directory`, with `stdin` as its input.
func runBuilt(_ name: String, _ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> CommandRun {
    try CommandRun.run(builtExecutable(name), arguments, stdin: stdin, in: directory)
}
