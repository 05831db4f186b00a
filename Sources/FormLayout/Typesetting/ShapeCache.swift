import Foundation

/// A bounded, thread-safe memo of shaped texts. When full it starts over: simple, and a print run's repeated
/// values (the same exam, audit point, subjects) are back in it after a few forms.
final class ShapeCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [TextKey: [ShapedCluster]] = [:]
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    subscript(text: String) -> [ShapedCluster]? {
        get {
            lock.lock()
            defer { lock.unlock() }
            return entries[TextKey(text)]
        }
        set {
            lock.lock()
            defer { lock.unlock() }
            if entries.count >= limit { entries.removeAll(keepingCapacity: true) }
            entries[TextKey(text)] = newValue
        }
    }
}

/// A dictionary key that compares and hashes a text's UTF-8 bytes: Swift's `String` hashes the Unicode
/// normalisation of non-ASCII text, several times slower, and shaping results depend on the exact scalars anyway.
struct TextKey: Hashable, Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }

    /// The bytes compared whole (`elementsEqual` on the UTF-8 views went byte by byte through index checks:
    /// about 2 % of a form's time in the shape caches).
    static func == (lhs: TextKey, rhs: TextKey) -> Bool {
        guard lhs.text.utf8.count == rhs.text.utf8.count else { return false }
        var left = lhs.text, right = rhs.text
        return left.withUTF8 { a in right.withUTF8 { b in a.count == 0 || memcmp(a.baseAddress!, b.baseAddress!, a.count) == 0 } }
    }

    func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
