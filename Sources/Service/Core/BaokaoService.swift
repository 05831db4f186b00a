import Foundation
import Persistence
import Vocabulary

/// The JSON-RPC 2.0 service: one line in, at most one line out.
///
/// Requests go through a `RequestPipeline`: each is prepared outside any transaction (params read, passwords
/// hashed), then run in a read transaction when its method is read-only, else in its own savepoint of a write
/// transaction shared with the write requests read with it. Its answer is produced only after that transaction
/// has committed — a `ServiceStore`'s commit has reached the disk when `write` returns (SQLite with
/// `synchronous = FULL`, PostgreSQL with its WAL flushed), so whatever has been answered survives a crash.
/// A batch's members go through the same way, and the batch is answered with one array once all are done.
public final class BaokaoService: @unchecked Sendable {
    /// The database: SQLite (`Store`) or PostgreSQL, through the store contract only.
    public let store: any ServiceStore
    public let configuration: ServiceConfiguration
    public let clock: any ServiceClock
    public let log: ServiceLog
    public let methods: MethodRegistry
    /// Figures of the write transactions so far, for the stop line of the log and the benchmarks.
    public private(set) var writeStatistics = WriteStatistics()
    /// Told of every request once its outcome is known (after its commit), on the thread that answers it:
    /// `baokao-server` counts requests, errors and durations per method from it. Set before the first request.
    public var requestObserver: (@Sendable (FinishedRequest) -> Void)?

    public init(store: any ServiceStore, configuration: ServiceConfiguration = ServiceConfiguration(),
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
    /// `client` is who sent it as the transport knows it (`RequestFacts.transportClient`), nil over stdio.
    public func respond(to frame: LineFramer.Frame, client: String? = nil) -> String? {
        let pipeline = RequestPipeline(service: self)
        pipeline.enqueue([frame], client: client)
        return pipeline.drain().first
    }

    public func respond(toLine bytes: [UInt8], client: String? = nil) -> String? {
        respond(to: .line(bytes), client: client)
    }

    /// Calls a method in-process, as a request with `id` would; returns the whole response object.
    @discardableResult
    public func call(_ method: String, _ params: JSONValue = [:], id: JSONValue = 1, client: String? = nil) -> JSONValue {
        let request: JSONValue = ["jsonrpc": "2.0", "method": .string(method), "params": params, "id": id]
        let frame = PendingFrame(members: [member(request, client: client)], isBatch: false)
        let pipeline = RequestPipeline(service: self)
        pipeline.enqueue(frame)
        _ = pipeline.drain()
        switch frame.members.first {
        case .answered(let answer)?: return answer ?? .null
        case .call(let call)?: return call.response ?? .null
        case nil: return .null
        }
    }

    // MARK: Reading requests

    /// A frame read → what the pipeline keeps of it until it is answered.
    func pendingFrame(_ frame: LineFramer.Frame, client: String? = nil) -> PendingFrame {
        switch frame {
        case .oversized(let count):
            log.write("refused", at: clock.now(), ["reason": "line-too-long", "bytes": .int(count)])
            let error = RPCError.invalidRequest("line of \(count) bytes exceeds the limit of \(LineFramer.defaultMaximumLineLength) bytes; discarded")
            return PendingFrame(members: [.answered(BaokaoService.errorResponse(id: .null, error))], isBatch: false)
        case .line(let bytes):
            if bytes.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { return PendingFrame(members: [], isBatch: false) }
            let message: JSONValue
            do {
                message = try JSONParser.parse(bytes)
            } catch {
                log.write("refused", at: clock.now(), ["reason": "parse-error", "rpcCode": -32700])
                return PendingFrame(members: [.answered(BaokaoService.errorResponse(id: .null, .parseError(error.description)))], isBatch: false)
            }
            if case .array(let items) = message {
                guard !items.isEmpty else {
                    return PendingFrame(members: [.answered(BaokaoService.errorResponse(id: .null, .invalidRequest("empty batch")))], isBatch: false)
                }
                return PendingFrame(members: items.map { member($0, client: client) }, isBatch: true)
            }
            return PendingFrame(members: [member(message, client: client)], isBatch: false)
        }
    }

    /// One request object → a call to make, or its answer when it is not a valid request.
    private func member(_ message: JSONValue, client: String?) -> PendingFrame.Member {
        guard case .object(let request) = message else {
            return .answered(BaokaoService.errorResponse(id: .null, .invalidRequest("a request must be an object, found \(message.typeName)")))
        }
        // The id, when it is a valid one, is echoed even in an invalid-request answer.
        let id: JSONValue? = request["id"]
        var echoedID = JSONValue.null
        switch id {
        case nil, .null?, .string?, .number?: echoedID = id ?? .null
        case let other?:
            return .answered(BaokaoService.errorResponse(id: .null, .invalidRequest("id must be a string, a number or null, found \(other.typeName)")))
        }
        guard request["jsonrpc"] == .string("2.0") else {
            return .answered(BaokaoService.errorResponse(id: echoedID, .invalidRequest("\"jsonrpc\" must be \"2.0\"")))
        }
        guard case .string(let name)? = request["method"] else {
            return .answered(BaokaoService.errorResponse(id: echoedID, .invalidRequest("\"method\" must be a string")))
        }
        let facts = PrepareContext(store: store, now: clock.now(), configuration: configuration, requestID: id?.serialized)
        facts.transportClient = client
        let call = PendingCall(name: name, id: id, echoedID: echoedID, method: methods[name], params: request["params"], facts: facts)
        // Decoded here, where the request was parsed (the stdio loop's reading thread), not under the write lock.
        if let method = call.method { call.readParams = PendingCall.readParams(call.params, with: method, at: facts.now) }
        return .call(call)
    }

    // MARK: Running requests

    /// Reads the call's params and does its slow work (`RegisteredMethod.prepare`), unless done already.
    /// Returns false when that decided the call (bad params, unknown method, a refusal).
    func prepare(_ call: PendingCall) -> Bool {
        if call.apply != nil { return true }
        guard call.outcome == nil else { return false }
        guard let method = call.method else {
            finish(call, .failure(.methodNotFound(call.name)))
            return false
        }
        guard call.staleCount < configuration.writes.attempts else {
            // The state it rests on keeps changing under it (another process hammering the same account).
            finish(call, .failure(DomainError.serverBusy(retryAfter: configuration.writes.retryAfter).rpcError))
            return false
        }
        do {
            let prepare = try (call.readParams ?? PendingCall.readParams(call.params, with: method, at: call.facts.now)).get()
            call.readParams = .success(prepare)
            call.apply = try prepare(call.facts)
            return true
        } catch {
            finish(call, .failure(rpcError(error, call)))
            return false
        }
    }

    /// Loads the rule set now, outside any transaction, if it is still to be loaded (a failure is answered by
    /// the method itself, which asks again).
    func loadRules() {
        _ = try? configuration.rules?.evaluator(today: CalendarDate.today(at: clock.now()))
    }

    /// A read-only request: its own read transaction, then — when it found its session due for a refresh —
    /// one short write of the session's idle clock before it is answered.
    func runRead(_ call: PendingCall) {
        guard let apply = call.apply else { return }
        var outcome: Result<JSONValue, RPCError> = .failure(.internalError)
        var touch: String?
        var attempt = 0
        while true {
            attempt += 1
            do {
                try store.read { tx in
                    let context = RequestContext(tx: tx, canWrite: false, continuing: call.facts)
                    defer { call.facts.logFields.merge(context.logFields) { _, new in new } }
                    do {
                        outcome = .success(try apply(context))
                        touch = context.pendingSessionTouch
                    } catch let refusal as DomainError {
                        outcome = .failure(refusal.rpcError)
                    }
                }
                break
            } catch {
                if StoreFailure.isBusy(error), pauseBeforeRetry(after: attempt) { continue }
                outcome = .failure(rpcError(error, call))
                break
            }
        }
        if let touch {
            do {
                try store.write { tx in try Sessions.refresh(tokenHash: touch, at: call.facts.now, tx) }
            } catch {
                // Only the idle clock is behind; the answer stands.
                call.facts.logFields["touch"] = .string(String(describing: error).prefix(200).description)
            }
        }
        finish(call, outcome)
    }

    /// Write requests, prepared: one transaction (`store.write`), a savepoint each, one commit, then their
    /// outcomes. Those the transaction did not reach (its time budget, a stale preparation) stay undecided for the
    /// next step.
    func runWriteGroup(_ group: [PendingCall]) {
        let policy = configuration.writes
        var attempt = 0
        while true {
            attempt += 1
            var decided: [(PendingCall, Result<JSONValue, RPCError>)] = []
            // The calls whose captcha this attempt used: marked passed once it commits, so a call run again
            // (stale) is not asked for it twice; an attempt that fails gives every use back with its rollback.
            var captchasUsed: [PendingCall] = []
            var locked: UInt64 = 0, committing: UInt64 = 0
            do {
                try store.write { tx in
                    // The transaction has begun (on SQLite, the write lock is held): the hold starts here.
                    locked = DispatchTime.now().uptimeNanoseconds
                    for call in group {
                        guard let apply = call.apply else { continue }
                        if !decided.isEmpty, Double(DispatchTime.now().uptimeNanoseconds - locked) / 1e9 >= policy.groupTimeBudget { break }
                        if let captcha = call.facts.captchaToCheck {
                            // Outside the request's savepoint: its use stays even if the request rolls back.
                            // Throws only before its first statement (a missing field) or what dooms the group.
                            let refusal: DomainError?
                            do { refusal = try captcha.check(in: tx, now: call.facts.now) } catch let error as RPCError {
                                decided.append((call, .failure(error)))
                                continue
                            }
                            captchasUsed.append(call)
                            if let refusal {
                                decided.append((call, .failure(refusal.rpcError)))
                                continue
                            }
                        }
                        guard let outcome = try applyInSavepoint(call, apply, tx) else { break }
                        decided.append((call, outcome))
                    }
                    committing = DispatchTime.now().uptimeNanoseconds
                }
                // `write` returns once the commit is durable.
                let released = DispatchTime.now().uptimeNanoseconds
                for call in captchasUsed { call.facts.captchaCommitted() }
                writeStatistics.record(holdNanoseconds: released - locked, commitNanoseconds: released - committing, requests: decided.count)
                for (call, outcome) in decided { finish(call, outcome) }
                return
            } catch {
                // Nothing of the attempt was committed: every call of it is undecided again.
                let busy = StoreFailure.isBusy(error)
                if busy { writeStatistics.busyRetries += 1 }
                if busy, pauseBeforeRetry(after: attempt) { continue }
                for call in group where call.outcome == nil && call.apply != nil {
                    finish(call, .failure(busy ? DomainError.serverBusy(retryAfter: policy.retryAfter).rpcError : rpcError(error, call)))
                }
                return
            }
        }
    }

    /// Whether a transaction that failed `busy` `attempt` times runs again; waits the store's pause first.
    private func pauseBeforeRetry(after attempt: Int) -> Bool {
        guard let pause = store.pauseBeforeRetry(afterBusyAttempt: attempt, bound: configuration.writes.attempts) else { return false }
        if pause > 0 { Thread.sleep(forTimeInterval: pause) }
        return true
    }

    /// One request in its savepoint: its outcome, or nil when it is to run again in the next step (rolled back,
    /// prepared again). Throws what dooms the whole transaction.
    ///
    /// A statement that fails leaves a PostgreSQL transaction unusable until `ROLLBACK TO SAVEPOINT`: every
    /// path that follows a failed statement rolls back. Only a domain refusal releases the savepoint (keeping
    /// its bookkeeping), and methods throw refusals on what they read, never in place of a failed statement.
    private func applyInSavepoint(_ call: PendingCall, _ apply: RegisteredMethod.Apply, _ tx: any StoreTransaction) throws -> Result<JSONValue, RPCError>? {
        let context = RequestContext(tx: tx, canWrite: true, continuing: call.facts)
        try tx.execute("SAVEPOINT request")
        func rollBack() throws {
            try tx.execute("ROLLBACK TO SAVEPOINT request")
            try tx.execute("RELEASE SAVEPOINT request")
        }
        do {
            let value = try apply(context)
            try tx.execute("RELEASE SAVEPOINT request")
            call.facts.logFields = context.logFields
            return .success(value)
        } catch let refusal as DomainError {
            // Keep the bookkeeping written before the refusal (failed tries, burnt codes).
            try tx.execute("RELEASE SAVEPOINT request")
            call.facts.logFields = context.logFields
            return .failure(refusal.rpcError)
        } catch let stale as PreparationStale {
            try rollBack()
            call.apply = nil
            call.staleCount += 1
            call.facts.logFields["stale"] = .string(stale.what)
            return nil
        } catch let error as RPCError {
            try rollBack()
            return .failure(error)
        } catch let failure as StoreFailure where failure.isUniqueViolation {
            // The second guard: a row its checks did not see (another instance committed it meanwhile). Run
            // again on a fresh transaction, the request finds the row and answers as it would have.
            try rollBack()
            call.apply = nil
            call.staleCount += 1
            call.facts.logFields["stale"] = .string("unique: " + failure.description.prefix(120))
            return nil
        } catch {
            if StoreFailure.isBusy(error) { throw error }
            // A transaction the engine has given up on (SQLite ends it on I/O errors) has no savepoint left to
            // roll back to: the original error dooms it.
            do { try rollBack() } catch _ { throw error }
            return .failure(rpcError(error, call))
        }
    }

    /// What a thrown error answers: a refusal as itself, a busy store as `server-busy`, anything else as
    /// `-32603` with the cause in the log only.
    private func rpcError(_ error: any Error, _ call: PendingCall) -> RPCError {
        switch error {
        case let error as RPCError: return error
        case let refusal as DomainError: return refusal.rpcError
        case _ where StoreFailure.isBusy(error): return DomainError.serverBusy(retryAfter: configuration.writes.retryAfter).rpcError
        default:
            call.internalFailure = String(describing: error).prefix(300).description
            return .internalError
        }
    }

    /// Records the outcome and writes the request's log line.
    private func finish(_ call: PendingCall, _ outcome: Result<JSONValue, RPCError>) {
        call.outcome = outcome
        // Only a known method's name is logged: a client could put anything in an unknown one.
        // Members with distinct keys, no dictionary: this runs for every request (issue #14).
        var fields: [(key: String, value: JSONValue)] = [("method", call.method == nil ? "(unknown)" : .string(call.name))]
        switch call.id {
        case .string(let text)?: fields.append(("id", .string(String(text.prefix(100)))))
        case .number(let literal)?: fields.append(("id", literal.count <= 20 ? .number(literal) : .string(String(literal.prefix(20)) + "…")))
        default: break
        }
        switch outcome {
        case .success: fields.append(("outcome", "ok"))
        case .failure(let error):
            fields.append(("outcome", "error"))
            fields.append(("rpcCode", .int(error.code)))
            if case .object(let data)? = error.data, let code = data["code"] { fields.append(("code", code)) }
            if case .object(let data)? = error.data, let field = data["field"] { fields.append(("field", field)) }
        }
        if let failure = call.internalFailure { fields.append(("internal", .string(failure))) }
        let nanoseconds = DispatchTime.now().uptimeNanoseconds - call.started
        fields.append(("ms", .number(BaokaoService.milliseconds(nanoseconds))))
        // What the method noted, unless it names one of the fields above (those win).
        let fixed = fields.count
        for extra in call.facts.logFields where !fields[..<fixed].contains(where: { $0.key == extra.key }) {
            fields.append(extra)
        }
        if call.defersLogLine {
            call.logMembers = fields
        } else {
            log.write("request", at: call.facts.now, members: fields)
        }
        if let requestObserver {
            let errorCode: Int? = if case .failure(let error) = outcome { error.code } else { nil }
            requestObserver(FinishedRequest(method: call.method == nil ? nil : call.name, errorCode: errorCode, seconds: Double(nanoseconds) / 1e9))
        }
    }

    /// Nanoseconds as milliseconds with two decimals (`12.34`), as `String(format: "%.2f")` would write them
    /// for a duration, without Foundation's formatter on every request.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let hundredths = (nanoseconds + 5_000) / 10_000
        let fraction = hundredths % 100
        return "\(hundredths / 100)." + (fraction < 10 ? "0\(fraction)" : "\(fraction)")
    }

    static func errorResponse(id: JSONValue, _ error: RPCError) -> JSONValue {
        ["jsonrpc": "2.0", "id": id, "error": error.json]
    }

    /// The line a transport answers with when it refuses a message before the service sees it (an empty
    /// HTTP body, a full queue): an error response with `id: null`, serialized as the service's own.
    public static func errorLine(_ error: RPCError) -> String {
        errorResponse(id: .null, error).serialized
    }
}

/// What `BaokaoService.requestObserver` is told of each request.
public struct FinishedRequest: Sendable {
    /// The method's name, or nil for a name the service does not know (a caller could send anything there).
    public let method: String?
    /// The JSON-RPC error code of a refusal or failure; nil for a result.
    public let errorCode: Int?
    /// From the request read to its outcome known, in seconds.
    public let seconds: Double
}

/// How long write transactions held the lock, and how many requests each carried.
public struct WriteStatistics: Sendable {
    public private(set) var transactions = 0
    public private(set) var requests = 0
    /// From the write transaction begun (on SQLite, the write lock granted) to its commit returned: how long
    /// others waited on this process.
    public private(set) var longestHoldMilliseconds = 0.0
    /// The commit alone (the `fsync` of the WAL), part of the hold.
    public private(set) var longestCommitMilliseconds = 0.0
    private var holds: [Double] = []
    public private(set) var largestGroup = 0
    public internal(set) var busyRetries = 0

    mutating func record(holdNanoseconds: UInt64, commitNanoseconds: UInt64, requests count: Int) {
        transactions += 1
        requests += count
        let hold = Double(holdNanoseconds) / 1e6
        longestHoldMilliseconds = max(longestHoldMilliseconds, hold)
        longestCommitMilliseconds = max(longestCommitMilliseconds, Double(commitNanoseconds) / 1e6)
        if holds.count < 100_000 { holds.append(hold) }
        largestGroup = max(largestGroup, count)
    }

    /// The 99th percentile of the hold times (of the first 100,000 transactions).
    public var holdP99Milliseconds: Double {
        let sorted = holds.sorted()
        return sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, sorted.count * 99 / 100)]
    }

    public var json: JSONValue {
        func ms(_ value: Double) -> JSONValue { .number(String(format: "%.2f", value)) }
        return ["transactions": .int(transactions), "requests": .int(requests), "largestGroup": .int(largestGroup),
                "holdP99Ms": ms(holdP99Milliseconds), "longestHoldMs": ms(longestHoldMilliseconds),
                "longestCommitMs": ms(longestCommitMilliseconds), "busyRetries": .int(busyRetries)]
    }
}
