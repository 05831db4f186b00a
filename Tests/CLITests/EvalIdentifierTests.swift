import Foundation
import Testing

/// `baokao eval` echoes each application's id exactly as written, as `baokao serve` echoes request ids:
/// never `inf`, never a rounded big integer, so two verdicts never carry one id.
@Suite struct EvalIdentifierTests {
    static let cases: [String] = ["1e999", "-1e999", "12345678901234567890", "12345678901234567891", "9007199254740993",
                                  "1.0", "1E+2", "-0", "0.1000000000000000055511151231257827"]

    /// The `"id":…` member of each output line, as raw text.
    func rawIDs(_ output: String) -> [String] {
        output.split(separator: "\n").map { line in
            guard let start = line.range(of: "\"id\":") else { return "" }
            return String(line[start.upperBound...].prefix { $0 != "," && $0 != "}" })
        }
    }

    @Test func numericIdsComeBackAsWritten() throws {
        let lines = Self.cases.map { RulesCommandTests.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\($0)") }
        // The last line fails evaluation (no exam) after its id was read: the error carries the id too.
        let failing = #"{"id":123456789012345678901234567890,"exam":"nope","year":2026}"#
        let run = try runBaokao(["eval", "--rules", RulesCommandTests.fixtureRules], stdin: (lines + [failing]).joined(separator: "\n"))
        #expect(rawIDs(run.stdout) == Self.cases + ["123456789012345678901234567890"])
        #expect(!run.stdout.contains("inf"))
        // Foundation's parser refuses numbers beyond a Double (valid JSON all the same): the rest of each line
        // is checked with the id set aside.
        for (line, id) in zip(run.stdout.split(separator: "\n"), rawIDs(run.stdout)) {
            let rest = line.replacingOccurrences(of: "\"id\":\(id)", with: "\"id\":0")
            #expect((try? JSONSerialization.jsonObject(with: Data(rest.utf8))) != nil, "not JSON: \(line.prefix(80))")
        }
    }

    @Test func aNumberThatIsNotJSONIsStillRefusedAsMalformed() throws {
        let run = try runBaokao(["eval", "--rules", RulesCommandTests.fixtureRules], stdin: #"{"id":01,"exam":"demo"}"#)
        #expect(run.status == 1)
        #expect(run.stdout.contains("malformed-json"))
    }
}
