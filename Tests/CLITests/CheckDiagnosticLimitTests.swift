import Foundation
import Testing

/// `baokao check` on a file with a flood of mistakes: the first 100 by position, then one summary line.
@Suite struct CheckDiagnosticLimitTests {
    /// The fixture rules with `unknown` extra top-level keys appended to `verification.yaml`.
    func rulesWithUnknownKeys(_ unknown: Int) throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-flood-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: RulesCommandTests.fixtureRules, toPath: folder.path)
        let file = folder.appendingPathComponent("verification.yaml")
        var text = try String(contentsOf: file, encoding: .utf8)
        text.reserveCapacity(text.utf8.count + unknown * 16)
        for i in 0..<unknown { text += "k\(i): 1\n" }
        try text.write(to: file, atomically: true, encoding: .utf8)
        return folder
    }

    @Test func twoHundredThousandUnknownKeysGiveTheFirstHundredAndOneSummaryLine() throws {
        let folder = try rulesWithUnknownKeys(200_000)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBaokao(["check", "--rules", folder.path, "--format", "gnu"])
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n")
        #expect(lines.count == 101, "\(lines.count) lines")
        #expect(lines.prefix(100).allSatisfy { $0.contains("error[unknown-key]") })
        // The first hundred by position: the keys k0 … k99 (lines 5 … 104), in order.
        #expect(lines.first?.contains("verification.yaml:5:1: error[unknown-key]: unknown key \"k0\"") == true, "\(lines.first ?? "")")
        #expect(lines[99].contains("unknown key \"k99\""))
        let summary = String(lines.last ?? "")
        #expect(summary.contains("verification.yaml:105:1: error[too-many-diagnostics]: 199900 more diagnostic(s) in this file not shown"),
                "\(summary)")
    }

    @Test func aFewMistakesAreAllShownWithoutASummary() throws {
        let folder = try rulesWithUnknownKeys(100)
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBaokao(["check", "--rules", folder.path, "--format", "gnu"])
        #expect(run.status == 1)
        #expect(run.stdout.split(separator: "\n").count == 100)
        #expect(!run.stdout.contains("too-many-diagnostics"))
    }
}
