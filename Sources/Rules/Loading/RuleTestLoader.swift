import Foundation
internal import Yams

/// A case of `exams/<id>/tests/*.yaml`: an application (defaults merged in) and the verdict fields expected.
public struct RuleTestCase: Sendable {
    public struct Expectation: Sendable {
        public var eligible: Bool?
        public var route: String?
        public var subjects: [String]?
        public var exempted: [String]?
        /// Total, in fen.
        public var fee: Int64?
        public var reasons: [String]?
        public var warnings: [String]?
        public var decidedBy: String?
        public var error: String?
        /// Each must appear in the verdict's advice.
        public var advice: [String]?
    }

    public let exam: String
    public let name: String
    public let location: SourceLocation
    /// The application as JSON text, ready for the evaluator's reader.
    public let application: [UInt8]
    public let expect: Expectation

    public init(exam: String, name: String, location: SourceLocation, application: [UInt8], expect: Expectation) {
        self.exam = exam
        self.name = name
        self.location = location
        self.application = application
        self.expect = expect
    }
}

/// Reads the rule test cases beside the rules, with the same diagnostics as the rules themselves.
public struct RuleTestLoader {
    public let root: URL
    public let displayRoot: String

    public init(root: URL, displayRoot: String) {
        self.root = root
        self.displayRoot = displayRoot
    }

    public func load() -> (cases: [RuleTestCase], diagnostics: [Diagnostic]) {
        var cases: [RuleTestCase] = []
        var diagnostics: [Diagnostic] = []
        let exams = root.appendingPathComponent("exams")
        let examIDs = ((try? FileManager.default.contentsOfDirectory(atPath: exams.path)) ?? []).sorted()
        for exam in examIDs {
            let folder = exams.appendingPathComponent(exam).appendingPathComponent("tests")
            let files = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".yaml") }.sorted()
            for name in files {
                guard let data = FileManager.default.contents(atPath: folder.appendingPathComponent(name).path) else { continue }
                let file = SourceFile(path: "\(displayRoot)/exams/\(exam)/tests/\(name)", text: String(decoding: data, as: UTF8.self))
                let reader = NodeReader(file: file)
                if let node = reader.compose() { cases += read(node, exam: exam, reader: reader) }
                diagnostics += reader.diagnostics
            }
        }
        return (cases, diagnostics)
    }

    func read(_ root: Node, exam: String, reader r: NodeReader) -> [RuleTestCase] {
        guard let f = r.fields(root, "a rule test file", allowed: ["defaults", "cases"], required: ["cases"]) else { return [] }
        let defaults = f["defaults"]
        if let defaults, defaults.mapping == nil {
            r.report(.wrongType, at: defaults, "defaults must be a mapping of application fields")
        }
        var cases: [RuleTestCase] = []
        for item in r.list(f["cases"]!, "cases") ?? [] {
            guard let c = r.fields(item, "a test case", allowed: ["name", "application", "expect", "note"], required: ["name", "expect"]),
                  let name = c["name"].flatMap({ r.string($0, "name") }),
                  let e = c["expect"].flatMap({ r.fields($0, "expect", allowed: ["eligible", "route", "subjects", "exempted", "fee", "reasons", "warnings", "decidedBy", "error", "advice"]) })
            else { continue }
            var expect = RuleTestCase.Expectation()
            expect.eligible = e["eligible"].flatMap { r.bool($0, "eligible") }
            expect.route = e["route"].flatMap { r.string($0, "route") }
            if let route = expect.route, !["auto", "online-review", "onsite-review"].contains(route) {
                r.report(.invalidValue, at: e["route"]!, "route is auto, online-review or onsite-review, found \"\(route)\"")
            }
            func strings(_ key: String) -> [String]? {
                guard let node = e[key] else { return nil }
                if case .sequence(let s) = node, s.isEmpty { return [] }
                return (r.list(node, key) ?? []).compactMap { r.string($0, key) }
            }
            expect.subjects = strings("subjects")
            expect.exempted = strings("exempted")
            expect.reasons = strings("reasons")
            expect.warnings = strings("warnings")
            expect.advice = strings("advice")
            expect.fee = e["fee"].flatMap { r.int($0, "fee (fen)", in: 0...10_000_000) }.map(Int64.init)
            expect.decidedBy = e["decidedBy"].flatMap { r.string($0, "decidedBy") }
            expect.error = e["error"].flatMap { r.string($0, "error") }
            let merged = RuleTestLoader.merge(defaults, c["application"])
            var json = ""
            RuleTestLoader.writeJSON(merged, key: nil, into: &json)
            cases.append(RuleTestCase(exam: exam, name: name, location: r.location(item), application: Array(json.utf8), expect: expect))
        }
        return cases
    }

    /// Mappings merge recursively; anything else in `overlay` replaces the default.
    static func merge(_ base: Node?, _ overlay: Node?) -> Node? {
        guard let base else { return overlay }
        guard let overlay else { return base }
        guard case .mapping(let b) = base, case .mapping(let o) = overlay else { return overlay }
        var pairs: [(Node, Node)] = []
        for (key, value) in b {
            pairs.append((key, merge(value, o[key]) ?? value))
        }
        for (key, value) in o where b[key] == nil { pairs.append((key, value)) }
        return .mapping(Node.Mapping(pairs))
    }

    /// YAML → JSON text. Numbers only for the numeric fields of an application: an ID number of 18
    /// digits stays a string.
    static func writeJSON(_ node: Node?, key: String?, into out: inout String) {
        guard let node else { out += "null"; return }
        switch node {
        case .mapping(let m):
            out += "{"
            for (i, (k, v)) in m.enumerated() {
                if i > 0 { out += "," }
                let name = k.scalar?.string ?? ""
                out += quote(name) + ":"
                writeJSON(v, key: name, into: &out)
            }
            out += "}"
        case .sequence(let s):
            out += "["
            for (i, v) in s.enumerated() {
                if i > 0 { out += "," }
                writeJSON(v, key: nil, into: &out)
            }
            out += "]"
        case .scalar(let scalar):
            let text = scalar.string
            if scalar.style == .plain {
                if text == "true" || text == "false" { out += text; return }
                if ["~", "null", ""].contains(text) { out += "null"; return }
                if ["year", "relevantWorkYears"].contains(key ?? ""), Double(text) != nil { out += text; return }
            }
            out += quote(text)
        case .alias:
            out += "null"
        }
    }

    static func quote(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 { out += String(format: "\\u%04x", scalar.value) } else { out.unicodeScalars.append(scalar) }
            }
        }
        return out + "\""
    }
}
