import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A built `baokao-server` run as a child process on `--port 0`: started, its port read from the `listening`
/// line of its log, signalled, stopped. Its stdout and stderr go nowhere; the log file is the record.
public final class ServerProcess: @unchecked Sendable {
    public let process: Process
    public let log: URL
    public let port: Int

    private init(process: Process, log: URL, port: Int) {
        self.process = process
        self.log = log
        self.port = port
    }

    /// Starts `baokao-server ARGUMENTS --port 0 --log LOG` and waits (at most `within` seconds) for the port it
    /// logs. Throws when the process exits first or the time runs out (it is then killed).
    public static func start(_ arguments: [String], log: URL, environment: [String: String] = [:],
                             executable: URL = builtExecutable("baokao-server"),
                             within seconds: TimeInterval = 60) async throws -> ServerProcess {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments + ["--port", "0", "--log", log.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardError = FileHandle.nullDevice
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let port = listeningPort(log) { return ServerProcess(process: process, log: log, port: port) }
            guard process.isRunning else {
                throw ClientFailure(description: "baokao-server exited \(process.terminationStatus) before listening: \(tail(log))")
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        Glibc.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        throw ClientFailure(description: "baokao-server did not log its port within \(Int(seconds)) s: \(tail(log))")
    }

    /// The port of the log's `"event":"listening"` line, once written.
    static func listeningPort(_ log: URL) -> Int? {
        guard let text = try? String(contentsOf: log, encoding: .utf8),
              let line = text.split(separator: "\n").first(where: { $0.contains("\"event\":\"listening\"") }),
              let key = line.range(of: "\"port\":")
        else { return nil }
        return Int(line[key.upperBound...].prefix(while: \.isNumber))
    }

    static func tail(_ log: URL) -> String {
        String(((try? String(contentsOf: log, encoding: .utf8)) ?? "(no log)").suffix(600))
    }

    public var isRunning: Bool { process.isRunning }

    public func signal(_ signal: Int32) {
        Glibc.kill(process.processIdentifier, signal)
    }

    /// SIGTERM, and SIGKILL if it is still running after `grace` seconds; returns once it has exited.
    public func stop(grace: TimeInterval = 30) async {
        signal(SIGTERM)
        let deadline = Date().addingTimeInterval(grace)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        if process.isRunning { signal(SIGKILL) }
        process.waitUntilExit()
    }

    /// Waits (at most `seconds`) for the process to end, however it ends.
    public func waitForExit(within seconds: TimeInterval = 30) async -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning, Date() < deadline { try? await Task.sleep(for: .milliseconds(20)) }
        return !process.isRunning
    }
}
