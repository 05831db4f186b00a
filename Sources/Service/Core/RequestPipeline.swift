import Foundation
import Persistence
import Vocabulary

/// The requests read but not yet answered, in order, answered one transaction at a time (group commit).
///
/// `step()` takes the first unanswered request. A read-only one runs alone in a read transaction. A write
/// request is prepared (params read, slow work such as password hashing done, outside any lock) together with
/// the write requests queued behind it, up to a read-only request, a request that hashes (it leads the next
/// group instead, so nothing read before it waits for its hash) or `WritePolicy.maximumGroup` requests; then
/// one write transaction (`ServiceStore.write`: `BEGIN IMMEDIATE` on SQLite, `SERIALIZABLE` on PostgreSQL) runs
/// each in its own `SAVEPOINT`, and one commit (one `fsync`) makes them all durable. Only then are their answers handed out, so every answer still
/// follows the commit of its effects. A request that fails rolls back to its savepoint alone; a domain refusal
/// keeps its bookkeeping, as it would alone. A lone request is not delayed: nothing waits for more input.
///
/// The lock is held for the savepoints and the commit only, and a group stops taking savepoints once it has
/// held it `groupTimeBudget`. When the store is busy (SQLite: locked by another process after the busy handler
/// waited `Store.defaultLockWait`; PostgreSQL: a serialisation failure), the group is tried again up to
/// `attempts` times, and then each of its requests is refused `server-busy` with `retryAfter`: nothing was
/// done, the request may be sent again.
public final class RequestPipeline {
    let service: BaokaoService
    /// The queue; a frame handed out is replaced by nil, so whoever answers it holds the last reference and
    /// frees it there, not on the thread that runs the transactions (≈3 % of a save, issue #14).
    private var frames: [PendingFrame?] = []
    private var head = 0

    /// Whether the requests' log lines are kept on their calls (`PendingCall.logMembers`) for whoever hands
    /// out the answers to write (the stdio loop's writing thread), instead of written when their outcome is known.
    var defersLogLines = false

    public init(service: BaokaoService) {
        self.service = service
    }

    public var isEmpty: Bool { head == frames.count }

    /// Frames queued and not yet handed out.
    var count: Int { frames.count - head }

    /// Queues the frames of one read, in order. `client` is who sent them as the transport knows it
    /// (`RequestFacts.transportClient`); nil over stdio.
    public func enqueue(_ frames: [LineFramer.Frame], client: String? = nil) {
        for frame in frames { enqueue(service.pendingFrame(frame, client: client)) }
    }

    func enqueue(_ frame: PendingFrame) {
        if defersLogLines { for call in frame.calls { call.defersLogLine = true } }
        frames.append(frame)
    }

    /// Runs the next transaction's worth of requests; returns the answers of the frames now complete, in order
    /// (nil-answered frames — notifications, blank lines — are dropped).
    public func step() -> [String] {
        var answers: [String] = []
        for frame in stepFrames() {
            service.log.writeRequestLines(frame.calls)
            if let answer = frame.answer() { answers.append(answer) }
        }
        return answers
    }

    /// Runs the next transaction's worth of requests; returns the frames now complete, in order, forgotten here.
    /// Their transaction has committed: their answers may be written.
    func stepFrames() -> [PendingFrame] {
        if let first = firstUndecidedCall() {
            run(startingWith: first)
        }
        var ready: [PendingFrame] = []
        while head < frames.count, let frame = frames[head], frame.isComplete {
            ready.append(frame)
            frames[head] = nil
            head += 1
        }
        if head == frames.count {
            frames.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= 1024, head * 2 >= frames.count {
            // Input that never pauses never empties the queue: drop the answered frames now and then.
            frames.removeFirst(head)
            head = 0
        }
        return ready
    }

    /// Steps until every queued frame is answered; returns all answers in order.
    public func drain() -> [String] {
        var answers: [String] = []
        while !isEmpty { answers += step() }
        return answers
    }

    private func undecidedCalls() -> some Sequence<PendingCall> {
        frames[head...].lazy.flatMap { $0!.calls }.filter { $0.outcome == nil }
    }

    private func firstUndecidedCall() -> PendingCall? {
        undecidedCalls().first { _ in true }
    }

    private func run(startingWith first: PendingCall) {
        let policy = service.configuration.writes
        guard service.prepare(first), let method = first.method else { return }
        if method.access == .read {
            service.runRead(first)
            return
        }
        var group = [first]
        for next in undecidedCalls().dropFirst() {
            guard group.count < policy.maximumGroup else { break }
            if let method = next.method, method.access == .read || method.preparesSlowly { break }
            if service.prepare(next) { group.append(next) }
        }
        if group.contains(where: { $0.method?.usesRules == true }) { service.loadRules() }
        service.runWriteGroup(group)
    }
}

/// One frame of input: answered at once (a parse error, an invalid request, a blank line), one request, or a
/// batch whose answer waits for every member.
final class PendingFrame {
    enum Member {
        case answered(JSONValue?)
        case call(PendingCall)
    }

    let members: [Member]
    let isBatch: Bool

    init(members: [Member], isBatch: Bool) {
        self.members = members
        self.isBatch = isBatch
    }

    var calls: [PendingCall] {
        members.compactMap { if case .call(let call) = $0 { call } else { nil } }
    }

    var isComplete: Bool {
        members.allSatisfy { if case .call(let call) = $0 { call.outcome != nil } else { true } }
    }

    func answer() -> String? {
        var out: [UInt8] = []
        guard writeAnswer(to: &out) else { return nil }
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the answer's bytes (`answer()`'s text); false when there is nothing to answer.
    func writeAnswer(to out: inout [UInt8]) -> Bool {
        if !isBatch, members.count == 1, case .call(let call) = members[0] {
            return call.writeResponse(to: &out)
        }
        let answers: [JSONValue] = members.compactMap {
            switch $0 {
            case .answered(let value): value
            case .call(let call): call.response
            }
        }
        if isBatch {
            guard !answers.isEmpty else { return false }
            JSONValue.array(answers).write(to: &out)
            return true
        }
        guard let first = answers.first else { return false }
        first.write(to: &out)
        return true
    }
}

/// One request on its way: its method, its facts (the instant it was read), the step prepared for its
/// transaction, and in the end its outcome.
final class PendingCall {
    let name: String
    let id: JSONValue?
    let echoedID: JSONValue
    let method: RegisteredMethod?
    let params: JSONValue?
    let facts: PrepareContext
    let started = DispatchTime.now().uptimeNanoseconds
    /// The params decoded (`RegisteredMethod.read`) when the request was parsed, or what was wrong with them.
    var readParams: Result<RegisteredMethod.Prepare, RPCError>?
    var apply: RegisteredMethod.Apply?
    /// How many times `apply` found its preparation stale.
    var staleCount = 0
    var outcome: Result<JSONValue, RPCError>?
    var internalFailure: String?
    /// Set by a `RequestPipeline` that defers log lines: the outcome's log line is then kept in `logMembers`
    /// until the answer is handed out (`ServiceLog.writeRequestLines`).
    var defersLogLine = false
    var logMembers: [(key: String, value: JSONValue)]?

    init(name: String, id: JSONValue?, echoedID: JSONValue, method: RegisteredMethod?, params: JSONValue?, facts: PrepareContext) {
        self.name = name
        self.id = id
        self.echoedID = echoedID
        self.method = method
        self.params = params
        self.facts = facts
    }

    static func readParams(_ params: JSONValue?, with method: RegisteredMethod, at now: Date) -> Result<RegisteredMethod.Prepare, RPCError> {
        Result { () throws(RPCError) in try method.read(ParamReader(params, today: CalendarDate.today(at: now))) }
    }

    /// Appends the bytes of `response` (keys in the same sorted order), without building its object for a
    /// success: most answers are one. False for a notification.
    func writeResponse(to out: inout [UInt8]) -> Bool {
        guard id != nil, let outcome else { return false }
        guard case .success(let value) = outcome else {
            response!.write(to: &out)
            return true
        }
        out.append(contentsOf: #"{"id":"#.utf8)
        echoedID.write(to: &out)
        out.append(contentsOf: #","jsonrpc":"2.0","result":"#.utf8)
        value.write(to: &out)
        out.append(UInt8(ascii: "}"))
        return true
    }

    /// The response object, or nil for a notification.
    var response: JSONValue? {
        guard id != nil, let outcome else { return nil }
        switch outcome {
        case .success(let value): return ["jsonrpc": "2.0", "id": echoedID, "result": value]
        case .failure(let error): return BaokaoService.errorResponse(id: echoedID, error)
        }
    }
}
