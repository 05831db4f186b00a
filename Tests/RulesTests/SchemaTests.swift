import Foundation
import Testing

/// The JSON Schemas of `Rules/schema/` (what editors validate against as staff type) accept every
/// shipped file and reject the broken fixtures whose mistake is structural. Cross-references (an unknown
/// subject, overlapping periods …) are beyond a schema: only the loader sees them.
@Suite struct SchemaTests {
    static let structural: Set<String> = [
        "yaml-syntax", "duplicate-key", "unknown-key", "wrong-type", "missing-field", "invalid-value",
        "unknown-education", "unknown-province",
    ]

    func checkSchemas(_ rules: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Fixtures.packageRoot.appendingPathComponent("scripts/check-schemas").path, "--rules", rules]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test func everyShippedFileValidates() throws {
        let run = try checkSchemas(Fixtures.packageRoot.appendingPathComponent("Rules").path)
        #expect(run.status == 0, "\(run.output)")
        let fixture = try checkSchemas(Fixtures.rules.path)
        #expect(fixture.status == 0, "\(fixture.output)")
    }

    @Test(arguments: try BrokenFixture.all().filter { structural.contains($0.code) })
    func structuralMistakesAreRejected(_ fixture: BrokenFixture) throws {
        let (root, _, _) = try fixture.apply()
        defer { try? FileManager.default.removeItem(at: root) }
        let run = try checkSchemas(root.path)
        #expect(run.status != 0, "\(fixture.name) passed the schema")
    }
}
