import Foundation
import Service
import Testing

/// The built `baokao-server`: SIGTERM and SIGINT let the request in flight finish, then the process exits 0.
@Suite struct ShutdownTests {
    @Test(arguments: [SIGTERM, SIGINT])
    func aSignalLetsTheRequestInFlightFinishThenExitsZero(signal: Int32) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-shutdown-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // --scrypt at half the production cost: the logins below take long enough to be caught in flight.
        let log = folder.appendingPathComponent("server.log")
        let server = try await ServerProcess.start(
            ["--db", folder.appendingPathComponent("baokao.sqlite").path, "--workers", "1", "--captcha", "off", "--demo",
             "--scrypt", "65536,8,1", "--rules", repositoryRoot.appendingPathComponent("Rules").path], log: log)
        let port = server.port
        // Six logins of unknown users at half the production scrypt cost: a second or more of work on one worker.
        let batch = "[" + (1...6).map { #"{"jsonrpc":"2.0","id":\#($0),"method":"account.login","params":{"username":"nobody\#($0)","password":"Kaoshi2026x"}}"# }
            .joined(separator: ",") + "]"
        let inFlight = Task.detached { try await LoopbackClient.post(port: port, "/rpc", batch) }
        // Signalled only once the batch runs on the worker (a fixed pause was sometimes too short on a busy
        // machine: the signal then closed the idle connection before the request was read).
        #expect(try await Self.workerBusy(port: port), "the batch never started on the worker")
        server.signal(signal)

        let answer = try await inFlight.value
        #expect(answer.status == 200)
        let members = try JSONParser.parse(answer.body).arrayValue ?? []
        #expect(members.count == 6)
        #expect(members.allSatisfy { $0["error"]?["data"]?["code"] == "login-failed" }, "\(answer.text.prefix(300))")
        #expect(await server.waitForExit())
        #expect(server.process.terminationReason == .exit)
        #expect(server.process.terminationStatus == 0)
        let lines = try String(contentsOf: log, encoding: .utf8).split(separator: "\n")
        #expect(lines.last?.contains("\"event\":\"stop\"") == true)
        #expect(lines.first?.contains(#""allocator":"mimalloc 2."#) == true, "the server runs on mimalloc, as serve does")
        #expect(lines.filter { $0.contains("\"method\":\"account.login\"") }.count == 6)
    }

    /// Polls `/metrics` (not on the worker pool) until `baokao_worker_busy` is 1; false after 30 s.
    static func workerBusy(port: Int) async throws -> Bool {
        for _ in 0..<600 {
            let metrics = try await LoopbackClient.get(port: port, "/metrics")
            if metrics.text.split(separator: "\n").contains("baokao_worker_busy 1.0") { return true }
            try await Task.sleep(for: .milliseconds(50))
        }
        return false
    }
}
