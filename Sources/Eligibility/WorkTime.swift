import Vocabulary

/// Counted work: either the years a candidate declared, or days computed from dated periods.
public struct WorkTime: Sendable, Equatable {
    /// `relevantWorkYears` as declared.
    public let declaredYears: Double?
    /// Days counted from periods (overlaps once), up to and including the cutoff.
    public let days: Int

    public static func declared(_ years: Double) -> WorkTime { WorkTime(declaredYears: years, days: 0) }
    public static func counted(days: Int) -> WorkTime { WorkTime(declaredYears: nil, days: max(0, days)) }

    /// The days in the `years` years that end at `cutoff` (inclusive): exactly N years at the cutoff passes.
    public static func requiredDays(years: Int, cutoff: CalendarDate) -> Int {
        let end = cutoff.adding(days: 1)
        return end.dayNumber - end.adding(years: -years).dayNumber
    }

    public func meets(years: Int, cutoff: CalendarDate) -> Bool {
        if let declaredYears { return declaredYears + 1e-9 >= Double(years) }
        // N years hold 365·N days plus their 29 Februaries, of which there are at most N/4 + 1: most
        // counts are decided by these bounds, without the calendar arithmetic of the exact number.
        let least = 365 * years
        if days < least { return false }
        if days >= least + years / 4 + 1 { return true }
        return days >= WorkTime.requiredDays(years: years, cutoff: cutoff)
    }

    /// `3年5个月`, `3年11个月30天`, `0年`: the counted time as years, months and days up to the cutoff.
    public func chinese(cutoff: CalendarDate) -> String { Chinese(time: self, cutoff: cutoff).rendered }

    /// ``chinese(cutoff:)`` as pieces, written into a message without a `String` in between.
    struct Chinese: TextPiece, RenderedText {
        let time: WorkTime
        let cutoff: CalendarDate

        func write<S: TextSink>(to s: inout S) {
            if let declaredYears = time.declaredYears {
                let whole = Int(declaredYears)
                let months = Int(((declaredYears - Double(whole)) * 12).rounded())
                s.write(whole, "年")
                if months != 0 { s.write(months, "个月") }
                return
            }
            let end = cutoff.adding(days: 1)
            let start = end.adding(days: -time.days)
            var years = end.year - start.year
            if start.adding(years: years) > end { years -= 1 }
            var anchor = start.adding(years: years)
            var months = 0
            while anchor.adding(months: months + 1) <= end { months += 1 }
            anchor = anchor.adding(months: months)
            let rest = end.dayNumber - anchor.dayNumber
            s.write(years, "年")
            if months > 0 { s.write(months, "个月") }
            if rest > 0 { s.write(rest, "天") }
        }
    }

    /// The first exam year, from `year` on, in which continuing work meets `years` (nil beyond 60 years).
    public func earliestYear(meeting years: Int, examYear year: Int, cutoffMonth: Int, cutoffDay: Int) -> Int? {
        if let declaredYears {
            return year + max(0, Int((Double(years) - declaredYears - 1e-9).rounded(.up)))
        }
        guard let cutoff = try? CalendarDate(year: year, month: cutoffMonth, day: cutoffDay) else { return nil }
        // No year adds more than 366 days, and N years need at least 365·N: the years before `first`
        // cannot be enough, and are not tried one by one.
        let first = max(0, (365 * years - days + 365) / 366)
        guard first <= 60 else { return nil }
        for k in first...60 {
            let later = cutoff.adding(years: k)
            let grown = WorkTime.counted(days: days + later.dayNumber - cutoff.dayNumber)
            if grown.meets(years: years, cutoff: later) { return year + k }
        }
        return nil
    }

    /// Merges dated periods (inclusive, open end = cutoff), drops what lies after the cutoff or inside
    /// `excluded` ranges (full-time study), and counts each day once.
    public static func count(periods: [(from: CalendarDate, to: CalendarDate)], cutoff: CalendarDate,
                             excluded: [(from: CalendarDate, to: CalendarDate)] = []) -> WorkTime {
        // The periods merged first, so that ranges are disjoint and an excluded period can split only one
        // of them: the ranges then fit two buffers on the stack, of room for every period and one more
        // range per excluded period, passed back and forth (the arrays this made per application were a
        // tenth of counting). Merging before excluding counts the same days: both are the union of the
        // periods less the excluded ones.
        let capacity = periods.count + excluded.count
        let total = withUnsafeTemporaryAllocation(of: (Int, Int).self, capacity: 2 * capacity) { both -> Int in
            var ranges = UnsafeMutableBufferPointer(rebasing: both[0..<capacity])
            var other = UnsafeMutableBufferPointer(rebasing: both[capacity...])
            var count = 0
            for p in periods {
                let a = p.from.dayNumber, b = min(p.to.dayNumber, cutoff.dayNumber) + 1
                if a < b { ranges[count] = (a, b); count += 1 }
            }
            var unsorted = UnsafeMutableBufferPointer(rebasing: ranges[..<count])
            unsorted.sort { $0.0 < $1.0 }
            var merged = 0
            for i in 0..<count {
                if merged > 0, ranges[i].0 <= ranges[merged - 1].1 {
                    ranges[merged - 1].1 = max(ranges[merged - 1].1, ranges[i].1)
                } else {
                    ranges[merged] = ranges[i]
                    merged += 1
                }
            }
            count = merged
            for ex in excluded {
                // Each range minus the excluded one: what lies before it and what lies after it.
                let (ea, eb) = (ex.from.dayNumber, ex.to.dayNumber + 1)
                var kept = 0
                for r in ranges[..<count] {
                    guard ea < r.1, eb > r.0 else {
                        other[kept] = r; kept += 1
                        continue
                    }
                    if r.0 < ea { other[kept] = (r.0, ea); kept += 1 }
                    if eb < r.1 { other[kept] = (eb, r.1); kept += 1 }
                }
                swap(&ranges, &other)
                count = kept
            }
            return ranges[..<count].reduce(0) { $0 + $1.1 - $1.0 }
        }
        return .counted(days: total)
    }
}
