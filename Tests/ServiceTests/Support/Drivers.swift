import Foundation
import Persistence
@testable import Service
import TestDatabases
import Testing

/// How a scenario reaches the service: in-process (`BaokaoService` on a fresh database of either store) or over
/// real pipes to the built `baokao serve`. The same scenarios run on all three (Hummingbird's `.router` /
/// `.live`). `baokao serve` is SQLite's alone: the CLI links no networking, so no PostgreSQL.
enum DriverKind: Hashable, Sendable, CustomTestStringConvertible {
    case inProcess(Backend)
    case pipes

    static let allCases: [DriverKind] = [.inProcess(.sqlite), .inProcess(.postgres), .pipes]

    var backend: Backend {
        switch self {
        case .inProcess(let backend): backend
        case .pipes: .sqlite
        }
    }

    var testDescription: String {
        switch self {
        case .inProcess(let backend): "in-process-\(backend)"
        case .pipes: "pipes"
        }
    }
}

/// A service under test, with its own fresh database and a clock the test can move.
protocol ServiceDriver: AnyObject {
    /// Sends a request (id chosen by the driver) and returns the whole response object.
    func call(_ method: String, _ params: JSONValue) throws -> JSONValue
    /// Moves the service's clock forward.
    func advance(by seconds: TimeInterval) throws
    /// The service's database, as a gateway or an operator reaches it (the SMS outbox, the audit table): reads
    /// and writes go through the store contract, so that they hold on both stores.
    var store: any ServiceStore { get }
    /// What the service logged so far (`serve`'s log file, or the in-process service's log lines).
    var logText: String { get }
    func stop() throws
    /// Creates a reviewer as the operator would (`baokao admin add-reviewer`).
    func addReviewer(_ username: String, role: String, province: String, city: String?) throws
}

/// 2026-03-02 09:00 in China.
let scenarioStart = Date(timeIntervalSince1970: 1_772_413_200)

func temporaryDirectory() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-tests-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

func makeDriver(_ kind: DriverKind, captcha: Bool = false) throws -> any ServiceDriver {
    switch kind {
    case .inProcess(let backend): try InProcessDriver(backend, captcha: captcha)
    case .pipes: try PipeDriver(captcha: captcha)
    }
}

final class InProcessDriver: ServiceDriver {
    let service: BaokaoService
    let clock: ManualClock
    let logLines = LogCollector()
    let database: FreshDatabase
    private var nextID = 1

    deinit { database.remove() }

    /// With `recordingSQL`, the service's store is a `RecordingStore` of that dialect around the backend's store.
    init(_ backend: Backend = .sqlite, captcha: Bool = false, start: Date = scenarioStart, recordingSQL: SQLDialect? = nil,
         configure: (inout ServiceConfiguration) -> Void = { _ in }) throws {
        clock = ManualClock(start)
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = captcha
        configuration.scrypt = .fast
        configure(&configuration)
        database = try FreshDatabase(backend)
        let store = try database.open()
        let collector = logLines
        service = BaokaoService(store: recordingSQL.map { RecordingStore(store, dialect: $0) } ?? store, configuration: configuration, clock: clock,
                                log: ServiceLog { collector.append($0) })
    }

    var backend: Backend { database.backend }

    func call(_ method: String, _ params: JSONValue) throws -> JSONValue {
        nextID += 1
        return service.call(method, params, id: .int(nextID))
    }

    func advance(by seconds: TimeInterval) { clock.advance(by: seconds) }

    var store: any ServiceStore { service.store }

    var logText: String { logLines.all }

    func stop() {}

    func addReviewer(_ username: String, role: String, province: String, city: String?) throws {
        _ = try Reviewers.add(username: username, password: reviewerPassword, role: role, province: province, city: city,
                              scrypt: .fast, store: service.store, now: clock.now())
    }
}

/// The password of every reviewer the tests create.
let reviewerPassword = "Shenhe2026"

final class LogCollector: @unchecked Sendable {
    private let lock = NSLock()
    private var text = ""
    func append(_ line: String) { lock.withLock { text += line } }
    var all: String { lock.withLock { text } }
}

/// `baokao serve` in a child process, spoken to line by line.
final class PipeDriver: ServiceDriver {
    let folder = temporaryDirectory()
    var dbPath: String { folder.appendingPathComponent("baokao.sqlite").path }
    var logPath: String { folder.appendingPathComponent("serve.log").path }
    let captcha: Bool
    let extra: [String]
    private(set) var process: ServeProcess
    private var clockInstant: Date
    private var started = Date()
    private var nextID = 1
    private lazy var opened: Store = try! Store(path: dbPath)

    init(captcha: Bool = false, start: Date = scenarioStart, extra: [String] = []) throws {
        self.captcha = captcha
        self.extra = extra
        clockInstant = start
        process = try ServeProcess(arguments: PipeDriver.arguments(db: folder.appendingPathComponent("baokao.sqlite").path,
                                                                   log: folder.appendingPathComponent("serve.log").path,
                                                                   captcha: captcha, clock: start) + extra)
    }

    func addReviewer(_ username: String, role: String, province: String, city: String?) throws {
        var arguments = ["admin", "add-reviewer", "--db", dbPath, "--province", province, "--username", username,
                         "--password", reviewerPassword, "--role", role, "--scrypt", "16,1,1"]
        if let city { arguments += ["--city", city] }
        let admin = try ServeProcess(arguments: arguments)
        let status = try admin.finish()
        let stderr = try admin.stderrText()
        #expect(status == 0, "add-reviewer failed: \(stderr)")
    }

    static func arguments(db: String, log: String, captcha: Bool, clock: Date) -> [String] {
        ["serve", "--db", db, "--log", log, "--captcha", captcha ? "on" : "off", "--scrypt", "16,1,1",
         "--clock", String(Int(clock.timeIntervalSince1970))]
    }

    func call(_ method: String, _ params: JSONValue) throws -> JSONValue {
        nextID += 1
        let request: JSONValue = ["jsonrpc": "2.0", "id": .int(nextID), "method": .string(method), "params": params]
        try process.send(request.serialized)
        guard let line = try process.readLine() else { throw ServeProcess.Failure.closed(try process.stderrText()) }
        return try JSONParser.parse(line)
    }

    /// Restarts the binary with its clock set forward: the database carries the state across.
    func advance(by seconds: TimeInterval) throws {
        let elapsed = Date().timeIntervalSince(started)
        clockInstant = clockInstant.addingTimeInterval(elapsed + seconds)
        let status = try process.finish()
        #expect(status == 0)
        started = Date()
        process = try ServeProcess(arguments: PipeDriver.arguments(db: dbPath, log: logPath, captcha: captcha, clock: clockInstant) + extra)
    }

    var store: any ServiceStore { opened }

    func stop() throws {
        let status = try process.finish()
        #expect(status == 0)
    }

    var logText: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    deinit {
        if process.process.isRunning { _ = try? process.finish() }
        try? FileManager.default.removeItem(at: folder)
    }
}

/// The `baokao` binary built beside the tests.
func baokaoExecutable() -> URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("baokao")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    return root.appendingPathComponent(".build/debug/baokao")
}

/// A running `baokao serve`: write lines to its stdin, read lines from its stdout with blocking reads.
final class ServeProcess: @unchecked Sendable {
    enum Failure: Error { case closed(String) }

    let process = Process()
    let input = Pipe(), output = Pipe(), errors = Pipe()
    private var buffer: [UInt8] = []
    private var stderrData = Data()
    private let stderrDone = DispatchSemaphore(value: 0)

    /// The form key children get unless a test says otherwise: `serve` refuses to start without one.
    static let testFormKey = "test-form-key"

    /// `environment` defaults to the tests' own; `formKey` is added as `$BAOKAO_FORM_KEY` unless it is nil
    /// or the environment has one.
    init(arguments: [String], environment: [String: String]? = nil, formKey: String? = ServeProcess.testFormKey) throws {
        // Writing to a child that was killed must fail with EPIPE, not end the test process.
        signal(SIGPIPE, SIG_IGN)
        process.executableURL = baokaoExecutable()
        process.arguments = arguments
        var environment = environment ?? ProcessInfo.processInfo.environment
        if let formKey, environment["BAOKAO_FORM_KEY"] == nil { environment["BAOKAO_FORM_KEY"] = formKey }
        process.environment = environment
        process.standardInput = input
        process.standardOutput = output
        process.standardError = errors
        try process.run()
        let handle = errors.fileHandleForReading
        DispatchQueue.global().async { [self] in
            stderrData = handle.readDataToEndOfFile()
            stderrDone.signal()
        }
    }

    var pid: Int32 { process.processIdentifier }

    func send(_ line: String) throws { try write(Array((line + "\n").utf8)) }

    func write(_ bytes: [UInt8]) throws { try input.fileHandleForWriting.write(contentsOf: bytes) }

    /// The next line of stdout without its newline, or nil at EOF.
    func readLine() throws -> [UInt8]? {
        let fd = output.fileHandleForReading.fileDescriptor
        var chunk = [UInt8](repeating: 0, count: 65536)
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 {
                if buffer.isEmpty { return nil }
                defer { buffer = [] }
                return buffer
            }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    func closeInput() throws { try input.fileHandleForWriting.close() }

    /// Closes stdin, waits for the exit; returns the exit status.
    func finish() throws -> Int32 {
        try? closeInput()
        process.waitUntilExit()
        return process.terminationStatus
    }

    func kill() {
        Foundation.kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    func stderrText() throws -> String {
        stderrDone.wait()
        stderrDone.signal()
        return String(decoding: stderrData, as: UTF8.self)
    }

    /// Peak resident memory of the child (VmHWM), in KiB, while it runs.
    func peakMemoryKiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return nil }
        for line in status.split(separator: "\n") where line.hasPrefix("VmHWM:") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}
