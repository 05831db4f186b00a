/// One JSON-RPC method whose whole work is quick: its wire name, its parameters and its result, declared
/// together. `Params` reads itself from the request (throwing `-32602` for what is missing or malformed) before
/// any transaction, `perform` runs inside the request's transaction, and `Result` writes itself back as JSON.
public protocol RPCMethod: SendableMetatype {
    associatedtype Params: RPCParams
    associatedtype Result: RPCResult
    static var name: String { get }
    /// `.read` methods run in a read transaction; everything else in a write transaction (grouped with the
    /// requests read with it, each in its own savepoint: see `RequestPipeline`).
    static var access: RPCAccess { get }
    /// True for a write method that evaluates on the rule set: the rules (loaded once, on first use) are then
    /// loaded before its transaction opens, not while it holds the write lock.
    static var usesRules: Bool { get }
    static func perform(_ params: Params, in context: RequestContext) throws -> Result
    /// The captcha this call must pass first, if any. The service checks it and records its use before
    /// `perform` runs, where nothing `perform` does can give it back: for a write, in the group's transaction
    /// outside the request's savepoint (`BaokaoService.runWriteGroup`); for a read, in a transaction of its own.
    static func captcha(_ params: Params) -> Captcha?
}

extension RPCMethod {
    public static var access: RPCAccess { .write }
    public static var usesRules: Bool { false }
    public static func captcha(_ params: Params) -> Captcha? { nil }
}

/// A method with slow work (a password or recovery-answer hash) that must not hold the write lock: every
/// other request of every process would wait behind it.
///
/// `prepare` runs first, outside any write transaction: it reads what it needs in short read snapshots
/// (`PrepareContext.read`) and does the slow work. It refuses only on what the params say, never on what it
/// read — an earlier request of the same group may change that. `apply` then runs in the write transaction:
/// it reads again, and when what the preparation rests on has changed (another password, an account that
/// appeared) it throws `PreparationStale`, and the whole method runs again from `prepare`.
public protocol PreparedRPCMethod: SendableMetatype {
    associatedtype Params: RPCParams
    associatedtype Result: RPCResult
    associatedtype Prepared
    static var name: String { get }
    static var access: RPCAccess { get }
    /// As `RPCMethod.captcha`: passed (and its use committed) before `prepare`, so a bot costs no hash.
    static func captcha(_ params: Params) -> Captcha?
    static func prepare(_ params: Params, in context: PrepareContext) throws -> Prepared
    static func apply(_ prepared: Prepared, in context: RequestContext) throws -> Result
}

extension PreparedRPCMethod {
    public static var access: RPCAccess { .write }
    public static func captcha(_ params: Params) -> Captcha? { nil }
}

/// Thrown by `PreparedRPCMethod.apply` when the state its preparation read has changed since.
public struct PreparationStale: Error {
    public let what: String
    public init(_ what: String) { self.what = what }
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

/// A method with its types erased, as the registry keeps it: a request becomes an `Apply` step — its params
/// read and its slow work done — before the transaction it runs in is opened.
///
/// Two stages: `read` only decodes the params (no store, no clock beyond the reader's date), so a transport
/// runs it where it parses the request — the stdio loop's reading thread, not the thread that holds the write
/// lock (issue #14); the `Prepare` it returns then passes the captcha and does the slow work.
public struct RegisteredMethod: Sendable {
    public typealias Apply = (RequestContext) throws -> JSONValue
    public typealias Prepare = (PrepareContext) throws -> Apply
    public let name: String
    public let access: RPCAccess
    /// True for a `PreparedRPCMethod`: its preparation hashes, so it only ever leads a group — requests read
    /// before it are not held back while it hashes.
    let preparesSlowly: Bool
    let usesRules: Bool
    /// Decodes the params into the method's own type; throws what is wrong with them.
    let read: @Sendable (ParamReader) throws(RPCError) -> Prepare
    /// Reads the params only, and says whether the call would pass a captcha: no captcha is checked,
    /// nothing prepared, no transaction (`validate(params:today:)`).
    let parse: @Sendable (ParamReader) throws(RPCError) -> Bool

    public init<M: RPCMethod>(_ method: M.Type) {
        name = M.name
        access = M.access
        preparesSlowly = false
        usesRules = M.usesRules
        parse = { reader throws(RPCError) in M.captcha(try M.Params(from: reader)) != nil }
        read = { reader throws(RPCError) in
            let params = try M.Params(from: reader)
            return { context in
                // A write's captcha is checked in its group's transaction; a read's in one of its own.
                if M.access == .write { context.require(M.captcha(params)) } else { try context.pass(M.captcha(params)) }
                return { context in try M.perform(params, in: context).json }
            }
        }
    }

    public init<M: PreparedRPCMethod>(_ method: M.Type) {
        name = M.name
        access = M.access
        preparesSlowly = true
        usesRules = false
        parse = { reader throws(RPCError) in M.captcha(try M.Params(from: reader)) != nil }
        read = { reader throws(RPCError) in
            let params = try M.Params(from: reader)
            return { context in
                try context.pass(M.captcha(params))
                let prepared = try M.prepare(params, in: context)
                return { context in try M.apply(prepared, in: context).json }
            }
        }
    }
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
