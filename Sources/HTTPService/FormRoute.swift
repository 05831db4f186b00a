import Foundation
import HTTPTypes
import Hummingbird
import NIOCore
import Service

/// `GET /forms/{number}.pdf` with `Authorization: Bearer <session token>`: the candidate's registration form,
/// `application/pdf`, made by `application.form` — the same checks, states and PDF bytes.
///
/// The number is the one printed on the form (`BK` + year + province + application id). The answer never
/// tells whether another candidate's number exists: any number that is not an application of the token's
/// account is `404`, exactly like an application that does not exist. Without a valid session it is `401`
/// (with `WWW-Authenticate`), before anything about the number is looked at. A form not printable yet is
/// `409` with the service's refusal (the state). The PDF is personal data: `Cache-Control: no-store`.
struct FormRoute: Sendable {
    let server: ServerCore

    func respond(_ request: Request, _ context: BaokaoRequestContext) async throws -> Response {
        guard let token = FormRoute.bearerToken(request.headers[.authorization]) else {
            return FormRoute.unauthorized(["code": "session-required", "message": "Authorization: Bearer <session token> is required"], invalidToken: false)
        }
        let number = context.parameters.get("number") ?? ""
        let application = FormRoute.applicationID(number)
        let client = server.client(of: request, context)
        // An unreadable number still goes to the service (as application 0, which no one owns): the session is
        // checked first, so a bad token gets 401 and a good one 404, whatever the number looks like.
        let response = try await server.run { service in
            service.call("application.form", ["token": .string(token), "application": .int(Int(application ?? 0))],
                         id: "http:form", client: client)
        }
        if let result = response["result"] {
            guard result["applicationNumber"]?.stringValue == number,
                  let base64 = result["pdf"]?.stringValue, let pdf = Data(base64Encoded: base64)
            else {
                // The id is the account's but the year or province in the number is not this form's.
                return FormRoute.notFound
            }
            return Response(status: .ok, headers: [
                .contentType: "application/pdf",
                .contentDisposition: "inline; filename=\"\(number).pdf\"",
                .cacheControl: "no-store",
                HTTPField.Name("X-Content-Type-Options")!: "nosniff",
            ], body: ResponseBody(byteBuffer: ByteBuffer(bytes: pdf)))
        }
        let error = response["error"] ?? .null
        switch error["data"]?["code"]?.stringValue {
        case "session-invalid": return FormRoute.unauthorized(error, invalidToken: true)
        case "application-not-found": return FormRoute.notFound
        case "form-not-available": return Answer.error(error, status: .conflict)
        case "rules-unavailable": return Answer.error(error, status: .serviceUnavailable, headers: [.retryAfter: "60"])
        case "server-busy": return Answer.busy(error)
        default:
            if error["code"]?.intValue == -32602, error["data"]?["field"] == "token" { return FormRoute.unauthorized(error, invalidToken: true) }
            if error["code"]?.intValue == -32602, error["data"]?["field"] == "application" { return FormRoute.notFound }
            return Answer.error(error, status: .internalServerError)
        }
    }

    /// The token of `Authorization: Bearer <token>` (the scheme in any case, RFC 7235), or nil.
    static func bearerToken(_ header: String?) -> String? {
        guard let header else { return nil }
        let parts = header.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: true)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let token = parts[1].trimmingCharacters(in: .whitespaces)
        return token.isEmpty ? nil : token
    }

    /// `BK2026110000000042` → 42: `BK`, four digits of year, six of province, then the id (at least six digits).
    static func applicationID(_ number: String) -> Int64? {
        let utf8 = Array(number.utf8)
        guard utf8.count >= 18, utf8.count <= 30, utf8[0] == UInt8(ascii: "B"), utf8[1] == UInt8(ascii: "K"),
              utf8[2...].allSatisfy({ $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") })
        else { return nil }
        return Int64(String(decoding: utf8[12...], as: UTF8.self)).flatMap { $0 > 0 ? $0 : nil }
    }

    /// One answer for every number that is not the caller's form, whatever the reason.
    static var notFound: Response {
        Answer.error(DomainError(.applicationNotFound, "报名记录不存在").rpcError.json, status: .notFound)
    }

    static func unauthorized(_ error: JSONValue, invalidToken: Bool) -> Response {
        let challenge = invalidToken ? "Bearer realm=\"baokao\", error=\"invalid_token\"" : "Bearer realm=\"baokao\""
        return Answer.error(error, status: .unauthorized, headers: [.wwwAuthenticate: challenge])
    }
}
