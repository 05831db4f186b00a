import Foundation
@testable import Eligibility
import Rules
import Vocabulary

enum Support {
    static let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let rules = RuleLoader(root: fixtures.appendingPathComponent("rules"), displayRoot: "rules").load().ruleSet!
    static let evaluator = Evaluator(rules: rules, today: try! CalendarDate(year: 2026, month: 11, day: 24))

    /// A base application (a bachelor in 土木工程, 3 years) with changes applied to its JSON object.
    static func application(_ changes: [String: Any] = [:], candidate: [String: Any] = [:]) -> [UInt8] {
        var app: [String: Any] = [
            "id": "t", "exam": "demo", "year": 2026, "province": "110000", "specialty": "jianzhu", "relevantWorkYears": 3,
            "candidate": [
                "name": "测试", "idType": "resident-id", "idNumber": "11010519491231002X",
                "education": [["level": "bachelor", "major": "土木工程", "graduated": "2015-07-01", "verification": "verified"]],
            ] as [String: Any],
        ]
        for (k, v) in changes { app[k] = v }
        var c = app["candidate"] as! [String: Any]
        for (k, v) in candidate { c[k] = v }
        app["candidate"] = c
        return Array(try! JSONSerialization.data(withJSONObject: app))
    }

    static func object(_ json: String) -> [String: Any] {
        try! JSONSerialization.jsonObject(with: Data(json.utf8)) as! [String: Any]
    }

    static func verdict(_ bytes: [UInt8], explain: Bool = false) throws -> Verdict {
        let app = try ApplicationDecoder.decode(bytes).get()
        return try evaluator.evaluate(app, explain: explain).get()
    }

    static func json(_ verdict: Verdict) -> String {
        var w = JSONWriter()
        verdict.write(to: &w)
        return String(decoding: w.bytes, as: UTF8.self)
    }
}

extension DecodingFailure: CustomStringConvertible {
    public var description: String { "\(error.code) at \(error.path): \(error.message)" }
}
