import Foundation

/// A bounded first-in first-out queue between two threads of the stdio loop: one puts, the other takes.
///
/// Bounded so that a client sending faster than the service answers is held back by the pipe (the reader stops
/// reading when the queue is full) instead of filling memory. `close()` says nothing more will be put: the taker
/// gets what is left, then nil. `cancel()` ends it at once for both sides (the answers can no longer be written):
/// what is queued is dropped and a blocked `put` returns false.
final class HandOff<Item>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Item] = []
    private var head = 0
    private var closed = false
    private var cancelled = false
    let capacity: Int

    init(capacity: Int) {
        precondition(capacity > 0, "a hand-off holds at least one item")
        self.capacity = capacity
    }

    /// Appends `newItems` in order, waiting while the queue is full. False when cancelled (nothing more is
    /// taken). A batch larger than the capacity goes in as room appears, in order.
    @discardableResult
    func put(_ newItems: some Collection<Item>) -> Bool {
        condition.lock()
        defer { condition.unlock() }
        var rest = newItems[...]
        while !rest.isEmpty {
            while !cancelled, items.count - head >= capacity { condition.wait() }
            if cancelled { return false }
            let room = capacity - (items.count - head)
            items.append(contentsOf: rest.prefix(room))
            rest = rest.dropFirst(room)
            condition.broadcast()
        }
        return !cancelled
    }

    /// Takes up to `limit` items, oldest first. With `waiting`, sleeps until there is at least one; without,
    /// returns at once (perhaps nothing). Nil once closed and empty, or cancelled.
    func take(waiting: Bool, atMost limit: Int = .max) -> [Item]? {
        condition.lock()
        defer { condition.unlock() }
        while waiting, !cancelled, !closed, head == items.count { condition.wait() }
        if cancelled || (closed && head == items.count) { return nil }
        let end = head + min(limit, items.count - head)
        let taken = Array(items[head..<end])
        head = end
        if head == items.count {
            items.removeAll(keepingCapacity: true)
            head = 0
        } else if head >= capacity {
            items.removeFirst(head)
            head = 0
        }
        if !taken.isEmpty { condition.broadcast() }
        return taken
    }

    /// Nothing more will be put; the taker drains what is left.
    func close() {
        condition.lock()
        closed = true
        condition.broadcast()
        condition.unlock()
    }

    /// Ends the hand-off for both sides: queued items are dropped, waiting threads wake.
    func cancel() {
        condition.lock()
        cancelled = true
        items.removeAll()
        head = 0
        condition.broadcast()
        condition.unlock()
    }
}
