import Foundation

/// A date on the Gregorian calendar, without time or zone: `2026-12-31`, or `2015-07` when only the month
/// is known (graduation and work dates are often given that way; such a date stands for the 1st).
public struct CalendarDate: Hashable, Comparable, Sendable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int
    /// False for a `YYYY-MM` date; `day` is then 1.
    public let hasDay: Bool

    /// A validated date; throws `date-invalid` for a day that does not exist (2023-02-29).
    public init(year: Int, month: Int, day: Int) throws {
        guard (1...9999).contains(year), (1...12).contains(month) else {
            throw ValidationError(.dateInvalid, "日期无效：\(year)年\(month)月不存在")
        }
        let last = CalendarDate.daysInMonth(year: year, month: month)
        guard (1...last).contains(day) else {
            throw ValidationError(.dateInvalid, "日期无效：\(year)年\(month)月只有\(last)天，没有\(day)日")
        }
        self.year = year
        self.month = month
        self.day = day
        self.hasDay = true
    }

    /// A month-precision date (`2015-07`).
    public init(year: Int, month: Int) throws {
        let first = try CalendarDate(year: year, month: month, day: 1)
        self.year = first.year
        self.month = first.month
        self.day = 1
        self.hasDay = false
    }

    private init(unchecked year: Int, _ month: Int, _ day: Int) {
        self.year = year
        self.month = month
        self.day = day
        self.hasDay = true
    }

    /// Parses `YYYY-MM-DD` or `YYYY-MM` (ASCII or full-width digits, surrounding blanks ignored).
    public static func parse(_ text: String) throws -> CalendarDate {
        // Fast path: plain ASCII `YYYY-MM-DD` / `YYYY-MM`, as machines write it.
        if let parts = text.utf8.withContiguousStorageIfAvailable({ CalendarDate.plainParts($0) }) ?? nil {
            return try date(parts)
        }
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines).foldingFullWidthASCII()
        let parts = trimmed.split(separator: "-", omittingEmptySubsequences: false)
        func number(_ part: Substring, digits: Int) -> Int? {
            guard part.count == digits, part.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
            return Int(part)
        }
        guard parts.count == 2 || parts.count == 3,
              let year = number(parts[0], digits: 4),
              let month = number(parts[1], digits: 2)
        else {
            throw ValidationError(.dateFormat, "日期格式应为YYYY-MM-DD或YYYY-MM，收到“\(text)”")
        }
        if parts.count == 2 { return try CalendarDate(year: year, month: month) }
        guard let day = number(parts[2], digits: 2) else {
            throw ValidationError(.dateFormat, "日期格式应为YYYY-MM-DD或YYYY-MM，收到“\(text)”")
        }
        return try CalendarDate(year: year, month: month, day: day)
    }

    /// ``parse(_:)`` on UTF-8 bytes: the plain ASCII forms without making a string.
    public static func parse(utf8 bytes: UnsafeBufferPointer<UInt8>) throws -> CalendarDate {
        if let parts = CalendarDate.plainParts(bytes) { return try date(parts) }
        return try parse(String(decoding: bytes, as: UTF8.self))
    }

    /// Reads ASCII bytes in the plain form: year, month and (for `YYYY-MM-DD`) day, not yet validated as
    /// a date; nil when the bytes are not in that form. Numbers, not a closure: a closure capturing them
    /// was a heap allocation per date read.
    private static func plainParts(_ b: UnsafeBufferPointer<UInt8>) -> (year: Int, month: Int, day: Int?)? {
        guard b.count == 10 || b.count == 7, b[4] == UInt8(ascii: "-") else { return nil }
        @inline(__always)  // three calls per date, of a few dozen instructions each, for a loop of two to four digits
        func digits(_ range: Range<Int>) -> Int? {
            var value = 0
            for i in range {
                let d = b[i] &- 0x30
                guard d < 10 else { return nil }
                value = value * 10 + Int(d)
            }
            return value
        }
        guard let year = digits(0..<4), let month = digits(5..<7) else { return nil }
        if b.count == 7 { return (year, month, nil) }
        guard b[7] == UInt8(ascii: "-"), let day = digits(8..<10) else { return nil }
        return (year, month, day)
    }

    /// The date of plain parts, validated.
    private static func date(_ parts: (year: Int, month: Int, day: Int?)) throws -> CalendarDate {
        guard let day = parts.day else { return try CalendarDate(year: parts.year, month: parts.month) }
        return try CalendarDate(year: parts.year, month: parts.month, day: day)
    }

    /// 31 December of `year` — the default cutoff of work years.
    public static func endOfYear(_ year: Int) -> CalendarDate {
        CalendarDate(unchecked: year, 12, 31)
    }

    /// The date in China (UTC+8) at `instant`.
    public static func today(at instant: Date = Date()) -> CalendarDate {
        let seconds = Int(instant.timeIntervalSince1970.rounded(.down)) + 8 * 3600
        return CalendarDate(dayNumber: seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400)
    }

    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    public static func daysInMonth(year: Int, month: Int) -> Int {
        switch month {
        case 2: return isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }

    /// A number that orders as the dates do, without calendar arithmetic: for storing a date compactly
    /// where only comparisons are needed. Years 0–4,000,000 fit in 32 bits.
    public var orderKey: Int { (year << 9) | (month << 5) | day }

    /// Days since 1970-01-01 (negative before), for arithmetic and fast comparison.
    public var dayNumber: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// The date `dayNumber` days after 1970-01-01.
    public init(dayNumber: Int) {
        let z = dayNumber + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        self.init(unchecked: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public func adding(days: Int) -> CalendarDate {
        CalendarDate(dayNumber: dayNumber + days)
    }

    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func adding(years: Int) -> CalendarDate {
        let target = year + years
        return CalendarDate(unchecked: target, month, min(day, CalendarDate.daysInMonth(year: target, month: month)))
    }

    /// The same day `months` later, clamped to the end of a shorter month.
    public func adding(months: Int) -> CalendarDate {
        let index = year * 12 + (month - 1) + months
        let (y, m) = (index / 12, index % 12 + 1)
        return CalendarDate(unchecked: y, m, min(day, CalendarDate.daysInMonth(year: y, month: m)))
    }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    /// `2026-12-31`, or `2015-07` for a month-precision date.
    public var description: String {
        // Digits written directly: `String(format:)` goes through Foundation and showed in profiles of
        // `baokao eval`. The format stays for years outside four digits (never for a validated date).
        guard (0...9999).contains(year) else {
            let ym = String(format: "%04d-%02d", year, month)
            return hasDay ? ym + String(format: "-%02d", day) : ym
        }
        var text = ""
        CalendarDate.append(year, digits: 4, to: &text)
        text.append("-")
        CalendarDate.append(month, digits: 2, to: &text)
        if hasDay {
            text.append("-")
            CalendarDate.append(day, digits: 2, to: &text)
        }
        return text
    }

    /// `value` (which has at most `digits` digits) zero-padded, as `%0*d` writes it.
    private static func append(_ value: Int, digits: Int, to text: inout String) {
        var divisor = 1
        for _ in 1..<digits { divisor *= 10 }
        while divisor > 0 {
            text.unicodeScalars.append(Unicode.Scalar(UInt8(0x30 + value / divisor % 10)))
            divisor /= 10
        }
    }

    /// `2026年12月31日`, or `2015年7月`.
    public var chinese: String {
        hasDay ? "\(year)年\(month)月\(day)日" : "\(year)年\(month)月"
    }
}
