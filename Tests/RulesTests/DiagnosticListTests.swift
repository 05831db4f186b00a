import Testing
@testable import Rules

@Suite struct DiagnosticListTests {
    func diagnostic(line: Int, _ severity: Diagnostic.Severity = .error) -> Diagnostic {
        Diagnostic(severity, .unknownKey, at: SourceLocation(file: "f.yaml", line: line, column: 1), "line \(line)")
    }

    /// Reported out of order (a later check finds a mistake near the top): the kept ones are the first by position.
    @Test func keepsTheFirstByPositionWhateverTheOrderOfReports() {
        var list = DiagnosticList(file: "f.yaml", limit: 10)
        for line in (1...1000).reversed() { list.append(diagnostic(line: line)) }
        let all = list.all
        #expect(all.count == 11)
        #expect(all.prefix(10).map(\.location.line) == Array(1...10))
        #expect(all.last?.code == .tooManyDiagnostics)
        #expect(all.last?.location.line == 11)
        #expect(all.last?.message.hasPrefix("990 more") == true)
    }

    /// Once full, a report past the cut is counted without its message being built; one before it is kept.
    @Test func aReportPastTheCutIsCountedWithoutBeingBuilt() {
        var list = DiagnosticList(file: "f.yaml", limit: 2)
        for line in [10, 20, 30, 40] { list.append(diagnostic(line: line)) }
        let at = { (line: Int) in SourceLocation(file: "f.yaml", line: line, column: 1) }
        let late = list.keeps(.unknownKey, at: at(50), severity: .error)
        let early = list.keeps(.unknownKey, at: at(5), severity: .error)
        #expect(!late && early)
        list.append(diagnostic(line: 5))
        // 30 and 40 trimmed, 50 counted unbuilt, 20 pushed out by 5: four more, the first of them at line 20.
        #expect(list.all.map(\.location.line) == [5, 10, 20])
        #expect(list.all.last?.code == .tooManyDiagnostics && list.all.last?.message.hasPrefix("4 more") == true)
    }

    /// A dropped error keeps the file failing even when only warnings are shown.
    @Test func theSummaryIsAnErrorWhenAnErrorWasDropped() {
        var warnings = DiagnosticList(file: "f.yaml", limit: 2)
        for line in 1...3 { warnings.append(diagnostic(line: line, .warning)) }
        #expect(warnings.all.last?.severity == .warning)
        var mixed = DiagnosticList(file: "f.yaml", limit: 2)
        for line in 1...2 { mixed.append(diagnostic(line: line, .warning)) }
        mixed.append(diagnostic(line: 3, .error))
        #expect(mixed.all.last?.severity == .error)
        #expect(mixed.all.count == 3)
    }
}
