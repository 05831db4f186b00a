/// A JSON-RPC error object: the protocol errors of the specification and the service's domain errors.
///
/// Protocol errors (`-32700` … `-32603`) say the message itself was wrong; `DomainError` (from `-32000` down)
/// says the request was understood and refused, with a stable `error.data.code` and a Chinese message.
public struct RPCError: Error, Equatable, Sendable {
    public let code: Int
    public let message: String
    public let data: JSONValue?

    public init(code: Int, message: String, data: JSONValue? = nil) {
        self.code = code
        self.message = message
        self.data = data
    }

    /// `-32700`, always answered with `id: null`; the parser's own words go in `data`.
    public static func parseError(_ detail: String) -> RPCError {
        RPCError(code: -32700, message: "Parse error", data: .string(detail))
    }

    public static func invalidRequest(_ detail: String) -> RPCError {
        RPCError(code: -32600, message: "Invalid Request", data: .string(detail))
    }

    public static func methodNotFound(_ name: String) -> RPCError {
        RPCError(code: -32601, message: "Method not found", data: .string("no method named \(name)"))
    }

    /// `-32602` naming the offending field (a dotted path such as `education[0].level`) and why, with the
    /// stable code of the rule it broke (`missing-field`, `wrong-type`, or a vocabulary code such as
    /// `id-check-digit`) and a message a candidate can act on.
    public static func invalidParams(field: String, code: String, message: String) -> RPCError {
        RPCError(code: -32602, message: message, data: ["field": .string(field), "code": .string(code)])
    }

    public static let internalError = RPCError(
        code: -32603, message: "系统繁忙，请稍后再试", data: ["code": "internal"])

    public var json: JSONValue {
        var members: [String: JSONValue] = ["code": .int(code), "message": .string(message)]
        if let data { members["data"] = data }
        return .object(members)
    }
}
