#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads frames from a file descriptor with blocking reads, answers each, writes the answers.
///
/// Blocking `read(2)` and no polling: the process sleeps until a byte arrives, and wakes at EOF. Each answer
/// is written whole (short writes retried) before the next line is read, after its effects committed.
public struct StdioLoop: Sendable {
    public let service: BaokaoService
    public let input: Int32
    public let output: Int32
    public var maximumLineLength = LineFramer.defaultMaximumLineLength

    public init(service: BaokaoService, input: Int32 = 0, output: Int32 = 1) {
        self.service = service
        self.input = input
        self.output = output
    }

    public struct WriteFailure: Error {
        public let errno: Int32
    }

    /// Runs until EOF on `input`. Throws when the output cannot be written (the reader went away).
    public func run() throws(WriteFailure) {
        var framer = LineFramer(maximumLineLength: maximumLineLength)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break // an unreadable input ends the service like EOF, after what was answered
            }
            if count == 0 { break }
            for frame in framer.append(buffer[0..<count]) {
                try answer(frame)
            }
        }
        if let last = framer.finish() { try answer(last) }
    }

    private func answer(_ frame: LineFramer.Frame) throws(WriteFailure) {
        guard let response = service.respond(to: frame) else { return }
        try writeAll(Array((response + "\n").utf8))
    }

    private func writeAll(_ bytes: [UInt8]) throws(WriteFailure) {
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { write(output, $0.baseAddress! + offset, bytes.count - offset) }
            if written < 0 {
                if errno == EINTR { continue }
                throw WriteFailure(errno: errno)
            }
            offset += written
        }
    }
}
