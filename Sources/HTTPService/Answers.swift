import HTTPTypes
import Hummingbird
import NIOCore
import Service

/// The shapes of the server's answers: JSON, PDF, plain text, and the `503` of a full worker pool.
enum Answer {
    static func json(_ text: String, status: HTTPResponse.Status = .ok, headers extra: HTTPFields = [:]) -> Response {
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8"]
        headers.append(contentsOf: extra)
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]) -> Response {
        json(value.serialized, status: status, headers: headers)
    }

    static func text(_ text: String, status: HTTPResponse.Status = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [.contentType: contentType], body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    /// `{"error": {code, message, data}}`: a refusal of the payment or form routes, in the service's words.
    static func error(_ error: JSONValue, status: HTTPResponse.Status, headers: HTTPFields = [:]) -> Response {
        json(["error": error], status: status, headers: headers)
    }

    /// Every worker busy and the queue full: `503` at once, with `Retry-After`, and the JSON-RPC refusal the
    /// service itself gives when its database is busy (`server-busy`: nothing was done, send it again).
    static func saturated(retryAfter seconds: Int) -> Response {
        let refusal = DomainError.serverBusy(retryAfter: seconds).rpcError
        return json(BaokaoService.errorLine(refusal), status: .serviceUnavailable, headers: [.retryAfter: String(seconds)])
    }

    /// The status of a refusal whose data says `server-busy`, with its `Retry-After`.
    static func busy(_ error: JSONValue) -> Response {
        let seconds = error["data"]?["retryAfter"]?.intValue ?? 1
        return Answer.error(error, status: .serviceUnavailable, headers: [.retryAfter: String(seconds)])
    }
}
