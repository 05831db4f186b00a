import Foundation
import Service

/// A fixed set of worker threads, each with its own `BaokaoService`, fed from one bounded queue.
///
/// The service blocks — scrypt hashes, SQLite's `fsync`, PDF rendering — and is not thread-safe, so it never
/// runs on an event loop: a handler hands its job to the pool and awaits the answer. At most `workers` jobs
/// run and at most `queueCapacity` wait; a job beyond that is refused at once (`Saturated`), and the caller
/// answers `503` with `Retry-After` instead of letting requests pile up until clients time out.
///
/// Every thread's service shares one store, configuration, clock and log: only the `BaokaoService` (its
/// pipeline and statistics) is the thread's own.
public final class WorkerPool: @unchecked Sendable {
    /// The queue was full: the job was not taken and will not run.
    public struct Saturated: Error, Sendable {}

    public let workers: Int
    public let queueCapacity: Int

    private typealias Job = (BaokaoService) -> Void
    private let condition = NSCondition()
    private var queue: [Job] = []
    private var queueHead = 0
    private var running = 0
    private var stopping = false
    private let finished = DispatchGroup()

    /// Starts `workers` threads; `makeService(i)` makes the service of thread `i` (called here, on the caller's
    /// thread, before any job runs).
    public init(workers: Int, queueCapacity: Int, makeService: (Int) -> BaokaoService) {
        precondition(workers > 0 && queueCapacity >= 0)
        self.workers = workers
        self.queueCapacity = queueCapacity
        for index in 0..<workers {
            let service = makeService(index)
            finished.enter()
            let thread = Thread { [self] in
                work(service)
                finished.leave()
            }
            thread.name = "baokao-worker-\(index)"
            // The service parses JSON to 64 levels and lays out forms: give it a main thread's stack.
            thread.stackSize = 8 << 20
            thread.start()
        }
    }

    /// Jobs waiting for a thread now.
    public var waiting: Int { condition.withLock { queue.count - queueHead } }
    /// Jobs running now.
    public var busy: Int { condition.withLock { running } }

    /// Runs `job` on a worker thread with that thread's service and returns what it returns; throws
    /// `Saturated` at once, without running it, when every thread is busy and the queue is full.
    public func run<T: Sendable>(_ job: @escaping @Sendable (BaokaoService) -> T) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            let accepted = enqueue { service in continuation.resume(returning: job(service)) }
            if !accepted { continuation.resume(throwing: Saturated()) }
        }
    }

    /// Queues a job unless the pool is saturated (or stopping); wakes a thread.
    private func enqueue(_ job: @escaping Job) -> Bool {
        condition.withLock {
            let waiting = queue.count - queueHead
            guard !stopping, running + waiting < workers + queueCapacity else { return false }
            queue.append(job)
            condition.signal()
            return true
        }
    }

    private func work(_ service: BaokaoService) {
        while let job = next() {
            job(service)
            condition.withLock { running -= 1 }
        }
    }

    /// The next job, or nil once the pool stops and the queue is empty.
    private func next() -> Job? {
        condition.withLock {
            while queueHead == queue.count {
                if stopping { return nil }
                condition.wait()
            }
            let job = queue[queueHead]
            queueHead += 1
            if queueHead == queue.count {
                queue.removeAll(keepingCapacity: true)
                queueHead = 0
            } else if queueHead > 1024 {
                queue.removeFirst(queueHead)
                queueHead = 0
            }
            running += 1
            return job
        }
    }

    /// Takes no more jobs, lets the queued and running ones finish, and returns once every thread has ended.
    public func shutdown() {
        condition.withLock {
            stopping = true
            condition.broadcast()
        }
        finished.wait()
    }
}
