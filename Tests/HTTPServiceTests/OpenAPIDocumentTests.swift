import Foundation
import HTTPService
import LoopbackTesting
import Service
import Testing

/// Docs/openapi.json against the code: the same routes as the router serves, for each exactly the statuses
/// `Endpoint` lists, every one of them answered by the running server, and the document valid OpenAPI 3.1
/// for an outside validator. (Every `TestServer` also checks on `stop()` that it answered no status the
/// document does not list for the route.)
@Suite struct OpenAPIDocumentTests {
    static let path = repositoryRoot.appendingPathComponent("Docs/openapi.json")
    static let methods: Set<String> = ["get", "post", "put", "patch", "delete", "head", "options"]

    /// "METHOD /path" → the operation object, from the document.
    func operations() throws -> [String: JSONValue] {
        let document = try JSONParser.parse(Array(try Data(contentsOf: Self.path)))
        var found: [String: JSONValue] = [:]
        for (path, item) in document["paths"]?.objectValue ?? [:] {
            for (method, operation) in item.objectValue ?? [:] where Self.methods.contains(method) {
                found["\(method.uppercased()) \(path)"] = operation
            }
        }
        return found
    }

    @Test func theDocumentListsExactlyTheRoutesTheRouterServes() async throws {
        let server = try await TestServer()
        let served = Set(server.server.router().routes.map { "\($0.method) \($0.path)" })
        #expect(served == Set(Endpoint.allCases.map { "\($0.method) \($0.path)" }))
        #expect(Set(try operations().keys) == served, "Docs/openapi.json and the router differ")
        try await server.stop()
    }

    @Test func eachRouteDocumentsExactlyTheStatusesItsCodeAnswers() throws {
        let operations = try operations()
        for endpoint in Endpoint.allCases {
            let operation = try #require(operations["\(endpoint.method) \(endpoint.path)"], "\(endpoint.path) is not documented")
            let documented = Set((operation["responses"]?.objectValue ?? [:]).keys.compactMap { Int($0) })
            #expect(documented == endpoint.statuses, "\(endpoint.method) \(endpoint.path): documented \(documented.sorted()), answered \(endpoint.statuses.sorted())")
            #expect(operation["operationId"]?.stringValue == endpoint.rawValue)
        }
        // The form route takes the session as a bearer token, and says so.
        let form = try #require(operations["GET /forms/{number}.pdf"])
        #expect(form["security"]?.arrayValue?.first?["bearer"] != nil)
        let document = try JSONParser.parse(Array(try Data(contentsOf: Self.path)))
        #expect(document["components"]?["securitySchemes"]?["bearer"]?["scheme"] == "bearer")
        #expect(operations["POST /rpc"]?["externalDocs"]?["url"] == "openrpc.json")
    }

    @Test func theDocumentIsValidOpenAPI31AndABrokenOneIsRefused() throws {
        let valid = try checkOpenAPI(Self.path.path)
        #expect(valid.status == 0, "\(valid.output)")
        var document = try JSONParser.parse(Array(try Data(contentsOf: Self.path))).objectValue ?? [:]
        document["openapi"] = "3.1.0"
        document["paths"] = ["/rpc": ["post": ["responses": ["200": ["content": "not an object"]]]]]
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("openapi-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: broken) }
        try JSONValue.object(document).serialized.write(to: broken, atomically: true, encoding: .utf8)
        let refused = try checkOpenAPI(broken.path)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("not valid OpenAPI"), "\(refused.output)")
    }

    func checkOpenAPI(_ path: String) throws -> (status: Int32, output: String) {
        let run = try CommandRun.run(repositoryRoot.appendingPathComponent("scripts/check-openapi"), [path])
        return (run.status, run.output)
    }

    func form(_ port: Int, _ path: String = "/forms/BK2026110000000001.pdf", token: String? = "demo-session-wangxiaopei-3") async throws -> Int {
        try await LoopbackClient.get(port: port, path, headers: token.map { [("Authorization", "Bearer \($0)")] } ?? []).status
    }

    func notify(_ port: Int, _ body: [UInt8], signed: Bool = true, gateway: String = "default") async throws -> Int {
        let signature = PaymentNotify.signature(body: String(decoding: body, as: UTF8.self), key: ServiceConfiguration.demoPaymentKey)
        return try await LoopbackClient.request(port: port, "POST", "/payment/notify/\(gateway)",
                                                headers: signed ? [("X-Payment-Signature", signature)] : [], body: body).status
    }

    /// Each documented status of each route, provoked on running servers: what they counted (their
    /// `baokao_http_requests_total`) is exactly what the document lists — no status the code cannot produce.
    @Test func everyDocumentedStatusIsOneTheServerAnswers() async throws {
        let server = try await TestServer()
        let port = server.port
        func form(_ path: String = "/forms/BK2026110000000001.pdf", token: String? = "demo-session-wangxiaopei-3") async throws -> Int {
            try await self.form(port, path, token: token)
        }
        func notify(_ body: [UInt8], signed: Bool = true, gateway: String = "default") async throws -> Int {
            try await self.notify(port, body, signed: signed, gateway: gateway)
        }
        func sql(_ statement: String) async throws { try await server.store.pool.write { try $0.execute(sql: statement) } }
        let oversized = [UInt8](repeating: UInt8(ascii: " "), count: LineFramer.defaultMaximumLineLength + 10)

        // Before the application is confirmed: no form yet.
        try await server.runJourney(until: "A16 ")
        #expect(try await form() == 409)
        let lines = try String(contentsOf: repositoryRoot.appendingPathComponent("Examples/journey.jsonl"), encoding: .utf8).split(separator: "\n")
        for line in lines.drop(while: { !$0.contains(#""id":"A16 "#) }).prefix(while: { !$0.contains(#""id":"A20 "#) }) {
            #expect(try await LoopbackClient.post(port: port, "/rpc", String(line)).status == 200)
        }
        let order = try #require(try await server.rows("SELECT orderId, amount FROM payment").first)
        let orderId: String = order["orderId"], amount: Int = order["amount"]
        let paying = Array(#"{"orderId":"\#(orderId)","amount":\#(amount),"transactionId":"T-1"}"#.utf8)

        // /rpc
        #expect(try await LoopbackClient.post(port: port, "/rpc", #"{"jsonrpc":"2.0","id":1,"method":"exam.list"}"#).status == 200)
        #expect(try await LoopbackClient.post(port: port, "/rpc", #"{"jsonrpc":"2.0","method":"exam.list"}"#).status == 204)
        #expect(try await LoopbackClient.request(port: port, "POST", "/rpc", body: oversized).status == 413)
        // /payment/notify/{gateway}
        #expect(try await notify(paying, gateway: "elsewhere") == 404)
        #expect(try await notify(paying, signed: false) == 403)
        #expect(try await notify([0xFF, 0xFE]) == 400)
        #expect(try await notify(oversized) == 413)
        #expect(try await notify(Array(#"{"orderId":"\#(orderId)","amount":\#(amount + 1),"transactionId":"T-1"}"#.utf8)) == 422)
        try await sql("ALTER TABLE payment RENAME COLUMN paidAt TO paidAtGone")   // a database fault: nothing recorded
        #expect(try await notify(paying) == 500)
        try await sql("ALTER TABLE payment RENAME COLUMN paidAtGone TO paidAt")
        #expect(try await notify(paying) == 200)
        // A stale second order of an application already paid: it can no longer be paid.
        try await sql("INSERT INTO payment (orderId, applicationId, amount, state, createdAt) SELECT 'stale-order', applicationId, amount, 'pending', createdAt FROM payment")
        #expect(try await notify(Array(#"{"orderId":"stale-order","amount":\#(amount),"transactionId":"T-2"}"#.utf8)) == 409)
        // /forms/{number}.pdf
        #expect(try await form() == 200)
        #expect(try await form(token: nil) == 401)
        #expect(try await form("/forms/BK2026110000000002.pdf") == 404)
        try await sql("ALTER TABLE application RENAME TO applicationGone")
        #expect(try await form() == 500)
        try await sql("ALTER TABLE applicationGone RENAME TO application")
        // health, metrics, ready
        #expect(try await LoopbackClient.get(port: port, "/health").status == 200)
        #expect(try await LoopbackClient.get(port: port, "/ready").status == 200)
        #expect(try await LoopbackClient.get(port: port, "/metrics").status == 200)

        // Another server whose one worker is busy and which queues nothing: 503 from every route needing a worker.
        let full = try await TestServer(workers: 1, queue: 0)
        let gate = WorkerPoolTests.Gate()
        let blocker = Task { try await full.core.pool.run { _ in gate.release.wait() } }
        try await waitUntil { full.core.pool.busy == 1 }
        #expect(try await LoopbackClient.post(port: full.port, "/rpc", #"{"jsonrpc":"2.0","id":1,"method":"exam.list"}"#).status == 503)
        #expect(try await self.notify(full.port, paying) == 503)
        #expect(try await self.form(full.port) == 503)
        #expect(try await LoopbackClient.get(port: full.port, "/ready").status == 503)
        gate.release.signal()
        try await blocker.value

        let metrics = server.core.metrics.text() + "\n" + full.core.metrics.text()
        for endpoint in Endpoint.allCases {
            let prefix = #"baokao_http_requests_total{route="\#(endpoint.path)",status=""#
            let answered = Set(metrics.split(separator: "\n").compactMap { line -> Int? in
                guard line.hasPrefix(prefix) else { return nil }
                return Int(line.dropFirst(prefix.count).prefix(while: { $0 != "\"" }))
            })
            #expect(answered == endpoint.statuses, "\(endpoint.path): answered \(answered.sorted()), documented \(endpoint.statuses.sorted())")
        }
        try await server.stop()
        try await full.stop()
    }
}
