import Foundation
import LoopbackTesting
import Persistence
@testable import PostgresStore
import Service
import Testing

/// The repository's root, from this file's place in it.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

/// 2026-07-02 09:00 in China: inside the 2026 registration window of 一级建造师 (yijian) in Beijing.
let clusterClockStart = Date(timeIntervalSince1970: 1_782_954_000)
let clusterPaymentKey = "scale-out-test-payment-key"

/// Several built `baokao-server` processes on one fresh PostgreSQL database of their own (on the server of
/// `scripts/with-postgres`, `BAOKAO_TEST_POSTGRES`), as instances behind a load balancer would run: the shipped
/// rules, no captcha (the calling system checks its own), cheap password hashes (`--scrypt 16,1,1`: the tests
/// are about the database, not the hash), a payment key, the clock at `clusterClockStart`. Not demo mode: session
/// tokens and SMS codes are random, as in production.
///
/// The instances are started together on the empty database, so every test also shows that concurrent starts
/// migrate the schema once (the advisory lock). The test reads and seeds the database through a
/// `PostgresStore` of its own.
final class ScaleOutCluster: @unchecked Sendable {
    let folder: URL
    let adminURL: PostgresURL
    let databaseURL: PostgresURL
    let databaseName: String
    /// The test's own connection to the instances' database: counts, seeds.
    private(set) var store: PostgresStore!
    private(set) var instances: [ServerProcess] = []

    private init(folder: URL, adminURL: PostgresURL, databaseName: String) {
        self.folder = folder
        self.adminURL = adminURL
        self.databaseName = databaseName
        databaseURL = adminURL.with(database: databaseName)
    }

    struct NotConfigured: Error, CustomStringConvertible {
        let description = "BAOKAO_TEST_POSTGRES is not set: the scale-out tests need a PostgreSQL server — run them through "
            + "`make test` or `scripts/with-postgres swift test`"
    }

    /// A fresh database and `count` instances on it, started at once.
    static func start(instances count: Int = 3, workers: Int = 2) async throws -> ScaleOutCluster {
        guard let text = ProcessInfo.processInfo.environment["BAOKAO_TEST_POSTGRES"], !text.isEmpty else { throw NotConfigured() }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-scaleout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let name = "baokao_scaleout_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
        let cluster = ScaleOutCluster(folder: folder, adminURL: try PostgresURL(text), databaseName: String(name))
        try cluster.withAdmin { _ = try $0.run("CREATE DATABASE \(name)") }
        do {
            cluster.instances = try await withThrowingTaskGroup(of: (Int, ServerProcess).self) { group in
                for n in 0..<count {
                    group.addTask { (n, try await cluster.startInstance(n, workers: workers)) }
                }
                var started: [(Int, ServerProcess)] = []
                for try await instance in group { started.append(instance) }
                return started.sorted { $0.0 < $1.0 }.map(\.1)
            }
            cluster.store = try PostgresStore(url: cluster.databaseURL, connections: 2)
        } catch {
            await cluster.stop()
            throw error
        }
        return cluster
    }

    /// One more instance on the same database (a replacement for one that died), numbered `n` for its log.
    func startInstance(_ n: Int, workers: Int = 2) async throws -> ServerProcess {
        try await ServerProcess.start(
            ["--db", databaseURL.redacted, "--workers", String(workers), "--captcha", "off", "--scrypt", "16,1,1",
             "--payment-key", clusterPaymentKey, "--clock", String(Int(clusterClockStart.timeIntervalSince1970)),
             "--rules", repositoryRoot.appendingPathComponent("Rules").path],
            log: folder.appendingPathComponent("instance\(n)-\(UUID().uuidString.prefix(4)).log"),
            environment: ["BAOKAO_FORM_KEY": "scale-out-test-form-key"].merging(databaseURL.password.map { ["PGPASSWORD": $0] } ?? [:]) { a, _ in a })
    }

    private func withAdmin(_ body: (PostgresTransaction) throws -> Void) throws {
        let admin = try PostgresStore(url: adminURL, connections: 1, migrate: false)
        defer { admin.closeConnections() }
        try admin.withSession(body)
    }

    /// Stops every instance still running, drops the database and the folder.
    /// Starts a cluster, runs `body` on it and stops it, whether `body` returned or threw (then rethrown).
    static func with(instances count: Int = 3, workers: Int = 2, _ body: (ScaleOutCluster) async throws -> Void) async throws {
        let cluster = try await start(instances: count, workers: workers)
        do {
            try await body(cluster)
        } catch {
            await cluster.stop()
            throw error
        }
        await cluster.stop()
    }

    func stop() async {
        for instance in instances where instance.isRunning { await instance.stop() }
        store?.closeConnections()
        try? withAdmin { _ = try $0.run("DROP DATABASE IF EXISTS \(databaseName) WITH (FORCE)") }
        try? FileManager.default.removeItem(at: folder)
    }

    // MARK: Speaking to the instances

    /// POST /rpc on instance `n` with one request; its response object. Throws when no HTTP answer came back
    /// (the instance died, the connection broke) or the status is not 200.
    func call(_ n: Int, _ method: String, _ params: JSONValue, id: Int = 1) async throws -> JSONValue {
        let request: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method), "params": params]
        let answer = try await LoopbackClient.post(port: instances[n].port, "/rpc", request.serialized)
        guard answer.status == 200 else { throw ClientFailure(description: "\(method) on instance \(n): HTTP \(answer.status) \(answer.text)") }
        return try JSONParser.parse(answer.body)
    }

    /// `call`, expecting a result; records an issue pointing at the caller otherwise.
    @discardableResult
    func result(_ n: Int, _ method: String, _ params: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) async throws -> JSONValue {
        let response = try await call(n, method, params)
        #expect(response["error"] == nil, "\(method) on instance \(n): \(response.serialized)", sourceLocation: sourceLocation)
        return response["result"] ?? .null
    }

    /// POST /payment/notify/default on instance `n`: the gateway's body, signed with the cluster's payment key.
    func notifyPayment(_ n: Int, body: String) async throws -> HTTPAnswer {
        try await LoopbackClient.request(port: instances[n].port, "POST", "/payment/notify/default",
                                         headers: [("X-Payment-Signature", PaymentNotify.signature(body: body, key: clusterPaymentKey))],
                                         body: Array(body.utf8))
    }

    // MARK: The database, read straight

    func count(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> Int {
        try store.read { try $0.fetchOne(sql, arguments.map { $0.storeValue })?.int("n") ?? 0 }
    }

    func strings(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> [String] {
        try store.read { try $0.fetchAll(sql, arguments.map { $0.storeValue }).map { try $0.string("s") } }
    }

    func execute(_ sql: String, _ arguments: any StoreValueConvertible...) throws {
        _ = try store.write { try $0.execute(sql, arguments.map { $0.storeValue }) }
    }
}

/// Runs `body(i)` for i in 0..<count as child tasks at once (each request on a thread of its own, see
/// `LoopbackClient`); returns the results in order.
func inParallel<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) async -> T) async -> [T] {
    await withTaskGroup(of: (Int, T).self) { group in
        for i in 0..<count { group.addTask { (i, await body(i)) } }
        var results: [(Int, T)] = []
        for await result in group { results.append(result) }
        return results.sorted { $0.0 < $1.0 }.map(\.1)
    }
}

/// The outcome of `body` as a value: a request that got no answer is a result to count, not a test failure.
func outcome<T>(_ body: () async throws -> T) async -> Result<T, any Error> {
    do { return .success(try await body()) } catch { return .failure(error) }
}
