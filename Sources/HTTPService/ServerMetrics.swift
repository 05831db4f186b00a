import Foundation
import Prometheus
import Service

/// What `GET /metrics` shows, in Prometheus' text format (swift-prometheus):
/// - `baokao_http_requests_total{route, status}` and `baokao_http_request_duration_seconds{route}` per route
///   pattern (`/rpc`, `/forms/{number}.pdf`, … and `unmatched`), so a path full of ids adds no series;
/// - `baokao_rpc_requests_total{method}`, `baokao_rpc_errors_total{method, code}` and
///   `baokao_rpc_duration_seconds{method}` per JSON-RPC method, batch members and the methods behind the
///   payment and form routes included; an unknown method name counts as `unknown` (a caller chooses it);
/// - `baokao_worker_rejections_total`: requests refused `503` because the worker pool was full;
/// - `baokao_worker_busy` and `baokao_worker_queued`: jobs running on the pool's threads and waiting for one,
///   as at the scrape (how near the pool is to refusing);
/// - `baokao_http_undocumented_answers_total{route, status}`: answers with a status `Endpoint` (and so
///   Docs/openapi.json) does not list for the route — a client may not expect it; the tests require none.
public final class ServerMetrics: Sendable {
    public let registry = PrometheusCollectorRegistry()

    /// Seconds: a captcha takes a millisecond, a login a third of a second, a form a few hundred ms.
    static let buckets: [Double] = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10]

    public init() {
        // Present from the start, so a scrape before the first refusal sees 0 rather than nothing.
        _ = registry.makeCounter(descriptor: ServerMetrics.rejections)
    }

    nonisolated(unsafe) private static let httpRequests = MetricNameDescriptor(namespace: "baokao", subsystem: "http", metricName: "requests", unitName: "total",
                                                           helpText: "HTTP requests answered, by route pattern and status.")
    nonisolated(unsafe) private static let httpDuration = MetricNameDescriptor(namespace: "baokao", subsystem: "http", metricName: "request_duration", unitName: "seconds",
                                                           helpText: "Time to answer an HTTP request, by route pattern.")
    nonisolated(unsafe) private static let rpcRequests = MetricNameDescriptor(namespace: "baokao", subsystem: "rpc", metricName: "requests", unitName: "total",
                                                          helpText: "JSON-RPC requests decided, by method.")
    nonisolated(unsafe) private static let rpcErrors = MetricNameDescriptor(namespace: "baokao", subsystem: "rpc", metricName: "errors", unitName: "total",
                                                        helpText: "JSON-RPC requests answered with an error, by method and JSON-RPC error code.")
    nonisolated(unsafe) private static let rpcDuration = MetricNameDescriptor(namespace: "baokao", subsystem: "rpc", metricName: "duration", unitName: "seconds",
                                                          helpText: "From a JSON-RPC request read to its outcome committed, by method.")
    nonisolated(unsafe) private static let rejections = MetricNameDescriptor(namespace: "baokao", subsystem: "worker", metricName: "rejections", unitName: "total",
                                                         helpText: "Requests answered 503 because every worker was busy and the queue full.")

    public func recordHTTP(route: String, status: Int, seconds: Double) {
        registry.makeCounter(descriptor: ServerMetrics.httpRequests, labels: [("route", route), ("status", String(status))]).increment()
        registry.makeValueHistogram(descriptor: ServerMetrics.httpDuration, labels: [("route", route)], buckets: ServerMetrics.buckets)
            .record(seconds)
    }

    /// Called on the worker threads, by `BaokaoService.requestObserver`.
    public func recordRPC(_ request: FinishedRequest) {
        let method = request.method ?? "unknown"
        registry.makeCounter(descriptor: ServerMetrics.rpcRequests, labels: [("method", method)]).increment()
        if let code = request.errorCode {
            registry.makeCounter(descriptor: ServerMetrics.rpcErrors, labels: [("method", method), ("code", String(code))]).increment()
        }
        registry.makeValueHistogram(descriptor: ServerMetrics.rpcDuration, labels: [("method", method)], buckets: ServerMetrics.buckets)
            .record(request.seconds)
    }

    nonisolated(unsafe) private static let undocumented = MetricNameDescriptor(namespace: "baokao", subsystem: "http", metricName: "undocumented_answers", unitName: "total",
                                                           helpText: "HTTP answers whose status the published API (Docs/openapi.json) does not list for the route.")
    private let undocumentedLock = NSLock()
    nonisolated(unsafe) private var undocumentedSeen: Set<String> = []

    public func recordUndocumented(route: String, status: Int) {
        registry.makeCounter(descriptor: ServerMetrics.undocumented, labels: [("route", route), ("status", String(status))]).increment()
        undocumentedLock.withLock { _ = undocumentedSeen.insert("\(route) \(status)") }
    }

    /// The `route status` pairs answered so far that the API does not list (the tests require none).
    public var undocumentedAnswers: Set<String> { undocumentedLock.withLock { undocumentedSeen } }

    nonisolated(unsafe) private static let busy = MetricNameDescriptor(namespace: "baokao", subsystem: "worker", metricName: "busy",
                                                   helpText: "Jobs running on the worker threads at the scrape.")
    nonisolated(unsafe) private static let queued = MetricNameDescriptor(namespace: "baokao", subsystem: "worker", metricName: "queued",
                                                     helpText: "Jobs waiting for a worker thread at the scrape.")

    /// The pool's load at a scrape.
    public func recordPool(busy: Int, queued: Int) {
        registry.makeGauge(descriptor: ServerMetrics.busy).set(Double(busy))
        registry.makeGauge(descriptor: ServerMetrics.queued).set(Double(queued))
    }

    public func recordRejection() {
        registry.makeCounter(descriptor: ServerMetrics.rejections).increment()
    }

    /// The exposition text.
    public func text() -> String { registry.emitToString() }
}
