import Foundation

/// Writes to stderr, where messages and progress go (stdout carries only results).
public struct FileOutput: Sendable {
    public let handle: FileHandle

    public init(handle: FileHandle) {
        self.handle = handle
    }

    public static let standardError = FileOutput(handle: .standardError)

    public func write(_ text: String) {
        handle.write(Data(text.utf8))
    }
}
