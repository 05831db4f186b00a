import Testing
@testable import Eligibility
import Vocabulary

@Suite struct WorkTimeTests {
    let cutoff = CalendarDate.endOfYear(2026)
    func d(_ s: String) -> CalendarDate { try! CalendarDate.parse(s) }

    @Test func exactlyNYearsAtTheCutoffPassesAndOneDayLessFails() {
        for years in 1...20 {
            let start = cutoff.adding(days: 1).adding(years: -years)
            let exact = WorkTime.count(periods: [(start, cutoff)], cutoff: cutoff)
            let short = WorkTime.count(periods: [(start.adding(days: 1), cutoff)], cutoff: cutoff)
            #expect(exact.meets(years: years, cutoff: cutoff), "\(years) years from \(start)")
            #expect(!short.meets(years: years, cutoff: cutoff), "\(years) years from \(start.adding(days: 1))")
        }
    }

    /// The shortcut of `meets` (bounds on the days of N years) answers as the exact count, around every
    /// boundary, for cutoffs across leap years and the non-leap centuries 1900 and 2100.
    @Test func theBoundsShortcutAgreesWithTheExactCount() throws {
        for year in [1900, 1999, 2000, 2003, 2004, 2024, 2026, 2099, 2100, 2101] {
            for (month, day) in [(12, 31), (2, 28), (2, 29), (3, 1), (6, 30)] {
                guard let cutoff = try? CalendarDate(year: year, month: month, day: day) else { continue }
                for years in 0...40 {
                    let required = WorkTime.requiredDays(years: years, cutoff: cutoff)
                    for days in max(0, required - 3)...(required + 3) {
                        #expect(WorkTime.counted(days: days).meets(years: years, cutoff: cutoff) == (days >= required),
                                "\(cutoff) \(years) years, \(days) days")
                    }
                }
            }
        }
    }

    @Test func leapDaysDoNotShiftTheBoundary() {
        let leapCutoff = try! CalendarDate(year: 2028, month: 2, day: 29)
        let start = d("2024-03-01")
        #expect(WorkTime.count(periods: [(start, leapCutoff)], cutoff: leapCutoff).meets(years: 4, cutoff: leapCutoff))
        #expect(!WorkTime.count(periods: [(d("2024-03-02"), leapCutoff)], cutoff: leapCutoff).meets(years: 4, cutoff: leapCutoff))
    }

    @Test func periodsMergeAndStopAtTheCutoff() {
        let t = WorkTime.count(periods: [(d("2020-01-01"), d("2021-12-31")), (d("2021-01-01"), d("2030-01-01"))], cutoff: cutoff)
        #expect(t.days == cutoff.dayNumber - d("2020-01-01").dayNumber + 1)
        let none = WorkTime.count(periods: [(d("2027-01-01"), d("2028-01-01"))], cutoff: cutoff)
        #expect(none.days == 0)
    }

    /// Overlapping periods, several containing the same excluded period, periods past the cutoff, excluded
    /// periods overlapping each other: every choice of up to three periods and two exclusions among a few
    /// counts the days a day-by-day count finds.
    @Test func countAgreesWithADayByDayCount() {
        let base = d("2026-12-10")
        let day = { (offset: Int) in base.adding(days: offset) }
        let spans = [(0, 20), (2, 8), (3, 12), (5, 6), (10, 30), (15, 16), (0, 1), (19, 25)]
        let exclusions = [(4, 5), (3, 9), (0, 0), (11, 18), (6, 14), (20, 40)]
        func choices<T>(_ items: [T], upTo k: Int) -> [[T]] {
            guard k > 0, let first = items.first else { return [[]] }
            let rest = Array(items.dropFirst())
            return choices(rest, upTo: k) + choices(rest, upTo: k - 1).map { [first] + $0 }
        }
        for chosen in choices(spans, upTo: 3) {
            for excluded in choices(exclusions, upTo: 2) {
                let counted = WorkTime.count(periods: chosen.map { (day($0.0), day($0.1)) }, cutoff: cutoff,
                                             excluded: excluded.map { (day($0.0), day($0.1)) })
                let limit = cutoff.dayNumber - base.dayNumber  // the cutoff's offset: days after it do not count
                let days = Set(chosen.flatMap { $0.0...min($0.1, limit) }.filter { $0 <= limit })
                    .subtracting(excluded.flatMap { $0.0...$0.1 })
                #expect(counted.days == days.count, "\(chosen) less \(excluded)")
            }
        }
    }

    @Test func fullTimeStudyIsExcluded() {
        let t = WorkTime.count(periods: [(d("2020-01-01"), cutoff)], cutoff: cutoff, excluded: [(d("2021-01-01"), d("2022-12-31"))])
        #expect(t.days == 2557 - 730)
        #expect(t.meets(years: 5, cutoff: cutoff) && !t.meets(years: 6, cutoff: cutoff))
    }

    @Test(arguments: [("2024-01-01", "3年"), ("2023-07-20", "3年5个月12天"), ("2026-12-01", "1个月"), ("2026-12-31", "1天")])
    func chineseDescription(start: String, text: String) {
        let t = WorkTime.count(periods: [(d(start), cutoff)], cutoff: cutoff)
        #expect(t.chinese(cutoff: cutoff).hasSuffix(text))
    }

    @Test func declaredYears() {
        #expect(WorkTime.declared(3).meets(years: 3, cutoff: cutoff))
        #expect(!WorkTime.declared(2.9).meets(years: 3, cutoff: cutoff))
        #expect(WorkTime.declared(3.5).chinese(cutoff: cutoff) == "3年6个月")
        #expect(WorkTime.declared(1).earliestYear(meeting: 3, examYear: 2026, cutoffMonth: 12, cutoffDay: 31) == 2028)
        #expect(WorkTime.declared(2.5).earliestYear(meeting: 3, examYear: 2026, cutoffMonth: 12, cutoffDay: 31) == 2027)
    }

    @Test func earliestYearFromPeriods() {
        let t = WorkTime.count(periods: [(d("2024-01-02"), cutoff)], cutoff: cutoff)
        #expect(t.earliestYear(meeting: 3, examYear: 2026, cutoffMonth: 12, cutoffDay: 31) == 2027)
    }

    /// The search starts at the first year that could be enough: it must find what trying every year from
    /// the exam year finds, for counts on both sides of each year's 365 and 366 days.
    @Test func earliestYearSkipsOnlyYearsThatCannotBeEnough() throws {
        for (month, day) in [(12, 31), (6, 30), (2, 28)] {
            for examYear in 2023...2028 {
                let cutoff = try CalendarDate(year: examYear, month: month, day: day)
                for years in [1, 2, 3, 4, 6, 10, 20, 40] {
                    for days in stride(from: 0, through: 365 * years + 30, by: 7) + [365 * years - 1, 365 * years, 365 * years + 1] {
                        let counted = WorkTime.counted(days: days)
                        let tryEvery = (0...60).first { k in
                            let later = cutoff.adding(years: k)
                            return WorkTime.counted(days: days + later.dayNumber - cutoff.dayNumber).meets(years: years, cutoff: later)
                        }.map { examYear + $0 }
                        #expect(counted.earliestYear(meeting: years, examYear: examYear, cutoffMonth: month, cutoffDay: day) == tryEvery,
                                "\(days) days, \(years) years, cutoff \(cutoff)")
                    }
                }
            }
        }
    }
}
