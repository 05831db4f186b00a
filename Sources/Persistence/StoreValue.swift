import Foundation

/// One value as the service stores it, the same on SQLite and on PostgreSQL.
///
/// The service's queries are written once, in SQL both engines accept, and bind and read only these five
/// kinds. Two conventions keep the engines alike where their types differ: a boolean is an integer 0/1, and a
/// timestamp is UTC text `YYYY-MM-DD HH:MM:SS.SSS` (GRDB's own format, which existing SQLite files already hold,
/// and which orders and compares correctly as text on both).
public enum StoreValue: Sendable, Hashable {
    case null
    case integer(Int64)
    case real(Double)
    case text(String)
    case blob([UInt8])

    public var isNull: Bool { self == .null }
}

/// What can be bound as a `StoreValue` argument.
public protocol StoreValueConvertible {
    var storeValue: StoreValue { get }
}

extension StoreValue: StoreValueConvertible {
    public var storeValue: StoreValue { self }
}

extension Int: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(Int64(self)) }
}

extension Int64: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self) }
}

extension Double: StoreValueConvertible {
    public var storeValue: StoreValue { .real(self) }
}

extension String: StoreValueConvertible {
    public var storeValue: StoreValue { .text(self) }
}

extension Substring: StoreValueConvertible {
    public var storeValue: StoreValue { .text(String(self)) }
}

extension Bool: StoreValueConvertible {
    public var storeValue: StoreValue { .integer(self ? 1 : 0) }
}

extension Date: StoreValueConvertible {
    public var storeValue: StoreValue { .text(StoreTimestamp.format(self)) }
}

extension Data: StoreValueConvertible {
    public var storeValue: StoreValue { .blob([UInt8](self)) }
}

extension Array: StoreValueConvertible where Element == UInt8 {
    public var storeValue: StoreValue { .blob(self) }
}

extension Optional: StoreValueConvertible where Wrapped: StoreValueConvertible {
    public var storeValue: StoreValue { self?.storeValue ?? .null }
}

extension StoreValue: ExpressibleByNilLiteral, ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, ExpressibleByBooleanLiteral {
    public init(nilLiteral: ()) { self = .null }
    public init(integerLiteral value: Int64) { self = .integer(value) }
    public init(stringLiteral value: String) { self = .text(value) }
    public init(booleanLiteral value: Bool) { self = .integer(value ? 1 : 0) }
}

/// The stored form of a timestamp: UTC, millisecond precision, `YYYY-MM-DD HH:MM:SS.SSS`.
///
/// Written by hand rather than with a `DateFormatter`: it runs for every timestamp of every request, and the
/// formatter cost more than the query it fed.
public enum StoreTimestamp {
    public static func format(_ date: Date) -> String {
        // The nearest millisecond (not the one below): a time parsed from this text then comes back as the same
        // text, though `.123` is no exact binary fraction and a floor could give `.122`.
        var milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded())
        var seconds = milliseconds / 1000
        milliseconds -= seconds * 1000
        if milliseconds < 0 { milliseconds += 1000; seconds -= 1 }
        var days = seconds / 86_400
        var rest = seconds - days * 86_400
        if rest < 0 { rest += 86_400; days -= 1 }
        let (year, month, day) = civil(fromDays: days)
        // Written into the string's own storage, digit by digit: no array per field (a save formats several
        // times; issue #14).
        return String(unsafeUninitializedCapacity: 23) { buffer in
            var at = 0
            func put(_ value: Int64, _ width: Int) {
                var v = value
                for i in stride(from: at + width - 1, through: at, by: -1) {
                    buffer[i] = 0x30 + UInt8(truncatingIfNeeded: v % 10)
                    v /= 10
                }
                at += width
            }
            func mark(_ byte: UInt8) { buffer[at] = byte; at += 1 }
            put(year, 4); mark(0x2D); put(month, 2); mark(0x2D); put(day, 2)
            mark(0x20)
            put(rest / 3600, 2); mark(0x3A); put(rest / 60 % 60, 2); mark(0x3A); put(rest % 60, 2)
            mark(0x2E); put(milliseconds, 3)
            return at
        }
    }

    /// Parses `YYYY-MM-DD HH:MM:SS[.SSS]` (also with a `T`, and a bare `YYYY-MM-DD`), UTC; nil otherwise.
    public static func parse(_ text: String) -> Date? {
        // Read in the string's own bytes: no array per timestamp (several per save; issue #14).
        var text = text
        return text.withUTF8 { b -> Date? in
            func number(_ from: Int, _ count: Int) -> Int64? {
                guard from + count <= b.count else { return nil }
                var value: Int64 = 0
                for i in from..<(from + count) {
                    guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                    value = value * 10 + Int64(b[i] - 0x30)
                }
                return value
            }
            guard b.count >= 10, b[4] == 0x2D, b[7] == 0x2D,
                  let year = number(0, 4), let month = number(5, 2), let day = number(8, 2),
                  (1...12).contains(month), (1...31).contains(day) else { return nil }
            var seconds = days(fromCivil: year, month, day) * 86_400
            var fraction = 0.0
            if b.count > 10 {
                guard b.count >= 19, b[10] == 0x20 || b[10] == 0x54, b[13] == 0x3A, b[16] == 0x3A,
                      let hour = number(11, 2), let minute = number(14, 2), let second = number(17, 2),
                      hour < 24, minute < 60, second < 61 else { return nil }
                seconds += hour * 3600 + minute * 60 + second
                if b.count > 19 {
                    guard b[19] == 0x2E, b.count > 20 else { return nil }
                    var numerator: Int64 = 0, denominator: Int64 = 1
                    for i in 20..<b.count {
                        guard b[i] >= 0x30, b[i] <= 0x39 else { return nil }
                        if denominator < 1_000_000_000 {
                            numerator = numerator * 10 + Int64(b[i] - 0x30)
                            denominator *= 10
                        }
                    }
                    fraction = Double(numerator) / Double(denominator)
                }
            }
            return Date(timeIntervalSince1970: Double(seconds) + fraction)
        }
    }

    // Howard Hinnant's days_from_civil / civil_from_days: proleptic Gregorian, no tables, no calendar object.
    static func days(fromCivil year: Int64, _ month: Int64, _ day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    static func civil(fromDays days: Int64) -> (Int64, Int64, Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day)
    }
}
