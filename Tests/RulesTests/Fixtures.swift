import Foundation
import Testing
@testable import Rules

/// The test fixtures shared by the suites: a small, complete rule tree and broken variants of it.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")
    static let rules = root.appendingPathComponent("rules")
    static let packageRoot = root.deletingLastPathComponent().deletingLastPathComponent()

    /// A copy of the fixture rule tree in a fresh temporary folder.
    static func copyOfRules() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-rules-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: rules, to: folder)
        return folder
    }
}

/// A broken fixture: which file of the rule tree it changes, the text it finds and replaces, and the
/// diagnostic expected at the marker `1️⃣`.
struct BrokenFixture: CustomTestStringConvertible, Sendable {
    let name: String
    let target: String
    let code: String
    let hint: String?
    let find: String
    let replacement: String

    var testDescription: String { name }

    static let marker = "1️⃣"

    static func all() throws -> [BrokenFixture] {
        let folder = Fixtures.root.appendingPathComponent("broken")
        return try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".yaml") }.sorted().map { name in
            let text = try String(contentsOf: folder.appendingPathComponent(name), encoding: .utf8)
            var header: [String: String] = [:]
            var body: [Substring] = []
            for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
                if body.isEmpty, line.hasPrefix("# "), let colon = line.firstIndex(of: ":") {
                    header[String(line[line.index(line.startIndex, offsetBy: 2)..<colon])] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                } else {
                    body.append(line)
                }
            }
            while body.last == "" { body.removeLast() }
            return BrokenFixture(name: String(name.dropLast(5)), target: header["target"]!, code: header["code"]!, hint: header["hint"],
                                 find: header["find"]!, replacement: body.joined(separator: "\n"))
        }
    }

    /// Writes the broken tree; returns it with the expected line and column of the diagnostic.
    func apply() throws -> (root: URL, line: Int, column: Int) {
        let root = try Fixtures.copyOfRules()
        let file = root.appendingPathComponent(target)
        let original = try String(contentsOf: file, encoding: .utf8)
        guard original.contains(find) else { throw FixtureError.findNotFound(name, find) }
        let marked = original.replacingOccurrences(of: find, with: replacement)
        guard let range = marked.range(of: BrokenFixture.marker) else { throw FixtureError.noMarker(name) }
        let before = marked[..<range.lowerBound]
        let line = before.filter { $0 == "\n" }.count + 1
        let lineStart = before.lastIndex(of: "\n").map { before.index(after: $0) } ?? before.startIndex
        let column = before[lineStart...].unicodeScalars.count + 1
        try marked.replacingOccurrences(of: BrokenFixture.marker, with: "").write(to: file, atomically: true, encoding: .utf8)
        return (root, line, column)
    }

    enum FixtureError: Error {
        case findNotFound(String, String)
        case noMarker(String)
    }
}
