import Foundation

/// What a child process did: its exit status and its output.
public struct CommandRun: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String

    /// Both streams, as a person reading the terminal would see them (stdout first).
    public var output: String { stdout + stderr }

    /// Runs `executable ARGUMENTS` to its end in `directory`, with `stdin` as its input. Standard error is read
    /// on a thread of its own while standard output is read here, so a child that fills one pipe while the test
    /// waits on the other cannot deadlock the two.
    public static func run(_ executable: URL, _ arguments: [String], stdin: String = "", in directory: URL? = nil) throws -> CommandRun {
        let process = Process()
        process.executableURL = executable
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = directory }
        let out = Pipe(), err = Pipe(), input = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = input
        try process.run()
        let errors = StreamReader(err.fileHandleForReading)
        input.fileHandleForWriting.write(Data(stdin.utf8))
        try input.fileHandleForWriting.close()
        let stdout = out.fileHandleForReading.readDataToEndOfFile()
        let stderr = errors.data()
        process.waitUntilExit()
        return CommandRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self),
                          stderr: String(decoding: stderr, as: UTF8.self))
    }
}

/// A pipe read to its end on a thread of its own.
private final class StreamReader: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private var bytes = Data()

    init(_ handle: FileHandle) {
        Thread.detachNewThread { [self] in
            bytes = handle.readDataToEndOfFile()
            done.signal()
        }
    }

    func data() -> Data {
        done.wait()
        return bytes
    }
}
