import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Persistence
import Service

/// What `baokao-server` is made of besides Hummingbird: its settings, the worker pool, the metrics.
public struct HTTPServerConfiguration: Sendable {
    /// Loopback by default: exposing the service is a decision (a load balancer in front, usually).
    public var host = "127.0.0.1"
    /// 0 picks a free port (the `listening` log line and `onListening` tell which).
    public var port = 8080
    /// Worker threads, each with its own `BaokaoService`: by default one per core.
    public var workers = ProcessInfo.processInfo.activeProcessorCount
    /// Requests that may wait for a worker; one more is refused `503` at once.
    public var queueCapacity = 64
    /// The `Retry-After` of a `503` for a full pool, in seconds.
    public var retryAfterSeconds = 1
    /// The `{gateway}` names `POST /payment/notify/{gateway}` answers; others are `404`.
    public var paymentGateways: Set<String> = ["default"]
    /// Load balancers whose `X-Forwarded-For` is believed (`ClientAddress`).
    public var trustedProxies: Set<String> = []

    public init() {}
}

/// The shared state of the routes: the pool that runs the service and the metrics it feeds.
public final class ServerCore: Sendable {
    public let configuration: HTTPServerConfiguration
    public let pool: WorkerPool
    public let metrics: ServerMetrics
    let clientAddress: ClientAddress

    /// Starts the worker threads: `workers` services on `store`, sharing the configuration, clock and log.
    public init(configuration: HTTPServerConfiguration, store: any ServiceStore, service: ServiceConfiguration,
                clock: any ServiceClock, log: ServiceLog, metrics: ServerMetrics = ServerMetrics())
    {
        self.configuration = configuration
        self.metrics = metrics
        clientAddress = ClientAddress(trustedProxies: configuration.trustedProxies)
        pool = WorkerPool(workers: configuration.workers, queueCapacity: configuration.queueCapacity) { _ in
            let worker = BaokaoService(store: store, configuration: service, clock: clock, log: log)
            worker.requestObserver = { metrics.recordRPC($0) }
            return worker
        }
    }

    /// Runs `job` on a worker with its service; throws `WorkerPool.Saturated` (answered `503`) when full.
    func run<T: Sendable>(_ job: @escaping @Sendable (BaokaoService) -> T) async throws -> T {
        try await pool.run(job)
    }

    /// The client of a request for the service: the peer's IP, or behind a trusted proxy the one it saw.
    func client(of request: Request, _ context: BaokaoRequestContext) -> String? {
        clientAddress.resolve(peer: context.remoteAddress?.ipAddress, forwardedFor: request.headers[values: .xForwardedFor])
    }
}

extension HTTPField.Name {
    static let xForwardedFor = HTTPField.Name("X-Forwarded-For")!
}
