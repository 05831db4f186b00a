/// The published API: an OpenRPC 1.2.6 document of every method the service answers, generated from the
/// method catalogue and the registry (`baokao openrpc`; checked in as `Docs/openrpc.json`, which a test
/// compares byte for byte with what this writes).
public enum OpenRPCDocument {
    public static let openRPCVersion = "1.2.6"
    /// The version of the API described: raise it when a method's params, result or errors change.
    public static let apiVersion = "1.0.0"

    /// The document for the methods of `registry`, described by `catalog`. A registered method without a
    /// description is left out here and caught by the tests (`MethodCatalogTests`).
    public static func make(registry: MethodRegistry = .standard, catalog: [MethodDescription] = MethodCatalog.all) -> JSONValue {
        let methods: [JSONValue] = registry.names.compactMap { name in
            guard let method = registry[name], let description = catalog.first(where: { $0.name == name }) else { return nil }
            return json(description, access: method.access)
        }
        return [
            "openrpc": .string(openRPCVersion),
            "info": [
                "title": "Baokao registration service (报考网上报名服务)",
                "version": .string(apiVersion),
                "description": .string(info),
                "license": ["name": "See the repository's README"],
            ],
            "servers": [["name": "baokao serve", "url": "stdio:baokao-serve",
                         "summary": "JSON-RPC 2.0, one message per line on stdin/stdout (INTERFACE.md §3)."]],
            "methods": .array(methods),
        ]
    }

    static let info = """
        The JSON-RPC 2.0 methods of `baokao serve` (INTERFACE.md §3), generated from the code by `baokao openrpc`. \
        Params are by name (one object). Refusals: -32602 names the field (`error.data.field`, with a reason in \
        `error.data.code`); domain refusals use codes from -32000 down with a stable `error.data.code` string and a \
        Chinese `error.message` for the candidate (the error objects here carry an English summary as `message`); \
        -32603 is an internal error (nothing was done). \
        Extensions: `x-access` (read: a read transaction, write), `x-caller` (the credential a call carries), \
        `x-captcha`, `x-summary-zh`, `x-param-rules` (rules across members that the schemas do not say).
        """

    static func json(_ d: MethodDescription, access: RPCAccess) -> JSONValue {
        var method: [String: JSONValue] = [
            "name": .string(d.name),
            "summary": .string(d.summary),
            "paramStructure": "by-name",
            "params": .array(d.params.map { p in
                // The description once, on the param, not again on its schema.
                var schema = p.schema
                schema.description = nil
                return ["name": .string(p.name), "required": .bool(p.required), "schema": schema.json,
                        "description": p.schema.description.map(JSONValue.string) ?? ""]
            }),
            "result": ["name": "result", "schema": d.result.json],
            "errors": .array(errors(d)),
            "x-summary-zh": .string(d.summaryChinese),
            "x-access": .string(access == .read ? "read" : "write"),
            "x-caller": .string(d.caller.rawValue),
        ]
        if let detail = d.detail { method["description"] = .string(detail) }
        switch d.captcha {
        case .never: method["x-captcha"] = "never"
        case .always: method["x-captcha"] = "always"
        case .when(let condition): method["x-captcha"] = .string("when " + condition)
        }
        if !d.cases.isEmpty {
            method["x-param-rules"] = .array(d.cases.filter { $0.refusedField != nil }.map { c in
                ["rule": .string(c.rule), "field": .string(c.refusedField!)]
            })
        }
        return .object(method)
    }

    /// -32602 for a method with params, then its domain refusals.
    static func errors(_ d: MethodDescription) -> [JSONValue] {
        var errors: [JSONValue] = []
        if !d.params.isEmpty {
            errors.append(["code": -32602, "message": "Invalid params",
                           "data": ["field": "the member in question, e.g. education[0].graduated", "code": "why, e.g. missing-field"]])
        }
        for code in d.errors {
            errors.append(["code": .int(code.number), "message": .string(code.summary), "data": ["code": .string(code.rawValue)]])
        }
        return errors
    }
}
