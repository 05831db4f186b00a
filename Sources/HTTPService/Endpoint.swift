import HTTPTypes

/// THE list of the server's routes: the router is built from it, the metrics check every answer against it,
/// and the tests hold Docs/openapi.json to it — a route or a status cannot be added to one without the others.
///
/// `statuses` is every status the route's code can answer (its handler, the worker pool's `503`, the body
/// limit's `413`); an answer with any other is counted as `baokao_http_undocumented_answers_total`.
public enum Endpoint: String, CaseIterable, Sendable {
    case rpc, paymentNotify, form, health, ready, metrics

    public var method: HTTPRequest.Method {
        switch self {
        case .rpc, .paymentNotify: .post
        case .form, .health, .ready, .metrics: .get
        }
    }

    /// The path pattern, as Hummingbird and OpenAPI both write it.
    public var path: String {
        switch self {
        case .rpc: "/rpc"
        case .paymentNotify: "/payment/notify/{gateway}"
        case .form: "/forms/{number}.pdf"
        case .health: "/health"
        case .ready: "/ready"
        case .metrics: "/metrics"
        }
    }

    /// The statuses the route answers. On a worker (all but health and metrics): `503` when the pool is full.
    /// Reading a body (rpc, payment): `413` beyond the line limit.
    public var statuses: Set<Int> {
        switch self {
        case .rpc: [200, 204, 413, 503]
        case .paymentNotify: [200, 400, 403, 404, 409, 413, 422, 500, 503]
        case .form: [200, 401, 404, 409, 500, 503]
        case .health: [200]
        case .ready: [200, 503]
        case .metrics: [200]
        }
    }

    /// The endpoint of a route pattern as Hummingbird reports it (`context.endpointPath`).
    public static func matching(path: String) -> Endpoint? {
        allCases.first { $0.path == path }
    }
}
