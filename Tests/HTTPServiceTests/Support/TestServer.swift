import Foundation
import GRDB
import HTTPService
import Persistence
import Service
import Testing

/// The repository's root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// 2026-07-02 09:00 in China: inside the 2026 registration window of 一级建造师 in Beijing (Examples/journey.jsonl).
let journeyClockStart = "2026-07-02T09:00:00+08:00"

/// `baokao-server` in this process, on 127.0.0.1 and a port the system picks, with its own temporary database:
/// the shipped rules, `--demo` (SMS codes 246810, predictable tokens, the demo payment key), no captcha, cheap
/// password hashes. Spoken to with `LoopbackClient` over real sockets.
final class TestServer: @unchecked Sendable {
    let folder: URL
    let store: Store
    let server: BaokaoServer
    private(set) var port = 0
    private var task: Task<Void, any Error>?

    var core: ServerCore { server.core }

    init(workers: Int = 2, queue: Int = 16, trustedProxies: Set<String> = []) async throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-http-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try Store(path: folder.appendingPathComponent("baokao.sqlite").path)
        var service = ServiceConfiguration()
        service.captchaEnabled = false
        service.demoMode = true
        service.scrypt = ScryptParameters(rounds: 16, blockSize: 1, parallelism: 1)
        service.paymentKey = ServiceConfiguration.demoPaymentKey
        service.rules = RulesSource(folder: repositoryRoot.appendingPathComponent("Rules"), display: "Rules")
        var configuration = HTTPServerConfiguration()
        configuration.port = 0
        configuration.workers = workers
        configuration.queueCapacity = queue
        configuration.trustedProxies = trustedProxies
        let clock = OffsetClock(start: OffsetClock.parseInstant(journeyClockStart)!)
        let logPath = folder.appendingPathComponent("server.log").path
        FileManager.default.createFile(atPath: logPath, contents: nil)
        let core = ServerCore(configuration: configuration, store: store, service: service, clock: clock,
                              log: ServiceLog(handle: FileHandle(forWritingAtPath: logPath)!))
        server = BaokaoServer(core: core, log: ServiceLog.discard, clock: clock) // the listening line: the port comes back below
        let (ports, continuation) = AsyncStream.makeStream(of: Int.self)
        let server = server
        task = Task { try await server.run(signals: []) { continuation.yield($0) } }
        for await bound in ports {
            port = bound
            break
        }
    }

    /// Stops the server; every answer it gave had a status the published API lists for its route.
    func stop() async throws {
        #expect(core.metrics.undocumentedAnswers.isEmpty, "answers with statuses Docs/openapi.json does not list: \(core.metrics.undocumentedAnswers.sorted())")
        await server.shutdown()
        try await task?.value
        store.pool.releaseMemory()
        try? FileManager.default.removeItem(at: folder)
    }

    /// POST /rpc with one request; the whole response object.
    func call(_ method: String, _ params: JSONValue = [:], id: JSONValue = 1, from source: String = "127.0.0.1") async throws -> JSONValue {
        let request: JSONValue = ["jsonrpc": "2.0", "id": id, "method": .string(method), "params": params]
        let answer = try await LoopbackClient.post(port: port, "/rpc", request.serialized, from: source)
        #expect(answer.status == 200, "\(method): HTTP \(answer.status) \(answer.text)")
        return try JSONParser.parse(answer.body)
    }

    /// The staff of the journey, made as `scripts/demo` makes them with `baokao admin add-reviewer`.
    func addJourneyStaff() throws {
        let now = Date()
        _ = try Reviewers.add(username: "verifier", password: "Hecha2026x", role: "verifier", province: "110000", city: nil,
                              scrypt: ScryptParameters(rounds: 16, blockSize: 1, parallelism: 1), store: store, now: now)
        _ = try Reviewers.add(username: "bj-shenhe", password: "Shenhe2026x", role: "reviewer", province: "110000", city: nil,
                              scrypt: ScryptParameters(rounds: 16, blockSize: 1, parallelism: 1), store: store, now: now)
    }

    /// Examples/journey.jsonl over POST /rpc, line by line, up to (not including) the step whose id starts with
    /// `stop`: by "A20" the candidate wangxiaopei (token `demo-session-wangxiaopei-3`) has application 1
    /// approved and its payment order `demo-order-1` made. Returns the answers by step id.
    @discardableResult
    func runJourney(until stop: String = "A20 ") async throws -> [String: JSONValue] {
        try addJourneyStaff()
        let lines = try String(contentsOf: repositoryRoot.appendingPathComponent("Examples/journey.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        var answers: [String: JSONValue] = [:]
        for line in lines {
            let request = try JSONParser.parse(Array(line.utf8))
            let id = request["id"]?.stringValue ?? ""
            if id.hasPrefix(stop) { break }
            let answer = try await LoopbackClient.post(port: port, "/rpc", String(line))
            #expect(answer.status == 200 || answer.status == 204, "\(id): HTTP \(answer.status)")
            if answer.status == 200 { answers[id] = try JSONParser.parse(answer.body) }
            #expect(answers[id]?["error"]?["code"] != -32603, "\(id): \(answer.text)")
        }
        return answers
    }

    /// The newest rows of a table, read straight from the database.
    func rows(_ sql: String) async throws -> [Row] {
        try await store.pool.read { try Row.fetchAll($0, sql: sql) }
    }
}
