import Foundation
import Vocabulary

/// The service's log: one JSON object per line, to stderr or a file.
///
/// What goes in is chosen field by field by the code that logs — method, request id, outcome, error code,
/// duration, account id, and values already masked (`138****8000`, `110105********002X`). Params are never
/// logged, so passwords, answers, codes and full ID or phone numbers cannot leak through a forgotten field.
public final class ServiceLog: @unchecked Sendable {
    private let lock = NSLock()
    private let sink: (String) -> Void

    /// `sink` is given one or more whole lines at a time, each ending in a newline, never two calls at once.
    public init(sink: @escaping (String) -> Void) { self.sink = sink }

    /// Appends to `handle` (stderr or a log file).
    public convenience init(handle: FileHandle) {
        // A log that can no longer be written (stderr closed) must not take the service down with it.
        self.init { line in try? handle.write(contentsOf: Data(line.utf8)) }
    }

    public static let discard = ServiceLog { _ in }

    public func write(_ event: String, at instant: Date, _ fields: [String: JSONValue]) {
        write(event, at: instant, members: fields.map { (key: $0.key, value: $0.value) })
    }

    /// `write(_:at:_:)` from members with distinct keys, as the request line is made: no dictionary to build
    /// and hash for each request (issue #14). `event` and `time` replace members of those names.
    func write(_ event: String, at instant: Date, members: [(key: String, value: JSONValue)]) {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(256)
        ServiceLog.appendLine(event, at: instant, members: members, to: &bytes)
        let line = String(decoding: bytes, as: UTF8.self)
        lock.withLock { sink(line) }
    }

    /// The request lines of calls whose line was kept for later (`PendingCall.logMembers`, the stdio loop's
    /// writing thread), in order, handed to the sink at once.
    func writeRequestLines(_ calls: some Sequence<PendingCall>) {
        var bytes: [UInt8] = []
        for call in calls {
            guard let members = call.logMembers else { continue }
            ServiceLog.appendLine("request", at: call.facts.now, members: members, to: &bytes)
            call.logMembers = nil
        }
        guard !bytes.isEmpty else { return }
        let lines = String(decoding: bytes, as: UTF8.self)
        lock.withLock { sink(lines) }
    }

    /// One line: the members sorted by key, `event` and `time` among them, and a newline.
    private static func appendLine(_ event: String, at instant: Date, members: [(key: String, value: JSONValue)], to bytes: inout [UInt8]) {
        var members = members.filter { $0.key != "event" && $0.key != "time" }
        members.append((key: "event", value: .string(event)))
        members.append((key: "time", value: .string(ServiceLog.timestamp(instant))))
        members.sort { $0.key < $1.key }
        bytes.append(UInt8(ascii: "{"))
        for (i, member) in members.enumerated() {
            if i > 0 { bytes.append(UInt8(ascii: ",")) }
            JSONValue.writeString(member.key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            member.value.write(to: &bytes)
        }
        bytes.append(contentsOf: "}\n".utf8)
    }

    /// `2026-03-02T01:00:00.000Z` — RFC 3339 in UTC with milliseconds, made by hand: a formatter object per
    /// call cost more than the rest of a read request.
    static func timestamp(_ date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let seconds = milliseconds >= 0 ? milliseconds / 1000 : (milliseconds - 999) / 1000
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let day = CalendarDate(dayNumber: Int(days))
        let secondOfDay = Int(seconds - days * 86_400)
        func two(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let millis = Int(milliseconds - seconds * 1000)
        let fraction = millis < 10 ? "00\(millis)" : millis < 100 ? "0\(millis)" : "\(millis)"
        return "\(day.description)T\(two(secondOfDay / 3600)):\(two(secondOfDay / 60 % 60)):\(two(secondOfDay % 60)).\(fraction)Z"
    }
}
