import Foundation
import Persistence
import PostgresNIO

/// A small, bounded pool of PostgreSQL connections for callers on ordinary (blocking) threads.
///
/// The service's methods are synchronous and run on worker threads, never on an event loop, so the simplest
/// correct bridge is to block: a borrower waits on a condition variable for an idle connection (at most
/// `borrowWait`, then `StoreFailure.busy`, which the service answers with "retry" like a locked SQLite file), and
/// each query waits on its `EventLoopFuture` (`wait()`). No `Task` or continuation is involved, so no thread of
/// the cooperative pool is ever blocked. Connections are opened lazily, up to `capacity`; one that broke (the
/// server restarted, the network dropped) is closed and forgotten, and the next borrower opens a fresh one.
final class ConnectionPool: @unchecked Sendable {
    // All mutable state is guarded by `condition` (hence `@unchecked Sendable`).
    private let condition = NSCondition()
    private var idle: [PostgresConnection] = []
    /// Connections that exist or are being opened: idle + borrowed + connecting.
    private var count = 0
    private var isClosed = false

    let capacity: Int
    let borrowWait: TimeInterval
    private let open: @Sendable () throws -> PostgresConnection

    init(capacity: Int, borrowWait: TimeInterval, open: @escaping @Sendable () throws -> PostgresConnection) {
        precondition(capacity > 0, "a pool needs room for one connection")
        self.capacity = capacity
        self.borrowWait = borrowWait
        self.open = open
    }

    /// Runs `body` with a connection of its own. `body` sets `reusable` once the connection is known to be idle
    /// again (outside any transaction); otherwise — a failure may have left it mid-transaction or broken — the
    /// connection is closed rather than given to the next borrower.
    func withConnection<T>(_ body: (PostgresConnection, _ reusable: inout Bool) throws -> T) throws -> T {
        let connection = try borrow()
        var reusable = false
        defer { giveBack(connection, reusable: reusable) }
        return try body(connection, &reusable)
    }

    func borrow() throws -> PostgresConnection {
        let deadline = Date().addingTimeInterval(borrowWait)
        condition.lock()
        while true {
            if isClosed {
                condition.unlock()
                throw StoreFailure.unavailable("the PostgreSQL store is closed")
            }
            if let connection = idle.popLast() {
                if connection.isClosed {
                    count -= 1
                    continue
                }
                condition.unlock()
                return connection
            }
            if count < capacity {
                count += 1
                condition.unlock()
                do {
                    return try open()
                } catch {
                    condition.lock()
                    count -= 1
                    condition.signal()
                    condition.unlock()
                    throw error
                }
            }
            if !condition.wait(until: deadline) {
                condition.unlock()
                throw StoreFailure.busy("all \(capacity) PostgreSQL connections stayed in use for \(borrowWait) s")
            }
        }
    }

    func giveBack(_ connection: PostgresConnection, reusable: Bool) {
        condition.lock()
        let keep = reusable && !isClosed && !connection.isClosed
        if keep {
            idle.append(connection)
        } else {
            count -= 1
        }
        condition.signal()
        condition.unlock()
        // Not waited for: a connection that stopped answering may never confirm its close. The handler holds the
        // connection until it is closed (postgres-nio asserts that none is freed open).
        if !keep { connection.close().whenComplete { _ in withExtendedLifetime(connection) {} } }
    }

    /// Closes the idle connections now; borrowed ones close when given back. Borrowers then fail `unavailable`.
    func close() {
        condition.lock()
        isClosed = true
        let closing = idle
        count -= idle.count
        idle = []
        condition.broadcast()
        condition.unlock()
        for connection in closing { try? connection.close().wait() }
    }
}
