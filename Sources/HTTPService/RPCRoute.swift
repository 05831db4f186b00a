import HTTPTypes
import Hummingbird
import NIOCore
import Service

/// `POST /rpc`: the body is what `baokao serve` reads as one line — a request or a batch — and the answer's
/// body is what it would write, without the newline. A notification (or a batch of them) is `204`. JSON-RPC
/// refusals are answered `200` with the error in the body, as on stdio; HTTP statuses speak only of HTTP:
/// `413` over the line limit, `503` when the worker pool is full.
struct RPCRoute: Sendable {
    let server: ServerCore

    func respond(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        let body = try await request.body.collect(upTo: context.maxUploadSize)
        let bytes = Array(buffer: body)
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D || $0 == 0x0A }) {
            // A blank stdio line is skipped; an HTTP request with nothing in it is a message that cannot be read.
            return Answer.json(BaokaoService.errorLine(.parseError("empty body: expected a JSON-RPC request or batch")))
        }
        let client = server.client(of: request, context)
        guard let answer = try await server.run({ service in service.respond(toLine: bytes, client: client) }) else {
            return Response(status: .noContent)
        }
        return Answer.json(answer)
    }
}
