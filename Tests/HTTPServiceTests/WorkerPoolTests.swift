import Foundation
import Persistence
import HTTPService
import Service
import Testing

/// The bounded pool: a full one answers `503` with `Retry-After` at once, never a timeout.
@Suite struct WorkerPoolTests {
    /// Holds workers until released. Only worker threads wait on it: a test awaits `pool.busy` instead, never
    /// blocking a thread of the cooperative pool that the server's handlers need.
    final class Gate: @unchecked Sendable {
        let release = DispatchSemaphore(value: 0)
    }

    @Test func aFullPoolAnswers503WithRetryAfterAtOnce() async throws {
        let server = try await TestServer(workers: 1, queue: 0)
        let gate = Gate()
        let blocker = Task { try await server.core.pool.run { _ in gate.release.wait() } }
        try await waitUntil { server.core.pool.busy == 1 }

        let started = Date()
        let answer = try await LoopbackClient.post(port: server.port, "/rpc", #"{"jsonrpc":"2.0","id":1,"method":"exam.list"}"#)
        let waited = Date().timeIntervalSince(started)
        #expect(answer.status == 503)
        #expect(answer.headers["retry-after"] == "1")
        let refusal = try JSONParser.parse(answer.body)
        #expect(refusal["error"]?["data"]?["code"] == "server-busy")
        #expect(refusal["error"]?["data"]?["retryAfter"] == 1)
        #expect(waited < 5, "a full pool must answer at once, not when a worker frees up (\(waited) s)")
        // Readiness needs a worker too; health does not.
        #expect(try await LoopbackClient.get(port: server.port, "/ready").status == 503)
        #expect(try await LoopbackClient.get(port: server.port, "/health").status == 200)
        #expect(PrometheusText(try await LoopbackClient.get(port: server.port, "/metrics").text)["baokao_worker_rejections_total"] == 2)

        gate.release.signal()
        try await blocker.value
        #expect(try await server.call("exam.list")["result"] != nil)
        try await server.stop()
    }

    @Test func theQueueHoldsUpToItsCapacityAndRefusesTheNext() async throws {
        let gate = Gate()
        let pool = WorkerPool(workers: 1, queueCapacity: 2) { _ in BaokaoService(store: try! temporaryStore()) }
        let running = Task { try await pool.run { _ in gate.release.wait() } }
        try await waitUntil { pool.busy == 1 }
        let queued = (0..<2).map { n in Task { try await pool.run { _ in n } } }
        try await waitUntil { pool.waiting == 2 }
        await #expect(throws: WorkerPool.Saturated.self) { try await pool.run { _ in 99 } }
        gate.release.signal()
        try await running.value
        var done: [Int] = []
        for task in queued { done.append(try await task.value) }
        #expect(done == [0, 1])
        pool.shutdown()
        await #expect(throws: WorkerPool.Saturated.self) { try await pool.run { _ in 0 } }
    }

    @Test func eachWorkerHasItsOwnService() async throws {
        let store = try temporaryStore()
        let pool = WorkerPool(workers: 3, queueCapacity: 30) { _ in BaokaoService(store: store) }
        let gate = Gate()
        // Three jobs that wait for each other can only finish when three threads run them.
        let ids = try await withThrowingTaskGroup(of: ObjectIdentifier.self) { group in
            for _ in 0..<3 {
                group.addTask {
                    try await pool.run { service in
                        gate.release.wait()
                        return ObjectIdentifier(service)
                    }
                }
            }
            try await waitUntil { pool.busy == 3 }
            for _ in 0..<3 { gate.release.signal() }
            return try await group.reduce(into: Set<ObjectIdentifier>()) { $0.insert($1) }
        }
        #expect(ids.count == 3)
        pool.shutdown()
    }
}

/// Polls `condition` every 5 ms for up to 30 s.
func waitUntil(_ condition: () -> Bool, sourceLocation: SourceLocation = #_sourceLocation) async throws {
    let deadline = ContinuousClock.now + .seconds(30)
    while !condition() {
        guard ContinuousClock.now < deadline else {
            Issue.record("condition not met within 30 s", sourceLocation: sourceLocation)
            return
        }
        try await Task.sleep(for: .milliseconds(5))
    }
}

func temporaryStore() throws -> Persistence.Store {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-pool-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return try Persistence.Store(path: folder.appendingPathComponent("pool.sqlite").path)
}
