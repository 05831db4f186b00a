import Foundation
internal import Yams
import Vocabulary

/// Reads typed values out of one file's YAML nodes, reporting every problem as a diagnostic with its
/// position instead of stopping at the first. A reader method returns nil when the value was unusable
/// (and has said why).
final class NodeReader {
    let file: SourceFile
    private var reported: DiagnosticList
    /// What was reported, by position: at most the first 100, then a summary of the others.
    var diagnostics: [Diagnostic] { reported.all }

    init(file: SourceFile, diagnosticLimit: Int = DiagnosticList.defaultLimit) {
        self.file = file
        reported = DiagnosticList(file: file.path, limit: diagnosticLimit)
    }

    // MARK: Reporting

    func location(_ node: Node) -> SourceLocation { file.location(node.mark) }

    /// Message and hint are built only for a diagnostic that will be shown: past a file's first 100 (a file of
    /// 200,000 unknown keys), a report costs a comparison and a count, not a did-you-mean search.
    func report(_ code: DiagnosticCode, at node: Node, _ message: @autoclosure () -> String, hint: @autoclosure () -> String? = nil,
                severity: Diagnostic.Severity = .error) {
        report(code, at: location(node), message(), hint: hint(), severity: severity)
    }

    func report(_ code: DiagnosticCode, at location: SourceLocation, _ message: @autoclosure () -> String,
                hint: @autoclosure () -> String? = nil, severity: Diagnostic.Severity = .error) {
        guard reported.keeps(code, at: location, severity: severity) else { return }
        reported.append(Diagnostic(severity, code, at: location, message(), hint: hint(), sourceLine: file.line(location.line)))
    }

    // MARK: Parsing

    /// Composes the file's YAML, or reports the syntax error at its position.
    ///
    /// With Yams' basic resolver: every scalar stays text with its style, which is all the readers below look at
    /// (`int`, `bool`, `isNull` read the text). The default resolver matched each scalar against a dozen regular
    /// expressions, and Yams resolves every mapping key again when it checks for duplicates: a third of what
    /// `baokao form` spent before its first form (250 million instructions for `Rules/`). The encoding is
    /// named: left to its default, Yams reads the whole process environment for each file (85 million
    /// instructions for `Rules/`).
    func compose() -> Node? {
        do {
            guard let node = try Yams.compose(yaml: file.text, .basic, .default, .utf8) else {
                report(.missingField, at: SourceLocation(file: file.path, line: 1, column: 1), "the file is empty",
                       hint: "see Rules/README.md for what this kind of file holds")
                return nil
            }
            return node
        } catch YamlError.duplicatedKeysInMapping(let duplicates, let context) {
            // Yams refuses the whole file and marks only the first occurrence; find the second, where the
            // mistake is, by scanning the lines of the same mapping.
            for name in duplicates {
                let second = secondOccurrence(of: name, after: context.mark) ?? file.location(context.mark)
                report(.duplicateKey, at: second,
                       "duplicate key \"\(name)\" (first at line \(context.mark.line))",
                       hint: "remove one of the two, or merge them")
            }
            return nil
        } catch let error as YamlError {
            switch error {
            case .scanner(let context, let problem, let mark, _), .parser(let context, let problem, let mark, _),
                 .composer(let context, let problem, let mark, _):
                let what = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: ": ")
                report(.yamlSyntax, at: file.location(mark), "YAML syntax: \(what)",
                       hint: NodeReader.syntaxHint(problem))
            default:
                report(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "YAML: \(error)")
            }
            return nil
        } catch {
            report(.yamlSyntax, at: SourceLocation(file: file.path, line: 1, column: 1), "YAML: \(error)")
            return nil
        }
    }

    /// The position of the next `name:` key of the mapping whose key `name` starts at `first`.
    func secondOccurrence(of name: String, after first: Mark) -> SourceLocation? {
        let patterns = [name + ":", "\"\(name)\":", "'\(name)':"]
        func keyStarts(_ text: Substring) -> Bool { patterns.contains { text.hasPrefix($0) } }
        // A flow mapping on the same line: `{a: 1, a: 2}`.
        if let line = file.line(first.line) {
            let scalars = Array(line.unicodeScalars)
            var i = first.column
            while i < scalars.count {
                let rest = Substring(String(String.UnicodeScalarView(scalars[i...])))
                if keyStarts(rest), i > 0, [" ", ",", "{"].contains(scalars[i - 1]) { return SourceLocation(file: file.path, line: first.line, column: i + 1) }
                i += 1
            }
        }
        // A block mapping: the next line indented exactly like the first key.
        var number = first.line + 1
        while let line = file.line(number) {
            let indent = line.unicodeScalars.prefix { $0 == " " }.count
            let content = line.dropFirst(indent)
            if !content.isEmpty, !content.hasPrefix("#") {
                if indent + 1 < first.column && !content.hasPrefix("- ") { return nil }
                if indent + 1 == first.column, keyStarts(content) { return SourceLocation(file: file.path, line: number, column: first.column) }
            }
            number += 1
        }
        return nil
    }

    static func syntaxHint(_ problem: String) -> String? {
        if problem.contains("mapping values are not allowed") {
            return "a value containing \": \" must be quoted, or a key is indented wrongly"
        }
        if problem.contains("tab") { return "indent with spaces, not tabs" }
        if problem.contains("did not find expected key") || problem.contains("expected <block end>") {
            return "check the indentation of this line against the lines above"
        }
        if problem.contains("found undefined") { return "anchors and aliases (&, *) are not used in rule files" }
        return nil
    }

    // MARK: Shapes

    /// The fields of a mapping, first occurrence of each key. Reports a value that is not a mapping,
    /// duplicate keys (at the second one), unknown keys (with did-you-mean) and missing required keys.
    func fields(_ node: Node, _ what: String, allowed: [String], required: [String] = []) -> Fields? {
        guard case .mapping(let mapping) = node else {
            report(.wrongType, at: node, "\(what) must be a mapping of fields, found \(NodeReader.describe(node))",
                   hint: "write it as `key: value` lines, indented under its parent")
            return nil
        }
        var values: [String: Node] = [:]
        var keys: [String: Node] = [:]
        for (key, value) in mapping {
            guard let name = key.scalar?.string else {
                report(.wrongType, at: key, "a key in \(what) must be a plain name")
                continue
            }
            if let first = keys[name] {
                report(.duplicateKey, at: key, "duplicate key \"\(name)\" in \(what) (first at line \(first.mark?.line ?? 0))",
                       hint: "remove one of the two, or merge them")
                continue
            }
            keys[name] = key
            guard allowed.contains(name) else {
                report(.unknownKey, at: key, "unknown key \"\(name)\" in \(what)",
                       hint: Suggestion.hint(for: name, among: allowed)
                        ?? "allowed keys: \(allowed.joined(separator: ", "))")
                continue
            }
            values[name] = value
        }
        for name in required where keys[name] == nil {
            report(.missingField, at: node, "\(what) is missing the required field \"\(name)\"",
                   hint: "add `\(name): …`")
        }
        return Fields(node: node, values: values, keys: keys)
    }

    /// A sequence's items; a single scalar is read as a one-item list (`majors: 工程类`).
    func list(_ node: Node, _ what: String) -> [Node]? {
        switch node {
        case .sequence(let sequence): return Array(sequence)
        case .scalar(let scalar) where !NodeReader.isNull(scalar): return [node]
        default:
            report(.wrongType, at: node, "\(what) must be a list, found \(NodeReader.describe(node))",
                   hint: "write `[a, b]` or one `- item` per line")
            return nil
        }
    }

    /// A list of mappings, or a mapping from ids to mappings (`subjects: {jingji: {…}}`) given as pairs.
    func entries(_ node: Node, _ what: String) -> [(key: Node?, value: Node)]? {
        switch node {
        case .sequence(let sequence): return sequence.map { (nil, $0) }
        case .mapping(let mapping): return mapping.map { (Optional($0.key), $0.value) }
        default:
            report(.wrongType, at: node, "\(what) must be a list or a mapping, found \(NodeReader.describe(node))")
            return nil
        }
    }

    // MARK: Scalars

    func string(_ node: Node, _ what: String) -> String? {
        guard case .scalar(let scalar) = node, !NodeReader.isNull(scalar) else {
            report(.wrongType, at: node, "\(what) must be text, found \(NodeReader.describe(node))")
            return nil
        }
        let text = scalar.string.trimmingSpaces()
        guard !text.isEmpty else {
            report(.invalidValue, at: node, "\(what) must not be empty")
            return nil
        }
        return text
    }

    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>) -> Int? {
        guard case .scalar(let scalar) = node, scalar.style == .plain, let value = Int(scalar.string) else {
            report(.wrongType, at: node, "\(what) must be a whole number, found \(NodeReader.describe(node))",
                   hint: NodeReader.isQuotedNumber(node) ? "remove the quotes" : nil)
            return nil
        }
        guard range.contains(value) else {
            report(.invalidValue, at: node, "\(what) must be between \(range.lowerBound) and \(range.upperBound), found \(value)")
            return nil
        }
        return value
    }

    func bool(_ node: Node, _ what: String) -> Bool? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            report(.wrongType, at: node, "\(what) must be true or false, found \(NodeReader.describe(node))")
            return nil
        }
        switch scalar.string {
        case "true": return true
        case "false": return false
        default:
            report(.wrongType, at: node, "\(what) must be true or false, found \"\(scalar.string)\"")
            return nil
        }
    }

    func date(_ node: Node, _ what: String) -> CalendarDate? {
        guard let text = string(node, what) else { return nil }
        do {
            return try CalendarDate.parse(text)
        } catch let error as ValidationError {
            report(.invalidValue, at: node, "\(what): \(error.message)", hint: "dates are written YYYY-MM-DD")
            return nil
        } catch {
            return nil
        }
    }

    /// An amount in yuan (`56`, `56.50`), as fen; a fraction of a fen is its own diagnostic.
    func fee(_ node: Node, _ what: String) -> Fen? {
        guard case .scalar(let scalar) = node, scalar.style == .plain else {
            report(.wrongType, at: node, "\(what) must be an amount in yuan, found \(NodeReader.describe(node))")
            return nil
        }
        do {
            return try Fen(yuan: scalar.string)
        } catch {
            let parts = scalar.string.split(separator: ".")
            if parts.count == 2, parts[1].count > 2, parts.allSatisfy({ $0.allSatisfy(\.isNumber) }) {
                report(.feeNotWholeFen, at: node, "\(what) \(scalar.string) is not a whole number of fen",
                       hint: "fees are in yuan with at most two decimals, e.g. 56.50")
            } else {
                report(.wrongType, at: node, "\(what) must be an amount in yuan such as 56 or 56.50, found \"\(scalar.string)\"")
            }
            return nil
        }
    }

    // MARK: Descriptions

    static func isNull(_ scalar: Node.Scalar) -> Bool {
        scalar.style == .plain && ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    static func isQuotedNumber(_ node: Node) -> Bool {
        if case .scalar(let scalar) = node, scalar.style != .plain, Int(scalar.string) != nil { return true }
        return false
    }

    static func describe(_ node: Node) -> String {
        switch node {
        case .scalar(let scalar):
            if isNull(scalar) { return "nothing" }
            return scalar.style == .plain ? "\"\(scalar.string)\"" : "the text \"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }
}

/// The fields of one mapping, by name.
struct Fields {
    let node: Node
    let values: [String: Node]
    let keys: [String: Node]

    subscript(_ name: String) -> Node? { values[name] }
}
