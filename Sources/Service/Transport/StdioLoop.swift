#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// Reads frames from a file descriptor with blocking reads, answers them, writes the answers.
///
/// Three threads in a pipeline, so that one request's transaction and `fsync` overlap the reading of the next
/// requests and the writing of the previous answers (issue #14):
/// 1. the reader: blocking `read(2)` (no polling: it sleeps until a byte arrives, and wakes at EOF), `LineFramer`,
///    JSON parsing (`BaokaoService.pendingFrame`); it hands each read's frames on at once;
/// 2. the caller's thread runs them through a `RequestPipeline`, a transaction at a time: the frames parsed while
///    a transaction ran join the next one (group commit), and a lone request runs as soon as it is parsed;
/// 3. the writer: once a transaction has committed, its requests' log lines, then their answers, in input order
///    (short writes retried).
///
/// Every answer still follows the commit of its effects (the writer only ever sees frames whose transaction
/// returned), answers keep the order of the input, and at EOF everything read is answered before `run` returns.
/// The hand-offs are bounded (`queueCapacity` frames each, and as many frames unanswered in the pipeline): a
/// client that sends faster than the service answers is held back by its pipe, not buffered without end.
public struct StdioLoop: Sendable {
    public let service: BaokaoService
    public let input: Int32
    public let output: Int32
    public var maximumLineLength = LineFramer.defaultMaximumLineLength
    /// Frames parsed ahead of the transactions, and frames answered ahead of the writer, at most: one group's
    /// worth (`WritePolicy.maximumGroup`), enough to fill the next transaction while one commits.
    public var queueCapacity = 256

    public init(service: BaokaoService, input: Int32 = 0, output: Int32 = 1) {
        self.service = service
        self.input = input
        self.output = output
    }

    public struct WriteFailure: Error {
        public let errno: Int32
    }

    /// CPU seconds each thread spent (`CLOCK_THREAD_CPUTIME_ID`; nil where the system does not say): the
    /// transactions' thread bounds the rate, the others run beside it on another core.
    public struct ThreadTimes: Sendable {
        public var reading: Double?
        public var transactions: Double?
        public var writing: Double?
    }

    /// The `ThreadTimes` of the last `run()`, for the stop line of the log and the benchmark.
    public var threadTimes: ThreadTimes { times.value }
    private let times = ThreadTimesBox()

    /// Runs until EOF on `input`, everything read answered. Throws when the output cannot be written (the reader
    /// went away); the reading thread then stays blocked in `read` until its input ends (the process exits).
    public func run() throws(WriteFailure) {
        let parsed = HandOff<PendingFrame>(capacity: queueCapacity)
        let answered = HandOff<PendingFrame>(capacity: queueCapacity)
        let writing = Writing(service: service, output: output, frames: answered, parsed: parsed)
        let times = self.times
        let readingDone = DispatchSemaphore(value: 0)
        Thread {
            readFrames(into: parsed)
            times.update { $0.reading = threadCPUSeconds() }
            readingDone.signal()
        }.start()
        Thread { writing.run() }.start()

        let pipeline = RequestPipeline(service: service)
        pipeline.defersLogLines = true
        var inputOpen = true
        while true {
            if inputOpen, pipeline.count < queueCapacity {
                // Wait for input only when there is nothing else to do: a lone request is not held back.
                if let frames = parsed.take(waiting: pipeline.isEmpty, atMost: queueCapacity - pipeline.count) {
                    for frame in frames { pipeline.enqueue(frame) }
                } else {
                    inputOpen = false
                }
            }
            if pipeline.isEmpty {
                if inputOpen { continue }
                break
            }
            let ready = pipeline.stepFrames()
            if !ready.isEmpty, !answered.put(ready) { break } // the writer failed
        }
        answered.close()
        times.update { $0.transactions = threadCPUSeconds() }
        writing.done.wait()
        times.update { $0.writing = writing.cpuSeconds }
        if let errno = writing.failure { throw WriteFailure(errno: errno) }
        // At EOF the reader has ended already; after a failed write it may still be blocked in `read`.
        readingDone.wait()
    }

    /// The reading thread: reads, frames and parses until EOF, then closes `parsed`.
    private func readFrames(into parsed: HandOff<PendingFrame>) {
        var framer = LineFramer(maximumLineLength: maximumLineLength)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        defer { parsed.close() }
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break // an unreadable input ends the service like EOF, after what was read is answered
            }
            if count == 0 { break }
            let frames = framer.append(buffer[0..<count]).map { service.pendingFrame($0) }
            guard parsed.put(frames) else { return }
        }
        if let last = framer.finish() { parsed.put([service.pendingFrame(last)]) }
    }

    /// The writing thread: the frames of each committed transaction, their log lines then their answers.
    private final class Writing: @unchecked Sendable {
        let service: BaokaoService
        let output: Int32
        let frames: HandOff<PendingFrame>
        /// Cancelled with `frames` when a write fails: the reader and the transactions stop too.
        let parsed: HandOff<PendingFrame>
        let done = DispatchSemaphore(value: 0)
        /// The `errno` of the write that failed; read after `done`.
        private(set) var failure: Int32?
        /// The thread's CPU time; read after `done`.
        private(set) var cpuSeconds: Double?

        init(service: BaokaoService, output: Int32, frames: HandOff<PendingFrame>, parsed: HandOff<PendingFrame>) {
            self.service = service
            self.output = output
            self.frames = frames
            self.parsed = parsed
        }

        func run() {
            defer {
                cpuSeconds = threadCPUSeconds()
                done.signal()
            }
            var bytes: [UInt8] = []
            while let ready = frames.take(waiting: true) {
                service.log.writeRequestLines(ready.lazy.flatMap(\.calls))
                bytes.removeAll(keepingCapacity: true)
                for frame in ready where frame.writeAnswer(to: &bytes) {
                    bytes.append(0x0A)
                }
                if let errno = writeAll(bytes) {
                    failure = errno
                    frames.cancel()
                    parsed.cancel()
                    return
                }
            }
        }

        /// Writes all of `bytes`; the `errno` of a failed write, or nil.
        private func writeAll(_ bytes: [UInt8]) -> Int32? {
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    return errno
                }
                offset += written
            }
            return nil
        }
    }
}

/// Where `StdioLoop.threadTimes` is kept: written by the loop's threads, each before the loop waits on it.
private final class ThreadTimesBox: @unchecked Sendable {
    private let lock = NSLock()
    private var times = StdioLoop.ThreadTimes()
    var value: StdioLoop.ThreadTimes { lock.withLock { times } }
    func update(_ body: (inout StdioLoop.ThreadTimes) -> Void) { lock.withLock { body(&times) } }
}

/// CPU seconds (user and system) of the calling thread.
private func threadCPUSeconds() -> Double? {
    var time = timespec()
    guard clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time) == 0 else { return nil }
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}
