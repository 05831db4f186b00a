import Foundation
import Service
import Testing

/// The built `baokao-server`: SIGTERM and SIGINT let the request in flight finish, then the process exits 0.
@Suite struct ShutdownTests {
    /// Starts the executable on a free port; returns it, its log and the port (from the `listening` line).
    private func start(_ folder: URL) async throws -> (Process, URL, Int) {
        let log = folder.appendingPathComponent("server.log")
        let server = Process()
        server.executableURL = builtExecutable("baokao-server")
        server.arguments = ["--db", folder.appendingPathComponent("baokao.sqlite").path, "--port", "0", "--workers", "1",
                            "--captcha", "off", "--demo", "--scrypt", "65536,8,1", "--log", log.path, "--rules", repositoryRoot.appendingPathComponent("Rules").path]
        server.standardError = FileHandle.nullDevice
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
            if let line = text.split(separator: "\n").first(where: { $0.contains("\"event\":\"listening\"") }),
               let port = try JSONParser.parse(String(line))["port"]?.intValue
            {
                return (server, log, port)
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        server.terminate()
        throw ClientFailure(description: "baokao-server did not log its port within 60 s")
    }

    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalLetsTheRequestInFlightFinishThenExitsZero(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-shutdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let (server, log, port) = try await start(folder)
        // Six logins of unknown users at half the production scrypt cost: a second or more of work on one worker.
        let batch = "[" + (1...6).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"account.login","params":{"username":"nobody\#($0)","password":"Kaoshi2026x"}}"# }
            .joined(separator: ",") + "]"
        let inFlight = Task.detached { try await LoopbackClient.post(port: port, "/rpc", batch) }
        // The request is read and running: the first login's hash takes far longer than this.
        try await Task.sleep(for: .milliseconds(400))
        kill(server.processIdentifier, signal)

        let answer = try await inFlight.value
        #expect(answer.status == 200)
        let members = try JSONParser.parse(answer.body).arrayValue ?? []
        #expect(members.count == 6)
        #expect(members.allSatisfy { $0["error"]?["data"]?["code"] == "login-failed" }, "\(answer.text.prefix(300))")
        try await waitUntil { !server.isRunning }
        #expect(server.terminationReason == .exit)
        #expect(server.terminationStatus == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.contains("\"event\":\"stop\"") == true)
        #expect(lines.filter { $0.contains("\"method\":\"account.login\"") }.count == 6)
    }
}
