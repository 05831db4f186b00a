import Foundation

/// Where the service reads the time. Injected so tests can move it (expire a code, end a lockout) without
/// waiting: in-process with `ManualClock`, for the binary with `--clock` / `BAOKAO_NOW` (`OffsetClock`).
public protocol ServiceClock: Sendable {
    func now() -> Date
}

public struct SystemClock: ServiceClock {
    public init() {}
    public func now() -> Date { Date() }
}

/// Real time, shifted so that the service starts at `start`: time still passes, from a chosen instant.
public struct OffsetClock: ServiceClock {
    public let offset: TimeInterval

    public init(start: Date, realNow: Date = Date()) {
        offset = start.timeIntervalSince(realNow)
    }

    public func now() -> Date { Date().addingTimeInterval(offset) }

    /// Reads an instant as ISO 8601 (`2026-03-01T09:00:00Z`, `2026-03-01T17:00:00+08:00`) or Unix seconds.
    public static func parseInstant(_ text: String) -> Date? {
        if let seconds = Double(text) { return Date(timeIntervalSince1970: seconds) }
        let formatter = ISO8601DateFormatter()
        if let date = formatter.date(from: text) { return date }
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.date(from: text)
    }
}

/// A clock that stands still until told to move; for tests.
public final class ManualClock: ServiceClock, @unchecked Sendable {
    private let lock = NSLock()
    private var instant: Date

    public init(_ start: Date) { instant = start }

    public func now() -> Date { lock.withLock { instant } }

    public func advance(by seconds: TimeInterval) { lock.withLock { instant += seconds } }
}
