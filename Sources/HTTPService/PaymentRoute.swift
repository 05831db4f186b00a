import HTTPTypes
import Hummingbird
import NIOCore
import Service

/// `POST /payment/notify/{gateway}`: the payment gateway's callback, its raw body and its signature header
/// (`X-Payment-Signature`: the lowercase hex HMAC-SHA256 of the body's bytes under the payment key), handed to
/// `payment.notify` as `body` and `signature` — the same checks, the same idempotence, the same audit.
///
/// A gateway retries a notification until it gets a `2xx`, so the status says what retrying can change:
/// - `200` paid, and `200` again for a duplicate (`duplicate: true`): stop retrying;
/// - `400` a body that is not the gateway's JSON, `403` a bad or missing signature, `404` an unknown order or
///   gateway, `409` an order that can no longer be paid, `422` an amount that is not the order's: retrying
///   the same bytes cannot succeed;
/// - `503` (with `Retry-After`) no payment key configured yet, the database busy or the workers full, `500`
///   an internal error: nothing was recorded, and the retry will be honoured.
struct PaymentRoute: Sendable {
    let server: ServerCore
    static let signatureHeader = HTTPField.Name("X-Payment-Signature")!

    func respond(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        let gateway = context.parameters.get("gateway") ?? ""
        guard server.configuration.paymentGateways.contains(gateway) else {
            return Answer.error(["code": "gateway-unknown", "message": .string("no payment gateway named \(gateway)")], status: .notFound)
        }
        let bytes = Array(buffer: try await request.body.collect(upTo: context.maxUploadSize))
        guard let signature = request.headers[PaymentRoute.signatureHeader], !signature.isEmpty else {
            return Answer.error(["code": "signature-missing", "message": "the X-Payment-Signature header is missing"], status: .forbidden)
        }
        // The signature covers the bytes; bytes that are not UTF-8 are not the gateway's JSON.
        guard let body = String(validating: bytes, as: UTF8.self) else {
            return Answer.error(["code": "body-not-utf8", "message": "the notification body is not UTF-8 text"], status: .badRequest)
        }
        let client = server.client(of: request, context)
        let response = try await server.run { service in
            service.call("payment.notify", ["body": .string(body), "signature": .string(signature)], id: .string("http:\(gateway)"), client: client)
        }
        if let result = response["result"] { return Answer.json(result) }
        let error = response["error"] ?? .null
        switch error["data"]?["code"]?.stringValue {
        case "payment-signature-invalid": return Answer.error(error, status: .forbidden)
        case "payment-not-found": return Answer.error(error, status: .notFound)
        case "payment-amount-mismatch": return Answer.error(error, status: .unprocessableContent)
        case "illegal-transition": return Answer.error(error, status: .conflict)
        case "payment-not-configured": return Answer.error(error, status: .serviceUnavailable, headers: [.retryAfter: "60"])
        case "server-busy": return Answer.busy(error)
        default:
            return Answer.error(error, status: error["code"]?.intValue == -32602 ? .badRequest : .internalServerError)
        }
    }
}
