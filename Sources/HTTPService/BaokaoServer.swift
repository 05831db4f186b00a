import Foundation
import Hummingbird
import Logging
import NIOCore
import Persistence
import Service
import ServiceLifecycle
import UnixSignals

/// The service over HTTP: the routes on Hummingbird, the blocking work on a `WorkerPool`.
///
/// `run()` serves until SIGTERM or SIGINT (or `shutdown()`), then shuts down gracefully: no new connection is
/// taken, the requests in flight are answered — their effects are committed before their answers, as over
/// stdio — and then the worker threads end and `run()` returns.
public final class BaokaoServer: Sendable {
    public let core: ServerCore
    let log: ServiceLog
    let clock: any ServiceClock
    private let group = LockedGroup()

    public init(core: ServerCore, log: ServiceLog, clock: any ServiceClock) {
        self.core = core
        self.log = log
        self.clock = clock
    }

    /// The routes of `Endpoint`, for `run` and for tests that look at them.
    public func router() -> Router<BaokaoRequestContext> {
        let router = Router(context: BaokaoRequestContext.self)
        let rpc = RPCRoute(server: core), payment = PaymentRoute(server: core), forms = FormRoute(server: core)
        let health = HealthRoutes(server: core)
        for endpoint in Endpoint.allCases {
            let handler: @Sendable (Request, BaokaoRequestContext) async throws -> Response = switch endpoint {
            case .rpc: rpc.respond
            case .paymentNotify: payment.respond
            case .form: forms.respond
            case .health: health.health
            case .ready: health.ready
            case .metrics: health.metrics
            }
            router.on(RouterPath(endpoint.path), method: endpoint.method, use: handler)
        }
        return router
    }

    /// Serves until a graceful shutdown (`signals`, or `shutdown()`); `onListening` is told the port bound.
    public func run(signals: [UnixSignal] = [.sigterm, .sigint], onListening: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        var logger = Logger(label: "baokao-server")
        logger.logLevel = .warning
        let configuration = core.configuration
        let log = self.log, clock = self.clock, core = self.core
        let application = Application(
            responder: MeteredResponder(inner: router().buildResponder(), server: core),
            configuration: ApplicationConfiguration(address: .hostname(configuration.host, port: configuration.port), serverName: "baokao-server"),
            onServerRunning: { channel in
                let port = channel.localAddress?.port ?? configuration.port
                log.write("listening", at: clock.now(), [
                    "host": .string(configuration.host), "port": .int(port), "workers": .int(core.pool.workers),
                    "queue": .int(core.pool.queueCapacity),
                ])
                await onListening(port)
            },
            logger: logger
        )
        let serviceGroup = ServiceGroup(configuration: ServiceGroupConfiguration(
            services: [.init(service: application)], gracefulShutdownSignals: signals, logger: logger))
        let stopEarly = group.set(serviceGroup)
        if stopEarly { await serviceGroup.triggerGracefulShutdown() }
        defer { group.clear() }
        do {
            try await serviceGroup.run()
        } catch {
            await drainWorkers()
            throw error
        }
        await drainWorkers()
    }

    /// Begins the graceful shutdown a signal would (tests; an embedding program).
    public func shutdown() async {
        if let serviceGroup = group.requestShutdown() { await serviceGroup.triggerGracefulShutdown() }
    }

    /// Ends the worker threads once what they hold is done, off the cooperative pool (it blocks).
    private func drainWorkers() async {
        let pool = core.pool
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            Thread.detachNewThread {
                pool.shutdown()
                continuation.resume()
            }
        }
    }
}

/// The running service group, so `shutdown()` can reach it; a shutdown asked before `run` starts is kept.
private final class LockedGroup: @unchecked Sendable {
    private let lock = NSLock()
    private var group: ServiceGroup?
    private var shutdownRequested = false

    /// Stores the group; true when a shutdown was asked for already.
    func set(_ group: ServiceGroup) -> Bool {
        lock.withLock {
            self.group = group
            return shutdownRequested
        }
    }

    func clear() { lock.withLock { group = nil } }

    func requestShutdown() -> ServiceGroup? {
        lock.withLock {
            shutdownRequested = true
            return group
        }
    }
}
