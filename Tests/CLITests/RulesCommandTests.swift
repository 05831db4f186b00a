import Foundation
import Testing

/// `baokao check`, `baokao eval` and `baokao test`, run as a user runs them.
@Suite struct RulesCommandTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let fixtureRules = root.appendingPathComponent("Tests/Fixtures/rules").path
    static let shippedRules = root.appendingPathComponent("Rules").path

    static let application = #"{"id":"a","exam":"demo","year":2026,"province":"北京","specialty":"jianzhu","relevantWorkYears":3,"candidate":{"name":"王𠮷","idNumber":"11010519491231002X","education":[{"level":"bachelor","major":"土木工程","graduated":"2015-07-01","verification":"verified"}]}}"#

    @Test func checkOnTheShippedRulesPrintsNothing() throws {
        let run = try runBaokao(["check", "--rules", Self.shippedRules])
        #expect(run.status == 0, "\(run.stdout)")
        #expect(run.stdout.isEmpty)
    }

    @Test func checkReportsABrokenFileAtItsPosition() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.fixtureRules, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let exam = folder.appendingPathComponent("exams/demo/exam.yaml")
        let text = try String(contentsOf: exam, encoding: .utf8).replacingOccurrences(of: "exempt: [jingji, guanli]", with: "exempt: [jingji2, guanli]")
        try text.write(to: exam, atomically: true, encoding: .utf8)
        let line = text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.contains("jingji2") }! + 1

        let human = try runBaokao(["check", "--rules", folder.path])
        #expect(human.status == 1)
        #expect(human.stdout.contains("exams/demo/exam.yaml:\(line):14: error[unknown-subject]: subject \"jingji2\" is not defined in this exam"))
        #expect(human.stdout.contains("hint: did you mean \"jingji\"?"))
        #expect(human.stdout.contains("^"))

        let gnu = try runBaokao(["check", "--rules", folder.path, "--format", "gnu"])
        #expect(gnu.stdout.split(separator: "\n").count == 1)
        let json = try runBaokao(["check", "--rules", folder.path, "--format", "json"])
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["code"] as? String == "unknown-subject")
        #expect(parsed?.first?["line"] as? Int == line)
    }

    @Test func aMissingRuleFolderIsAnIOFailure() throws {
        #expect(try runBaokao(["eval", "--rules", "/nonexistent/rules"], stdin: "").status == 74)
    }

    @Test func evalStreamsVerdictsInOrderAndGoesOnAfterABadLine() throws {
        let input = [Self.application, #"{"id":"b","exam":"demo","year":"#, "", Self.application.replacingOccurrences(of: "\"a\"", with: "\"c\"")].joined(separator: "\n")
        let run = try runBaokao(["eval", "--rules", Self.fixtureRules], stdin: input)
        #expect(run.status == 1)
        let lines = run.stdout.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 3)
        #expect(lines.map { $0["id"] as? String } == ["a", "b", "c"])
        #expect(lines[0]["eligible"] as? Bool == true)
        #expect((lines[1]["error"] as? [String: Any])?["code"] as? String == "malformed-json")
        #expect(run.stderr.contains("1 application(s) could not be evaluated"))
    }

    @Test func evalIsDeterministicAndExplains() throws {
        let a = try runBaokao(["eval", "--rules", Self.fixtureRules, "--explain"], stdin: Self.application + "\r\n")
        let b = try runBaokao(["eval", "--rules", Self.fixtureRules, "--explain"], stdin: Self.application)
        #expect(a.status == 0)
        #expect(a.stdout == b.stdout)
        #expect(a.stdout.contains("\"trace\":["))
        let plain = try runBaokao(["eval", "--rules", Self.fixtureRules], stdin: Self.application)
        #expect(!plain.stdout.contains("\"trace\""))
    }

    /// Lines cross the reader's 1 MB chunks, one line is longer than a chunk, and the last has no newline:
    /// every application still gets its verdict, in order.
    @Test func evalReadsLinesAcrossChunks() throws {
        let giant = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"giant\",\"note\":\"\(String(repeating: "x", count: 1_500_000))\"")
        var lines = (0..<3000).map { Self.application.replacingOccurrences(of: "\"a\"", with: "\"n\($0)\"") }
        lines.insert(giant, at: 1500)
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("chunks-\(UUID().uuidString).jsonl")
        try lines.joined(separator: "\r\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try runBaokao(["eval", "--rules", Self.fixtureRules, file.path])
        #expect(run.status == 0)
        let ids = run.stdout.split(separator: "\n").map { (try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any])["id"] as? String }
        #expect(ids == lines.indices.map { $0 == 1500 ? "giant" : "n\($0 < 1500 ? $0 : $0 - 1)" })
    }

    /// `--explain` adds the trace and changes nothing else — also for a decision resting on no education
    /// record (注安's holder of the 初级 certificate), whose summary says what decided.
    @Test func explainAddsOnlyTheTrace() throws {
        let line = #"{"id":"holder","exam":"zhuan","year":2026,"province":"510000","level":"zhongji","specialty":"kuangshan","workPeriods":[{"from":"2006-10-01"}],"candidate":{"name":"陈静","idNumber":"420106198210071287","education":[{"level":"high-school","graduated":"1996-07-01","verification":"verified"}],"certificates":[{"name":"初级注册安全工程师职业资格证书","obtained":"2023-06-01"}]}}"#
        let plain = try runBaokao(["eval", "--rules", Self.shippedRules], stdin: line)
        let explained = try runBaokao(["eval", "--rules", Self.shippedRules, "--explain"], stdin: line)
        let a = try JSONSerialization.jsonObject(with: Data(plain.stdout.utf8)) as! [String: Any]
        var b = try JSONSerialization.jsonObject(with: Data(explained.stdout.utf8)) as! [String: Any]
        #expect(b.removeValue(forKey: "trace") != nil)
        let canonical = { (object: [String: Any]) in try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]) }
        #expect(try canonical(a) == canonical(b))
        let decidedBy = a["decidedBy"] as? [String: Any]
        #expect(decidedBy?["rule"] as? String == "zhuan/conditions/chuji-holder")
        #expect(decidedBy?["summary"] as? String == "持初级注册安全工程师职业资格证书，安全生产业务满3年")
    }

    @Test func evalReadsFiles() throws {
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("apps-\(UUID().uuidString).jsonl")
        try (Self.application + "\n").write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        let run = try runBaokao(["eval", "--rules", Self.fixtureRules, file.path, file.path])
        #expect(run.status == 0)
        #expect(run.stdout.split(separator: "\n").count == 2)
        #expect(try runBaokao(["eval", "--rules", Self.fixtureRules, "/nonexistent.jsonl"]).status == 74)
    }

    @Test func testRunsTheCasesAndEndsWithTheCount() throws {
        let run = try runBaokao(["test", "--rules", Self.fixtureRules, "--coverage"])
        #expect(run.status == 0, "\(run.stdout)")
        let last = run.stdout.split(separator: "\n").last.map(String.init) ?? ""
        #expect(last.hasSuffix("passed, 0 failed"))
        #expect(run.stdout.contains("coverage: every clause is exercised"))
        let filtered = try runBaokao(["test", "--rules", Self.fixtureRules, "增报"])
        #expect(filtered.stdout == "1 passed, 0 failed\n")
    }

    @Test func aFailingCaseShowsExpectedAndActual() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Self.fixtureRules, toPath: folder.path)
        defer { try? FileManager.default.removeItem(at: folder) }
        let cases = folder.appendingPathComponent("exams/demo/tests/conditions.yaml")
        let text = try String(contentsOf: cases, encoding: .utf8)
            .replacingOccurrences(of: "expect: {eligible: true, route: auto, subjects", with: "expect: {eligible: true, route: onsite-review, subjects")
        try text.write(to: cases, atomically: true, encoding: .utf8)
        let run = try runBaokao(["test", "--rules", folder.path])
        #expect(run.status == 1)
        #expect(run.stdout.contains("FAIL "))
        #expect(run.stdout.contains("route: expected onsite-review, actual auto"))
        #expect(run.stdout.hasSuffix("passed, 1 failed\n"))
    }
}
