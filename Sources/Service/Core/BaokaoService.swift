import Foundation
import GRDB
import Persistence
import Vocabulary

/// The JSON-RPC 2.0 service: one line in, at most one line out.
///
/// Each request runs in its own transaction (a write transaction unless the method is read-only), and its
/// answer is produced only after that transaction has committed — `Store` commits with `synchronous = FULL`,
/// so whatever has been answered survives a crash. A batch runs its members one after another, each in its
/// own transaction, and answers with one array once all are done.
public final class BaokaoService: @unchecked Sendable {
    public let store: Store
    public let configuration: ServiceConfiguration
    public let clock: any ServiceClock
    public let log: ServiceLog
    public let methods: MethodRegistry

    public init(store: Store, configuration: ServiceConfiguration = ServiceConfiguration(),
                clock: any ServiceClock = SystemClock(), log: ServiceLog = .discard,
                methods: MethodRegistry = .standard)
    {
        self.store = store
        self.configuration = configuration
        self.clock = clock
        self.log = log
        self.methods = methods
    }

    /// The answer to one frame of input (without the newline), or nil when nothing is to be answered
    /// (a notification, a batch of notifications, a blank line).
    public func respond(to frame: LineFramer.Frame) -> String? {
        switch frame {
        case .oversized(let count):
            log.write("refused", at: clock.now(), ["reason": "line-too-long", "bytes": .int(count)])
            let error = RPCError.invalidRequest("line of \(count) bytes exceeds the limit of \(LineFramer.defaultMaximumLineLength) bytes; discarded")
            return BaokaoService.errorResponse(id: .null, error).serialized
        case .line(let bytes):
            return respond(toLine: bytes)
        }
    }

    public func respond(toLine bytes: [UInt8]) -> String? {
        if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return nil }
        let message: JSONValue
        do {
            message = try JSONParser.parse(bytes)
        } catch {
            log.write("refused", at: clock.now(), ["reason": "parse-error", "rpcCode": -32700])
            return BaokaoService.errorResponse(id: .null, .parseError(error.description)).serialized
        }
        if case .array(let items) = message {
            guard !items.isEmpty else {
                return BaokaoService.errorResponse(id: .null, .invalidRequest("empty batch")).serialized
            }
            let answers = items.compactMap(handle)
            return answers.isEmpty ? nil : JSONValue.array(answers).serialized
        }
        return handle(message)?.serialized
    }

    /// Calls a method in-process, as a request with `id` would; returns the whole response object.
    @discardableResult
    public func call(_ method: String, _ params: JSONValue = [:], id: JSONValue = 1) -> JSONValue {
        handle(["jsonrpc": "2.0", "method": .string(method), "params": params, "id": id]) ?? .null
    }

    /// One request object → its response, or nil for a notification.
    func handle(_ message: JSONValue) -> JSONValue? {
        guard case .object(let request) = message else {
            return BaokaoService.errorResponse(id: .null, .invalidRequest("a request must be an object, found \(message.typeName)"))
        }
        // The id, when it is a valid one, is echoed even in an invalid-request answer.
        let id: JSONValue? = request["id"]
        var echoedID = JSONValue.null
        switch id {
        case nil, .null?, .string?, .number?: echoedID = id ?? .null
        case let other?:
            return BaokaoService.errorResponse(id: .null, .invalidRequest("id must be a string, a number or null, found \(other.typeName)"))
        }
        guard request["jsonrpc"] == .string("2.0") else {
            return BaokaoService.errorResponse(id: echoedID, .invalidRequest("\"jsonrpc\" must be \"2.0\""))
        }
        guard case .string(let name)? = request["method"] else {
            return BaokaoService.errorResponse(id: echoedID, .invalidRequest("\"method\" must be a string"))
        }
        let isNotification = id == nil
        let result = execute(name, params: request["params"], id: id)
        if isNotification { return nil }
        switch result {
        case .success(let value): return ["jsonrpc": "2.0", "id": echoedID, "result": value]
        case .failure(let error): return BaokaoService.errorResponse(id: echoedID, error)
        }
    }

    private func execute(_ name: String, params: JSONValue?, id: JSONValue?) -> Result<JSONValue, RPCError> {
        let started = DispatchTime.now()
        let now = clock.now()
        let requestID = id?.serialized
        // Only a known method's name is logged: a client could put anything in an unknown one.
        var fields: [String: JSONValue] = ["method": methods[name] == nil ? "(unknown)" : .string(name)]
        switch id {
        case .string(let text)?: fields["id"] = .string(String(text.prefix(100)))
        case .number(let literal)?: fields["id"] = literal.count <= 20 ? .number(literal) : .string(String(literal.prefix(20)) + "…")
        default: break
        }
        let result = run(name, params: params, requestID: requestID, now: now, fields: &fields)
        switch result {
        case .success: fields["outcome"] = "ok"
        case .failure(let error):
            fields["outcome"] = "error"
            fields["rpcCode"] = .int(error.code)
            if case .object(let data)? = error.data, let code = data["code"] { fields["code"] = code }
            if case .object(let data)? = error.data, let field = data["field"] { fields["field"] = field }
        }
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started.uptimeNanoseconds) / 1e6
        fields["ms"] = .number(String(format: "%.2f", elapsed))
        log.write("request", at: now, fields)
        return result
    }

    private func run(_ name: String, params: JSONValue?, requestID: String?, now: Date,
                     fields: inout [String: JSONValue]) -> Result<JSONValue, RPCError>
    {
        guard let method = methods[name] else { return .failure(.methodNotFound(name)) }
        let reader: ParamReader
        do { reader = try ParamReader(params, today: CalendarDate.today(at: now)) } catch { return .failure(error) }
        var outcome: Result<JSONValue, RPCError> = .failure(.internalError)
        var logFields: [String: JSONValue] = [:]
        do {
            let call = try method.prepare(reader)
            if let captcha = call.captcha, configuration.captchaEnabled { try pass(captcha, now: now) }
            switch method.access {
            case .read:
                try store.pool.read { db in
                    let context = RequestContext(db: db, now: now, configuration: configuration, requestID: requestID)
                    defer { logFields = context.logFields }
                    outcome = .success(try call.perform(context))
                }
            case .write:
                try store.pool.writeWithoutTransaction { db in
                    try db.inTransaction(.immediate) {
                        let context = RequestContext(db: db, now: now, configuration: configuration, requestID: requestID)
                        defer { logFields = context.logFields }
                        do {
                            outcome = .success(try call.perform(context))
                            return .commit
                        } catch let refusal as DomainError {
                            // Keep the bookkeeping written before the refusal (failed tries, burnt codes).
                            outcome = .failure(refusal.rpcError)
                            return .commit
                        }
                    }
                }
            }
        } catch let error as RPCError {
            outcome = .failure(error)
        } catch let refusal as DomainError {
            outcome = .failure(refusal.rpcError)
        } catch {
            fields["internal"] = .string(String(describing: error).prefix(300).description)
            outcome = .failure(.internalError)
        }
        fields.merge(logFields) { old, _ in old }
        return outcome
    }

    /// Checks a request's captcha and commits its use before the request itself runs; throws the refusal.
    private func pass(_ captcha: Captcha, now: Date) throws {
        let refusal = try store.pool.writeWithoutTransaction { db in
            var refusal: DomainError?
            try db.inTransaction(.immediate) {
                refusal = try captcha.check(in: db, now: now)
                return .commit
            }
            return refusal
        }
        if let refusal { throw refusal }
    }

    static func errorResponse(id: JSONValue, _ error: RPCError) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "error": error.json]
    }
}
