/// One JSON-RPC method: its wire name, its parameters and its result, declared together.
///
/// `Params` reads itself from the request (throwing `-32602` for what is missing or malformed), `perform`
/// runs inside the request's transaction, and `Result` writes itself back as JSON.
public protocol RPCMethod: SendableMetatype {
    associatedtype Params: RPCParams
    associatedtype Result: RPCResult
    static var name: String { get }
    /// `.read` methods run in a read transaction; everything else in one write transaction per request.
    static var access: RPCAccess { get }
    static func perform(_ params: Params, in context: RequestContext) throws -> Result
    /// The captcha this call must pass first, if any. The service checks it and records its use in a
    /// transaction of its own, committed before `perform` runs: nothing `perform` does can give it back.
    static func captcha(_ params: Params) -> Captcha?
}

extension RPCMethod {
    public static var access: RPCAccess { .write }
    public static func captcha(_ params: Params) -> Captcha? { nil }
}

public enum RPCAccess: Sendable { case read, write }

public protocol RPCParams: SendableMetatype {
    init(from params: ParamReader) throws(RPCError)
}

public protocol RPCResult: SendableMetatype {
    var json: JSONValue { get }
}

/// For methods that take nothing.
public struct NoParams: RPCParams {
    public init(from params: ParamReader) {}
}

/// For methods whose answer is only that they succeeded.
public struct Done: RPCResult {
    public init() {}
    public var json: JSONValue { ["ok": true] }
}

/// A method with its types erased, as the registry keeps it.
public struct RegisteredMethod: Sendable {
    public let name: String
    public let access: RPCAccess
    /// Reads the params (`-32602` for what is wrong) into the call to make.
    let prepare: @Sendable (ParamReader) throws(RPCError) -> PreparedCall

    public init<M: RPCMethod>(_ method: M.Type) {
        name = M.name
        access = M.access
        prepare = { reader throws(RPCError) in
            let params = try M.Params(from: reader)
            return PreparedCall(captcha: M.captcha(params)) { context in try M.perform(params, in: context).json }
        }
    }
}

/// A request whose params were read: the captcha to pass first, then the work.
struct PreparedCall {
    let captcha: Captcha?
    let perform: (RequestContext) throws -> JSONValue
}

/// The methods the service answers, by wire name. Each part of the service contributes a list
/// (`MethodRegistry.accounts`; the application workflow adds its own), so adding a part is one line.
public struct MethodRegistry: Sendable {
    private var methods: [String: RegisteredMethod] = [:]

    public init(_ lists: [[RegisteredMethod]]) {
        for method in lists.joined() {
            precondition(methods[method.name] == nil, "method \(method.name) registered twice")
            methods[method.name] = method
        }
    }

    public subscript(name: String) -> RegisteredMethod? { methods[name] }

    public var names: [String] { methods.keys.sorted() }

    /// Everything the service offers today.
    public static let standard = MethodRegistry([accounts, eligibility, applications, review])
}
