import Foundation
import GRDB
import Persistence
@testable import Service
import Testing

/// `test.note` writes `key` into `setting`, then fails when asked (`fail: true`, after writing).
private enum TestNote: RPCMethod {
    static let name = "test.note"
    struct Params: RPCParams {
        let key: String, fail: Bool
        init(from params: ParamReader) throws(RPCError) {
            key = try params.string("key")
            fail = try params.optionalBool("fail") ?? false
        }
    }
    struct Failure: Error {}

    static func perform(_ params: Params, in context: RequestContext) throws -> Done {
        try context.tx.execute("INSERT INTO setting (key, value) VALUES (?, 'noted')", params.key)
        if params.fail { throw Failure() }
        return Done()
    }
}

/// `test.notes`, read-only: how many keys are noted.
private enum TestNotes: RPCMethod {
    static let name = "test.notes"
    static var access: RPCAccess { .read }
    struct Count: RPCResult {
        let count: Int
        var json: JSONValue { ["count": .int(count)] }
    }

    static func perform(_ params: NoParams, in context: RequestContext) throws -> Count {
        Count(count: try context.tx.fetchOne("SELECT COUNT(*) AS n FROM setting WHERE value = 'noted'")?.int("n") ?? -1)
    }
}

/// A `StdioLoop` on real pipes, run on a thread of its own, spoken to as a client: writes, reads answers.
private final class LoopUnderTest: @unchecked Sendable {
    let service: BaokaoService
    let folder = temporaryDirectory()
    private let logLines = LineCounter()
    private var input: [Int32] = [-1, -1], output: [Int32] = [-1, -1]
    private let ended = DispatchSemaphore(value: 0)
    private(set) var failure: StdioLoop.WriteFailure?
    private var pending: [UInt8] = []

    init(queueCapacity: Int = 256, closingOutputFirst: Bool = false) throws {
        signal(SIGPIPE, SIG_IGN) // as `baokao serve` does: a closed reader is an error to report, not a signal
        var configuration = ServiceConfiguration()
        configuration.writes.groupTimeBudget = 0.05
        let store = try Store(path: folder.appendingPathComponent("loop.sqlite").path)
        service = BaokaoService(store: store, configuration: configuration,
                                log: ServiceLog { [logLines] lines in logLines.add(lines) },
                                methods: MethodRegistry([[RegisteredMethod(TestNote.self), RegisteredMethod(TestNotes.self)]]))
        #expect(pipe(&input) == 0 && pipe(&output) == 0)
        if closingOutputFirst {
            close(output[0])
            output[0] = -1
        }
        var loop = StdioLoop(service: service, input: input[0], output: output[1])
        loop.queueCapacity = queueCapacity
        // The loop's thread closes the write end of the answers when `run` returns: it is no longer ours to close
        // (closing it twice could close a file another test opened since under the same number).
        let outputWriteEnd = output[1], configured = loop
        output[1] = -1
        Thread { [self] in
            do { try configured.run() } catch let error as StdioLoop.WriteFailure { failure = error } catch {}
            close(outputWriteEnd)
            ended.signal()
        }.start()
    }

    deinit {
        for fd in input + output where fd >= 0 { close(fd) }
        try? FileManager.default.removeItem(at: folder)
    }

    /// Log lines written so far.
    var logLineCount: Int { logLines.count }

    func send(_ text: String) {
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(input[1], $0.baseAddress! + offset, bytes.count - offset) }
            guard written > 0 else { return }
            offset += written
        }
    }

    func closeInput() {
        close(input[1])
        input[1] = -1
    }

    /// The next answer, or nil at the end of the output or when none came within `seconds`.
    func readAnswer(within seconds: Double = 30) throws -> JSONValue? {
        let deadline = Date().addingTimeInterval(seconds)
        var chunk = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            if let newline = pending.firstIndex(of: 0x0A) {
                let line = Array(pending[..<newline])
                pending.removeSubrange(...newline)
                return try JSONParser.parse(line)
            }
            var poller = pollfd(fd: output[0], events: Int16(POLLIN), revents: 0)
            let left = deadline.timeIntervalSinceNow
            guard left > 0, poll(&poller, 1, Int32(left * 1000)) > 0 else { return nil }
            let count = read(output[0], &chunk, chunk.count)
            guard count > 0 else { return nil }
            pending += chunk[0..<count]
        }
    }

    /// Whether `run()` returned within `seconds`.
    func waitForEnd(within seconds: Double = 30) -> Bool {
        ended.wait(timeout: .now() + seconds) == .success
    }

    func noted(_ key: String) throws -> Bool {
        try service.store.read { tx in try tx.fetchOne("SELECT 1 FROM setting WHERE key = ?", key) != nil }
    }
}

/// Counts the lines handed to a log sink.
private final class LineCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var lines = 0
    func add(_ text: String) { lock.withLock { lines += text.utf8.filter { $0 == 0x0A }.count } }
    var count: Int { lock.withLock { lines } }
}

private func note(_ id: Int, fail: Bool = false) -> String {
    #"{"jsonrpc":"2.0","id":\#(id),"method":"test.note","params":{"key":"k\#(id)","fail":\#(fail)}}"# + "\n"
}

private func countNotes(_ id: Int) -> String {
    #"{"jsonrpc":"2.0","id":\#(id),"method":"test.notes"}"# + "\n"
}

/// The stdio loop's three threads (reading and parsing, transactions, writing answers): what a client sees is
/// what one thread gave — answers in input order, each after the commit of its effects, a failing request
/// alone rolled back, a lone request answered at once, everything read answered at EOF.
@Suite struct StdioPipelineTests {
    /// 600 requests sent in one go (so they are grouped), reads and failures among them: each answer arrives in
    /// input order, and when it arrives its write is already committed (another connection sees it) and its
    /// log line already written; the failing ones left nothing.
    @Test func answersComeInInputOrderEachAfterItsCommitAndLogLine() throws {
        let loop = try LoopUnderTest()
        let count = 600
        let requests = (0..<count).map { i in i % 7 == 3 ? countNotes(i) : note(i, fail: i % 11 == 5) }
        let sender = Thread { loop.send(requests.joined()) }
        sender.start()
        for i in 0..<count {
            let answer = try #require(try loop.readAnswer(), "no answer \(i)")
            #expect(answer["id"]?.intValue == i, "answers out of order")
            #expect(loop.logLineCount >= i + 1, "answer \(i) written before its log line")
            if i % 7 == 3 {
                #expect(answer["result"]?["count"]?.intValue != nil)
            } else if i % 11 == 5 {
                expectError(answer, -32603, "internal")
            } else {
                expectResult(answer)
                #expect(try loop.noted("k\(i)"), "answer \(i) written before its commit")
            }
        }
        loop.closeInput()
        #expect(loop.waitForEnd())
        for i in 0..<count where i % 7 != 3 && i % 11 == 5 {
            #expect(try !loop.noted("k\(i)"), "failed request \(i) kept its write")
        }
        #expect(loop.service.writeStatistics.largestGroup > 1, "nothing was grouped")
        #expect(loop.service.writeStatistics.requests == (0..<count).filter { $0 % 7 != 3 }.count)
    }

    /// One request, the input left open: it is answered without waiting for more input or for EOF; so is the
    /// next, a read.
    @Test func aLoneRequestIsAnsweredWhileTheInputStaysOpen() throws {
        let loop = try LoopUnderTest()
        loop.send(note(1))
        let first = try #require(try loop.readAnswer(within: 20), "a lone write waited for more input")
        expectResult(first)
        #expect(try loop.noted("k1"))
        loop.send(countNotes(2))
        let second = try #require(try loop.readAnswer(within: 20), "a lone read waited for more input")
        #expect(second["result"]?["count"] == 1)
        loop.closeInput()
        #expect(loop.waitForEnd())
        #expect(try loop.readAnswer(within: 5) == nil)
    }

    /// Input closed right after 1,000 requests and a last line without its newline, through hand-offs of 4
    /// frames (the reader held back by the pipeline again and again): every one is answered, in order, before
    /// `run` returns.
    @Test func endOfInputAnswersEverythingReadThroughSmallQueues() throws {
        let loop = try LoopUnderTest(queueCapacity: 4)
        let count = 1_000
        let sender = Thread {
            loop.send((0..<count).map { note($0) }.joined() + #"{"jsonrpc":"2.0","id":1000,"method":"test.notes"}"#)
            loop.closeInput()
        }
        sender.start()
        var ids: [Int] = []
        while let answer = try loop.readAnswer() { ids.append(answer["id"]?.intValue ?? -1) }
        #expect(ids == Array(0...count))
        #expect(loop.waitForEnd())
        #expect(loop.failure == nil)
    }

    /// Nobody reads the answers any more: `run` ends with the write's error instead of answering into the void
    /// for ever.
    @Test func aClosedOutputEndsTheLoopWithTheWriteError() throws {
        let loop = try LoopUnderTest(closingOutputFirst: true)
        loop.send(note(1) + note(2))
        #expect(loop.waitForEnd(), "the loop went on with its output closed")
        #expect(loop.failure?.errno == EPIPE)
        loop.closeInput() // lets the reading thread end
    }
}
