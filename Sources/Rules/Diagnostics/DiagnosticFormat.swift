import Foundation

/// How `baokao check` prints diagnostics.
public enum DiagnosticFormat: String, Sendable, CaseIterable {
    /// gcc-style header, the source line with a caret, then `hint:`.
    case human
    /// One line each: `file:line:col: error[code]: message (hint: …)`.
    case gnu
    /// One JSON array of objects.
    case json

    public func render(_ diagnostics: [Diagnostic]) -> String {
        switch self {
        case .human: return diagnostics.map(DiagnosticFormat.human).joined()
        case .gnu: return diagnostics.map(DiagnosticFormat.gnu).joined()
        case .json: return DiagnosticFormat.json(diagnostics)
        }
    }

    static func header(_ d: Diagnostic) -> String {
        "\(d.location): \(d.severity.rawValue)[\(d.code.rawValue)]: \(d.message)"
    }

    static func human(_ d: Diagnostic) -> String {
        var out = header(d) + "\n"
        if let line = d.sourceLine {
            let number = String(d.location.line)
            let gutter = String(repeating: " ", count: number.count)
            // The caret goes under the column, counted in Unicode scalars like libyaml; wide characters
            // (CJK) take two terminal cells, so pad by display width.
            let before = line.unicodeScalars.prefix(max(0, d.location.column - 1))
            let indent = before.map { $0 == "\t" ? "\t" : String(repeating: " ", count: displayWidth($0)) }.joined()
            out += " \(number) | \(line)\n \(gutter) | \(indent)^\n"
        }
        if let hint = d.hint { out += "hint: \(hint)\n" }
        return out
    }

    static func gnu(_ d: Diagnostic) -> String {
        header(d) + (d.hint.map { " (hint: \($0))" } ?? "") + "\n"
    }

    static func json(_ diagnostics: [Diagnostic]) -> String {
        let objects: [[String: Any]] = diagnostics.map { d in
            var o: [String: Any] = [
                "severity": d.severity.rawValue, "code": d.code.rawValue, "file": d.location.file,
                "line": d.location.line, "column": d.location.column, "message": d.message,
            ]
            if let hint = d.hint { o["hint"] = hint }
            return o
        }
        let data = try! JSONSerialization.data(withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// East Asian wide and full-width characters take two cells in a terminal.
    static func displayWidth(_ s: Unicode.Scalar) -> Int {
        switch s.value {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
             0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
             0xFFE0...0xFFE6, 0x20000...0x3FFFD:
            return 2
        default:
            return 1
        }
    }
}
