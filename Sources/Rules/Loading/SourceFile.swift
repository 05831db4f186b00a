import Foundation
internal import Yams

/// One rule file: its display path, its text, and its lines for caret displays.
final class SourceFile {
    let path: String
    let text: String
    private(set) lazy var lines: [Substring] = text.split(separator: "\n", omittingEmptySubsequences: false)

    init(path: String, text: String) {
        self.path = path
        self.text = text
    }

    func line(_ number: Int) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = String(lines[number - 1])
        if line.hasSuffix("\r") { line.removeLast() }
        return line
    }

    func location(_ mark: Mark?) -> SourceLocation {
        SourceLocation(file: path, line: mark?.line ?? 1, column: mark?.column ?? 1)
    }
}
