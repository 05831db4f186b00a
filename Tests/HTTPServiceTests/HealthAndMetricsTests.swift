import Foundation
import Service
import Testing

/// `GET /health`, `GET /ready`, `GET /metrics`.
@Suite struct HealthAndMetricsTests {
    @Test func healthAndReadinessAnswer200WhileTheDatabaseReads() async throws {
        let server = try await TestServer()
        let health = try await LoopbackClient.get(port: server.port, "/health")
        #expect(health.status == 200 && health.text == "ok\n")
        let ready = try await LoopbackClient.get(port: server.port, "/ready")
        #expect(ready.status == 200 && ready.text == "ready\n")
        try await server.stop()
    }

    @Test func readinessIs503WhenTheDatabaseCannotBeRead() async throws {
        let server = try await TestServer()
        // The schema's table gone: the trivial read fails as a lost database would.
        try await server.store.pool.write { try $0.execute(sql: "PRAGMA foreign_keys = OFF; DROP TABLE setting") }
        let ready = try await LoopbackClient.get(port: server.port, "/ready")
        #expect(ready.status == 503)
        #expect(ready.text.hasPrefix("database unavailable"))
        #expect(try await LoopbackClient.get(port: server.port, "/health").status == 200)
        try await server.stop()
    }

    @Test func metricsCountRequestsErrorsAndDurationsPerMethodAndRoute() async throws {
        let server = try await TestServer()
        for _ in 0..<3 { expectNoError(try await server.call("captcha.issue")) }
        #expect(try await server.call("nope.nope")["error"]?["code"] == -32601)
        let batch = try await LoopbackClient.post(port: server.port, "/rpc", #"[{"jsonrpc":"2.0","id":1,"method":"exam.list"},{"jsonrpc":"2.0","id":2,"method":"account.profile","params":{"token":"x"}}]"#)
        #expect(batch.status == 200)
        #expect(try await LoopbackClient.get(port: server.port, "/forms/BK2026110000000001.pdf").status == 401)
        #expect(try await LoopbackClient.get(port: server.port, "/no/such/route").status == 404)

        let metrics = try await LoopbackClient.get(port: server.port, "/metrics")
        #expect(metrics.status == 200)
        #expect(metrics.headers["content-type"] == "text/plain; version=0.0.4; charset=utf-8")
        let samples = PrometheusText(metrics.text)
        #expect(samples[#"baokao_rpc_requests_total{method="captcha.issue"}"#] == 3)
        #expect(samples[#"baokao_rpc_requests_total{method="exam.list"}"#] == 1)
        #expect(samples[#"baokao_rpc_requests_total{method="unknown"}"#] == 1)
        #expect(samples[#"baokao_rpc_errors_total{method="unknown",code="-32601"}"#] == 1)
        #expect(samples[#"baokao_rpc_errors_total{method="account.profile",code="-32017"}"#] == 1)
        #expect(samples[#"baokao_rpc_errors_total{method="captcha.issue",code="-32601"}"#] == nil)
        #expect(samples[#"baokao_rpc_duration_seconds_count{method="captcha.issue"}"#] == 3)
        #expect(samples[#"baokao_rpc_duration_seconds_bucket{method="captcha.issue",le="+Inf"}"#] == 3)
        #expect(samples[#"baokao_http_requests_total{route="/rpc",status="200"}"#] == 5)
        #expect(samples[#"baokao_http_requests_total{route="/forms/{number}.pdf",status="401"}"#] == 1)
        #expect(samples[#"baokao_http_requests_total{route="unmatched",status="404"}"#] == 1)
        #expect(samples[#"baokao_http_request_duration_seconds_count{route="/rpc"}"#] == 5)
        #expect(samples["baokao_worker_rejections_total"] == 0)
        #expect(samples["baokao_worker_busy"] == 0, "the scrape itself does not run on the pool")
        #expect(samples["baokao_worker_queued"] == 0)
        #expect(metrics.text.contains("# TYPE baokao_rpc_duration_seconds histogram"))
        // The form route's method counts too (it runs application.form).
        #expect(samples[#"baokao_rpc_requests_total{method="application.form"}"#] == nil, "no session: the method never ran")
        try await server.stop()
    }
}

/// The samples of a Prometheus text exposition, by series (name and labels as written).
struct PrometheusText {
    private var values: [String: Double] = [:]

    init(_ text: String) {
        for line in text.split(separator: "\n") where !line.hasPrefix("#") {
            guard let space = line.lastIndex(of: " "), let value = Double(line[line.index(after: space)...]) else { continue }
            values[String(line[..<space])] = value
        }
    }

    subscript(series: String) -> Double? { values[series] }
}
