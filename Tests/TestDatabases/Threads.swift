import Foundation

/// Runs `body(i)` for i in 0..<count on `count` threads of their own at once; returns their results in order.
public func onThreads<T: Sendable>(_ count: Int, _ body: @escaping @Sendable (Int) -> T) -> [T] {
    let results = LockedBox([T?](repeating: nil, count: count))
    let group = DispatchGroup()
    for index in 0..<count {
        group.enter()
        Thread.detachNewThread {
            let result = body(index)
            results.update { $0[index] = result }
            group.leave()
        }
    }
    group.wait()
    return results.value.map { $0! }
}

/// A value shared between threads, behind a lock.
public final class LockedBox<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: Value
    public init(_ value: Value) { stored = value }
    public var value: Value { lock.withLock { stored } }
    public func update<R>(_ change: (inout Value) -> R) -> R { lock.withLock { change(&stored) } }
}
