import Foundation

/// Writes to stderr, where messages and progress go (stdout carries only results).
struct FileOutput {
    let handle: FileHandle

    static let standardError = FileOutput(handle: .standardError)

    func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}
