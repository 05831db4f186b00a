import Foundation

/// A bounded, thread-safe memo of shaped texts. When full it starts over: simple, and a print run's repeated
/// values (the same exam, audit point, subjects) are back in it after a few forms.
final class ShapeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: [ShapedCluster]] = [:]
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    subscript(text: String) -> [ShapedCluster]? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return entries[text]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[text] = newValue
        }
    }
}
