import Foundation

/// The members a `ParamReader` was asked for, by full path (`education[0].level`): lets the published API's
/// tests see that a method's parser reads every param its description lists, and nothing it does not.
public final class ParamReadLog: @unchecked Sendable {
    private let lock = NSLock()
    private var read: Set<String> = []

    public init() {}

    func note(_ path: String) { lock.withLock { _ = read.insert(path) } }

    public var paths: Set<String> { lock.withLock { read } }
}
