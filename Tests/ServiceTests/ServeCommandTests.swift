import Foundation
import GRDB
@testable import Service
import Testing

/// `baokao serve` as a command: options, exit codes, the demo journey of `make demo`.
@Suite struct ServeCommandTests {
    func run(_ arguments: [String], input: String = "", environment: [String: String]? = nil,
             formKey: String? = ServeProcess.testFormKey) throws -> (status: Int32, stdout: String, stderr: String) {
        let process = try ServeProcess(arguments: arguments, environment: environment, formKey: formKey)
        try process.write(Array(input.utf8))
        try process.closeInput()
        var out = ""
        while let line = try process.readLine() { out += String(decoding: line, as: UTF8.self) + "\n" }
        process.process.waitUntilExit()
        return (process.process.terminationStatus, out, try process.stderrText())
    }

    @Test func emptyInputEndsCleanlyWithNothingOnStdout() throws {
        let folder = temporaryDirectory()
        let result = try run(["serve", "--db", folder.appendingPathComponent("x.sqlite").path])
        #expect(result.status == 0)
        #expect(result.stdout.isEmpty)
        #expect(result.stderr.contains(#""event":"start""#) && result.stderr.contains(#""event":"stop""#))
        // WAL mode, migrated.
        let mode = try DatabaseQueue(path: folder.appendingPathComponent("x.sqlite").path).read { db in
            try String.fetchOne(db, sql: "PRAGMA journal_mode")
        }
        #expect(mode == "wal")
    }

    /// `serve` runs on mimalloc (linked through CommandSupport): its threads allocate on one and free on another,
    /// which glibc's arenas made ≈15–20 % of a save (issue #14). The start line says which allocator serves
    /// `malloc`, as found at run time, so a link change that loses mimalloc fails here.
    @Test func serveRunsOnMimalloc() throws {
        let result = try run(["serve", "--db", temporaryDirectory().appendingPathComponent("x.sqlite").path])
        #expect(result.status == 0)
        #expect(result.stderr.contains(#""allocator":"mimalloc 2."#), "\(result.stderr.prefix(600))")
    }

    @Test func badOptionsAreUsageErrorsAndAnUnusableDatabaseIsAnIOError() throws {
        #expect(try run(["serve", "--clock", "yesterday"]).status == 64)
        #expect(try run(["serve", "--captcha", "maybe"]).status == 64)
        #expect(try run(["serve", "--photo-size", "big"]).status == 64)
        #expect(try run(["serve", "--db", "/proc/no/such/dir/x.sqlite"]).status == 74)
    }

    @Test func crlfAndALastLineWithoutNewlineAreAnswered() throws {
        let db = temporaryDirectory().appendingPathComponent("x.sqlite").path
        let result = try run(["serve", "--db", db, "--log", "/dev/null"],
                             input: "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"captcha.issue\"}\r\n{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"nope\"}")
        let lines = result.stdout.split(separator: "\n")
        #expect(lines.count == 2)
        #expect(try JSONParser.parse(String(lines[1]))["id"] == 2)
    }

    @Test func theDemoJourneyRunsAsItSays() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let journey = try String(contentsOf: root.appendingPathComponent("Examples/journey.jsonl"), encoding: .utf8)
        let db = temporaryDirectory().appendingPathComponent("demo.sqlite").path
        // As scripts/demo does: the staff first, then the journey inside the Beijing registration window of 一级建造师.
        for (username, password, role) in [("verifier", "Hecha2026x", "verifier"), ("bj-shenhe", "Shenhe2026x", "reviewer")] {
            let made = try run(["admin", "add-reviewer", "--db", db, "--province", "110000", "--username", username, "--password", password,
                                "--role", role, "--scrypt", "16,1,1"], input: "")
            #expect(made.status == 0)
        }
        // As make demo: no $BAOKAO_FORM_KEY, so --demo signs with the public demo key (the journey checks a form's QR).
        var environment = ProcessInfo.processInfo.environment
        environment["BAOKAO_FORM_KEY"] = nil
        let result = try run(["serve", "--db", db, "--captcha", "off", "--demo", "--scrypt", "16,1,1", "--log", "/dev/null",
                              "--rules", root.appendingPathComponent("Rules").path, "--clock", "2026-07-02T09:00:00+08:00"], input: journey,
                             environment: environment, formKey: nil)
        #expect(result.status == 0)
        var answers = 0
        for line in result.stdout.split(separator: "\n") {
            let response = try JSONParser.parse(String(line))
            for item in response.arrayValue ?? [response] {
                answers += 1
                // Each step says in its id whether it expects a refusal.
                guard case .string(let step)? = item["id"] else { continue }
                #expect((item["error"] != nil) == (step.contains("refused") || step.contains("unknown method")), "\(step): \(item.serialized)")
            }
        }
        #expect(answers == journey.split(separator: "\n").count) // a notification unanswered, a batch of two
    }

    @Test func theClockCanBeSetByOptionOrEnvironment() throws {
        let request = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"captcha.issue\"}\n"
        var environment = ProcessInfo.processInfo.environment
        environment["BAOKAO_NOW"] = "2030-01-01T08:00:00+08:00"
        let byEnvironment = try run(["serve", "--db", temporaryDirectory().appendingPathComponent("x.sqlite").path, "--log", "/dev/null"],
                                    input: request, environment: environment)
        #expect(byEnvironment.stdout.contains(#""expiresAt":"2030-01-01T00:05:00"#), "\(byEnvironment.stdout)")
        let byOption = try run(["serve", "--db", temporaryDirectory().appendingPathComponent("x.sqlite").path, "--log", "/dev/null",
                                "--clock", "1772413200"], input: request)
        #expect(byOption.stdout.contains(#""expiresAt":"2026-03-02T01:05:00"#), "\(byOption.stdout)")
    }
}
