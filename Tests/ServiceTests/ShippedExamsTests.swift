import Foundation
@testable import Service
import Rules
import Eligibility
import Vocabulary
import Testing

/// Every shipped exam works end to end beyond its rule cases (those are also replayed over JSON-RPC by
/// ``ShippedCasesOverRPCTests``): `rules.list` describes it, `exam.list` offers it while its window is
/// open, and `baokao form` prints the form of an eligible application with the exam's name on it.
@Suite struct ShippedExamsTests {
    static let rulesFolder = ShippedCasesOverRPCTests.shippedRules
    static let rules = RuleLoader(root: rulesFolder, displayRoot: "Rules").load().ruleSet!
    static let cases = RuleTestLoader(root: rulesFolder, displayRoot: "Rules").load().cases

    @Test func rulesListDescribesEveryExamWithItsLevelsSubjectsAndProvinces() throws {
        let driver = try InProcessDriver { $0.rules = RulesSource(folder: Self.rulesFolder, display: "Rules") }
        let result = try #require(try driver.call("rules.list", .object([:]))["result"])
        let listed = try #require(result["exams"]?.arrayValue)
        #expect(Set(listed.compactMap { $0["id"]?.stringValue }) == Set(Self.rules.exams.map(\.id)))
        for exam in Self.rules.exams {
            let entry = try #require(listed.first { $0["id"] == .string(exam.id) })
            #expect(entry["name"] == .string(exam.name))
            let levels = try #require(entry["levels"]?.arrayValue)
            #expect(levels.count == exam.levels.count, "\(exam.id)")
            #expect(levels.allSatisfy { ($0["subjects"]?.arrayValue?.count ?? 0) > 0 }, "\(exam.id)")
            #expect(entry["provinces"]?.arrayValue?.count == 31, "\(exam.id) is offered in every mainland province")
        }
    }

    /// One service whose clock walks through the first and last day of each exam's 北京 window and the day
    /// after: on each, `exam.list` offers exactly the exams whose window holds that day.
    @Test func examListOffersEachExamWhileItsWindowIsOpen() throws {
        func noon(_ day: CalendarDate) -> Date { Date(timeIntervalSince1970: TimeInterval(day.dayNumber) * 86_400 + 4 * 3600) }
        let windows = Self.rules.exams.compactMap { exam in exam.overlays["110000"]?.registration.map { (exam.id, $0) } }
        #expect(windows.count == Self.rules.exams.count)
        let days = Set(windows.flatMap { [$0.1.from, $0.1.until, $0.1.until.adding(days: 1)] }).sorted()
        let driver = try InProcessDriver(start: noon(days[0])) { $0.rules = RulesSource(folder: Self.rulesFolder, display: "Rules") }
        var previous = days[0]
        var seen = Set<String>()
        for day in days {
            driver.advance(by: TimeInterval(day.dayNumber - previous.dayNumber) * 86_400)
            previous = day
            let result = try #require(try driver.call("exam.list", ["province": "北京"])["result"])
            #expect(result["today"] == .string(day.description))
            let listed = Set(result["exams"]?.arrayValue?.compactMap { $0["id"]?.stringValue } ?? [])
            let open = Set(windows.filter { $0.1.contains(day) }.map(\.0))
            #expect(listed == open, "\(day)")
            seen.formUnion(listed)
        }
        #expect(seen == Set(Self.rules.exams.map(\.id)))
    }

    @Test func everyExamPrintsTheFormOfAnEligibleApplication() throws {
        var lines: [String] = []
        for exam in Self.rules.exams {
            let eligible = try #require(Self.cases.first { $0.exam == exam.id && $0.expect.eligible == true && $0.expect.error == nil },
                                        "no eligible case for \(exam.id)")
            var object = try #require(try JSONSerialization.jsonObject(with: Data(eligible.application)) as? [String: Any])
            object["id"] = exam.id
            lines.append(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let process = try ServeProcess(arguments: ["form", "--rules", Self.rulesFolder.path, "--print-date", "2026-11-24",
                                                   "--out-dir", folder.path])
        try process.send(lines.joined(separator: "\n"))
        try process.closeInput()
        #expect(try process.finish() == 0)
        for exam in Self.rules.exams {
            let pdf = folder.appendingPathComponent("\(exam.id).pdf").path
            #expect(FileManager.default.fileExists(atPath: pdf), "no form for \(exam.id)")
            let tools = ApplicationFormTests()  // its outside-tool runner
            #expect(try tools.tool(["qpdf", "--check", pdf]).status == 0, "\(exam.id)")
            let text = try tools.tool(["pdftotext", pdf, "-"]).output
            #expect(text.contains("年度\(exam.name)考试报名表"), "\(exam.id): \(text.prefix(80))")
        }
    }
}
