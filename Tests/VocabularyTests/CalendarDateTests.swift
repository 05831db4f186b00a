import Foundation
import Testing
@testable import Vocabulary

@Suite struct CalendarDateTests {
    @Test(arguments: ["2026-12-31", "2000-02-29", "2015-07", "1949-10-01"])
    func roundTrips(text: String) throws {
        #expect(try CalendarDate.parse(text).description == text)
    }

    @Test(arguments: [
        ("2023-02-29", "date-invalid"), ("1900-02-29", "date-invalid"), ("2026-13-01", "date-invalid"),
        ("2026-04-31", "date-invalid"), ("2026-00", "date-invalid"), ("2026/12/31", "date-format"),
        ("26-12-31", "date-format"), ("2026-1-5", "date-format"), ("", "date-format"), ("2026-12-31T00", "date-format"),
    ])
    func refuses(text: String, code: String) {
        let error = #expect(throws: ValidationError.self) { try CalendarDate.parse(text) }
        #expect(error?.code.rawValue == code)
    }

    @Test func monthPrecision() throws {
        let date = try CalendarDate.parse("2015-07")
        #expect(!date.hasDay)
        #expect(date.day == 1)
        #expect(date.chinese == "2015年7月")
    }

    @Test func dayNumbersRoundTrip() throws {
        #expect(try CalendarDate.parse("1970-01-01").dayNumber == 0)
        #expect(try CalendarDate.parse("2000-03-01").dayNumber - CalendarDate.parse("2000-02-28").dayNumber == 2)
        for n in stride(from: -30_000, to: 60_000, by: 37) {
            #expect(CalendarDate(dayNumber: n).dayNumber == n)
        }
    }

    /// Order keys order as the dates do: the route compares records' dates by them.
    @Test func orderKeysOrderAsDates() throws {
        let dates = stride(from: -800_000, to: 800_000, by: 997).map(CalendarDate.init(dayNumber:))
            + [try CalendarDate.parse("2015-07"), try CalendarDate.parse("2015-07-01"), try CalendarDate.parse("2015-06-30")]
        for (a, b) in zip(dates, dates.dropFirst(1) + dates.prefix(1)) {
            #expect((a < b) == (a.orderKey < b.orderKey) && (b < a) == (b.orderKey < a.orderKey), "\(a) \(b)")
        }
        for n in 20_000..<21_000 {
            #expect(CalendarDate(dayNumber: n).orderKey < CalendarDate(dayNumber: n + 1).orderKey)
        }
    }

    @Test func arithmetic() throws {
        let leap = try CalendarDate.parse("2024-02-29")
        #expect(leap.adding(years: 1).description == "2025-02-28")
        #expect(leap.adding(years: 4).description == "2028-02-29")
        #expect(try CalendarDate.parse("2026-01-31").adding(months: 1).description == "2026-02-28")
        #expect(try CalendarDate.parse("2026-12-31").adding(days: 1).description == "2027-01-01")
        #expect(CalendarDate.endOfYear(2026).description == "2026-12-31")
    }

    @Test func todayIsInChinaTime() {
        // 2026-11-24T16:30:00Z is already 25 November in Beijing.
        let instant = Date(timeIntervalSince1970: 1_795_537_800)
        #expect(CalendarDate.today(at: instant).description == "2026-11-25")
    }

    @Test func money() throws {
        #expect(try Fen(yuan: "56").value == 5600)
        #expect(try Fen(yuan: "56.5").value == 5650)
        #expect(try Fen(yuan: "0.07").value == 7)
        #expect(Fen(23200).yuanText == "232.00元")
        #expect(Fen(5).yuanText == "0.05元")
        #expect((Fen(5600) + Fen(6400)) * 2 == Fen(24000))
        for bad in ["56.555", "-5", "abc", "", "5.", ".5", "1e3"] {
            #expect(throws: ValidationError.self, "\(bad)") { try Fen(yuan: bad) }
        }
    }
}
