import Foundation
import Testing
@testable import Eligibility
import Rules
import Vocabulary

/// Reading a line straight into the evaluator (`evaluate(json:)`) must judge exactly as decoding it into
/// an ``Application`` and preparing that — the two roads share one reader, and these tests hold them equal.
@Suite struct ScanningTests {
    func bothRoads(_ bytes: [UInt8]) -> (direct: String, viaApplication: String) {
        let direct: String = bytes.withUnsafeBufferPointer { buffer in
            switch Support.evaluator.evaluate(json: buffer) {
            case .success(let verdict): return Support.json(verdict)
            case .failure(let failure): return "\(failure.id.map { "\($0)" } ?? "-") \(failure.error)"
            }
        }
        let viaApplication: String
        switch ApplicationDecoder.decode(bytes) {
        case .failure(let failure): viaApplication = "\(failure.id.map { "\($0)" } ?? "-") \(failure.error)"
        case .success(let app):
            switch Support.evaluator.evaluate(app) {
            case .success(let verdict): viaApplication = Support.json(verdict)
            case .failure(let error): viaApplication = "\(app.id.map { "\($0)" } ?? "-") \(error)"
            }
        }
        return (direct, viaApplication)
    }

    @Test(arguments: [
        #"{"id":"esc","exam":"d\u0065mo","year":2026,"province":"110000","specialty":"jianzhu","relevantWorkYears":3,"candidate":{"name":"\u6d4b\u8bd5","education":[{"level":"bachelor","major":"\u571f\u6728\u5de5\u7a0b","graduated":"2015-07-01","verification":"verified"}]}}"#,
        #"{"id":7,"exam":"demo","year":2026,"specialty":"jianzhu","workPeriods":[{"from":"2010-01-01","to":"2012-12-31"},{"from":"2012-06-01"}],"candidate":{"education":[{"level":"associate","major":"星际工程"},{"level":"bachelor","major":"土木工程（建筑工程方向）"}],"zz":1}}"#,
        #"{"id":"bad-date","exam":"demo","year":2026,"candidate":{"education":[{"level":"bachelor","graduated":"2015-13-01"}]}}"#,
        #"{"id":"no-exam","year":2026}"#,
        #"{"id":"type","exam":"demo","year":"2026"}"#,
        #"{"exam":"demo","extra":{"nested":[1,2,{"a":"\u00e9"}]},"year":2026,"specialty":"jianzhu","candidate":{"education":[{"level":"本科","major":"土木工程 专业"}],"certificates":[{"name":"一级建造师注册证书","obtained":"2020-01-01"}]}}"#,
    ])
    func directReadingJudgesAsTheApplication(line: String) {
        let (direct, viaApplication) = bothRoads(Array(line.utf8))
        #expect(direct == viaApplication)
    }

    @Test func escapedValuesAreDecodedWherever() throws {
        let line = #"{"id":"a\"b","exam":"demo","year":2026,"specialty":"jianzhu","relevantWorkYears":3,"candidate":{"name":"\u738b\ud842\udfb7","education":[{"level":"bachelor","major":"\u571f\u6728\u5de5\u7a0b","graduated":"2015-07-01","verification":"verified"}]}}"#
        let verdict = try Array(line.utf8).withUnsafeBufferPointer { try Support.evaluator.evaluate(json: $0).get() }
        #expect(verdict.id == .string("a\"b"))
        #expect(verdict.eligible)
        #expect(verdict.decidedBy?.major == "土木工程")
    }

    @Test func validationOfUTF8AgreesWithTheStandardLibrary() {
        var generator = SystemRandomNumberGenerator()
        let edges: [[UInt8]] = [
            [0xC0, 0x80], [0xC2, 0x80], [0xE0, 0x9F, 0x80], [0xE0, 0xA0, 0x80], [0xED, 0xA0, 0x80], [0xED, 0x9F, 0xBF],
            [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80],
            [0xF5, 0x80, 0x80, 0x80], [0xE4, 0xB8], [0x80], [0xFF], Array("王𠮷".utf8),
        ]
        let random = (0..<5000).map { _ in
            (0..<Int.random(in: 0..<8, using: &generator)).map { _ in
                [0x41, 0x80, 0xBF, 0xC2, 0xDF, 0xE0, 0xE4, 0xED, 0xF0, 0xF4, 0xF5, 0xA0, 0x90].randomElement(using: &generator)! as UInt8
            }
        }
        for bytes in edges + random {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(isValidUTF8) == expected, "\(bytes.map { String($0, radix: 16) })")
        }
    }

    @Test(arguments: [
        ("土木工程专业", "土木工程"), ("土木工程专业方向", "土木工程"), ("土木 工程\u{3000}", "土木工程"),
        ("ＢＩＭ技术", "BIM技术"), ("专业", "专业"), ("计算机【软件】（方向）科学", "计算机科学"),
        ("a\u{00A0}b\u{2003}c\u{205F}d", "abcd"), ("工程(（嵌套）)管理", "工程管理"), ("土木工程", "土木工程"),
    ])
    func majorNamesNormalise(text: String, key: String) {
        #expect(MajorCatalog.normalize(text) == key)
    }

    /// The basis is read on its bytes: each raw value, and nothing else (case, blanks, prefixes).
    @Test func basisIsReadOnItsBytes() {
        for basis in Application.Basis.allCases {
            #expect(Array(basis.rawValue.utf8).withUnsafeBufferPointer(Application.Basis.init(utf8:)) == basis)
        }
        for text in ["", "Full", "full ", "exemp", "exempted", "add_specialty", "add-specialty!", "全科"] {
            #expect(Array(text.utf8).withUnsafeBufferPointer(Application.Basis.init(utf8:)) == nil, "\(text)")
        }
    }
}
