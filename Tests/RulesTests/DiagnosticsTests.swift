import Foundation
import Testing
@testable import Rules

@Suite struct DiagnosticsTests {
    @Test func theFixtureRulesAreClean() {
        let result = RuleLoader(root: Fixtures.rules, displayRoot: "rules").load()
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormat.gnu.render(result.diagnostics))")
        #expect(result.ruleSet?.exams.map(\.id) == ["demo"])
    }

    @Test func theShippedRulesAreClean() {
        let result = RuleLoader(root: Fixtures.packageRoot.appendingPathComponent("Rules"), displayRoot: "Rules").load()
        #expect(result.diagnostics.isEmpty, "\(DiagnosticFormat.gnu.render(result.diagnostics))")
        #expect(Set(result.ruleSet?.exams.map(\.id) ?? []) == ["yijian", "jianli", "yizao", "zhuan", "jingji", "shegong", "yaoshi", "yixiao",
                                                               "cehui", "guihua", "kancha", "huanping", "jiliang", "shebei", "zixun", "shenji",
                                                               "tongji", "chuban"])
    }

    @Test("every diagnostic kind is covered by a broken fixture")
    func fixturesCoverTheKinds() throws {
        let covered = Set(try BrokenFixture.all().map(\.code))
        let expected: Set<String> = [
            "yaml-syntax", "unknown-key", "duplicate-key", "wrong-type", "missing-field", "unknown-subject",
            "unknown-specialty", "unknown-major-group", "unknown-qualification", "unknown-education", "unknown-level",
            "overlapping-periods", "empty-period", "fee-not-whole-fen", "audit-point-outside-province",
            "city-without-audit-point", "unreachable-condition", "contradicting-conditions", "code-name-mismatch",
            "file-mismatch", "unknown-audit-point", "unknown-province", "duplicate-id", "unknown-city", "invalid-value",
            "qualification-collision", "qualification-level-mismatch",
        ]
        #expect(expected.subtracting(covered).isEmpty, "no fixture for \(expected.subtracting(covered).sorted())")
    }

    @Test(arguments: try BrokenFixture.all())
    func brokenFixtureGivesItsDiagnosticAtTheMarker(_ fixture: BrokenFixture) throws {
        let (root, line, column) = try fixture.apply()
        defer { try? FileManager.default.removeItem(at: root) }
        let result = RuleLoader(root: root, displayRoot: "Rules").load()
        #expect(result.ruleSet == nil, "a broken rule tree must not load")
        let hit = result.diagnostics.first { $0.code.rawValue == fixture.code && $0.location.line == line && $0.location.column == column }
        #expect(hit != nil, "expected \(fixture.code) at \(fixture.target):\(line):\(column), got:\n\(DiagnosticFormat.gnu.render(result.diagnostics))")
        #expect(hit?.location.file == "Rules/\(fixture.target)")
        if let hint = fixture.hint { #expect(hit?.hint == hint) }
        #expect(hit?.sourceLine != nil)
    }

    @Test func diagnosticsAreSortedByFileAndPosition() throws {
        let root = try Fixtures.copyOfRules()
        defer { try? FileManager.default.removeItem(at: root) }
        let exam = root.appendingPathComponent("exams/demo/exam.yaml")
        var text = try String(contentsOf: exam, encoding: .utf8)
        text = text.replacingOccurrences(of: "exempt: [jingji, guanli]", with: "exempt: [jingji2, guanli2]")
        text = text.replacingOccurrences(of: "rolling: {full: 2}", with: "rolling: {full: 2}\nbogus: 1")
        try text.write(to: exam, atomically: true, encoding: .utf8)
        let diagnostics = RuleLoader(root: root, displayRoot: "Rules").load().diagnostics
        #expect(diagnostics.count >= 3)
        #expect(diagnostics.map(\.location) == diagnostics.map(\.location).sorted())
    }

    @Test func humanFormatShowsTheLineWithACaretAndTheHint() {
        let d = Diagnostic(.error, .unknownSubject, at: SourceLocation(file: "Rules/exams/yijian/exam.yaml", line: 42, column: 7),
                           "subject \"jingji2\" is not defined in this exam", hint: "did you mean \"jingji\"?",
                           sourceLine: "    - jingji2")
        #expect(DiagnosticFormat.human.render([d]) == """
            Rules/exams/yijian/exam.yaml:42:7: error[unknown-subject]: subject "jingji2" is not defined in this exam
             42 |     - jingji2
                |       ^
            hint: did you mean "jingji"?

            """)
        #expect(DiagnosticFormat.gnu.render([d]) == "Rules/exams/yijian/exam.yaml:42:7: error[unknown-subject]: subject \"jingji2\" is not defined in this exam (hint: did you mean \"jingji\"?)\n")
        let json = DiagnosticFormat.json.render([d])
        #expect(json.contains("\"code\":\"unknown-subject\""))
        #expect(json.contains("\"line\":42"))
    }

    @Test func caretAccountsForWideCharacters() {
        let d = Diagnostic(.error, .unknownMajorGroup, at: SourceLocation(file: "f.yaml", line: 1, column: 10),
                           "x", sourceLine: "majors: [工程内]")
        #expect(DiagnosticFormat.human.render([d]).contains("\n   | " + String(repeating: " ", count: 9) + "^"))
    }

    @Test func suggestionsFindCloseNamesOnly() {
        #expect(Suggestion.closest(to: "jingji2", among: ["jingji", "fagui"]) == "jingji")
        #expect(Suggestion.closest(to: "specialtys", among: ["specialties", "subjects"]) == "specialties")
        #expect(Suggestion.closest(to: "zzzzzz", among: ["jingji", "fagui"]) == nil)
    }
}
