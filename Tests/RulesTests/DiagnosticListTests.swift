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
