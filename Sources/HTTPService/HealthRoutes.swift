import HTTPTypes
import Hummingbird
import Persistence
import Service

/// `GET /health`, `GET /ready`, `GET /metrics`: what a load balancer and Prometheus ask.
struct HealthRoutes: Sendable {
    let server: ServerCore

    /// The process is up and answering HTTP: no worker, no database.
    func health(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        Answer.text("ok\n")
    }

    /// The database answers a trivial read, run on a worker like any request: `503` when it cannot be read,
    /// and (by the pool) when every worker is busy and the queue full — an instance that cannot take work
    /// now is not ready for more.
    func ready(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        let failure: String? = try await server.run { service in
            do {
                _ = try service.store.read { try $0.fetchValue("SELECT COUNT(*) FROM setting") }
                return nil
            } catch {
                return String(describing: error).prefix(200).description
            }
        }
        if let failure { return Answer.text("database unavailable: \(failure)\n", status: .serviceUnavailable) }
        return Answer.text("ready\n")
    }

    func metrics(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        server.metrics.recordPool(busy: server.pool.busy, queued: server.pool.waiting)
        return Answer.text(server.metrics.text(), contentType: "text/plain; version=0.0.4; charset=utf-8")
    }
}

/// Counts every answer by route pattern and status, times it, and turns a full worker pool into `503`.
///
/// It wraps the router's whole responder rather than sitting in its middleware: a path no route matches
/// never reaches the middleware, and it must be counted too (as `unmatched`).
struct MeteredResponder<Inner: HTTPResponder>: HTTPResponder where Inner.Context == BaokaoRequestContext {
    let inner: Inner
    let server: ServerCore

    func respond(to request: Request, context: BaokaoRequestContext) async throws -> Response {
        let started = ContinuousClock.now
        func record(_ status: HTTPResponse.Status) {
            let elapsed = ContinuousClock.now - started
            let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            // Hummingbird names a path no route matched "NotFound".
            let route = context.endpointPath.flatMap { $0 == "NotFound" ? nil : $0 } ?? "unmatched"
            server.metrics.recordHTTP(route: route, status: status.code, seconds: seconds)
            if let endpoint = Endpoint.matching(path: route), !endpoint.statuses.contains(status.code) {
                server.metrics.recordUndocumented(route: route, status: status.code)
            }
        }
        do {
            let response = try await inner.respond(to: request, context: context)
            record(response.status)
            return response
        } catch is WorkerPool.Saturated {
            server.metrics.recordRejection()
            let response = Answer.saturated(retryAfter: server.configuration.retryAfterSeconds)
            record(response.status)
            return response
        } catch let error as any HTTPResponseError {
            record(error.status)
            throw error
        } catch {
            record(.internalServerError)
            throw error
        }
    }
}
