import Foundation

/// The service's log: one JSON object per line, to stderr or a file.
///
/// What goes in is chosen field by field by the code that logs — method, request id, outcome, error code,
/// duration, account id, and values already masked (`138****8000`, `110105********002X`). Params are never
/// logged, so passwords, answers, codes and full ID or phone numbers cannot leak through a forgotten field.
public final class ServiceLog: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: (String) -> Void

    public init(sink: @escaping (String) -> Void) { self.sink = sink }

    /// Appends to `handle` (stderr or a log file).
    public convenience init(handle: FileHandle) {
        self.init { line in handle.write(Data(line.utf8)) }
    }

    public static let discard = ServiceLog { _ in }

    public func write(_ event: String, at instant: Date, _ fields: [String: JSONValue]) {
        var object = fields
        object["event"] = .string(event)
        object["time"] = .string(ServiceLog.timestamp(instant))
        let line = JSONValue.object(object).serialized + "\n"
        lock.withLock { sink(line) }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        return formatter.string(from: date)
    }
}
