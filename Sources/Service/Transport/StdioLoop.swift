#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Reads frames from a file descriptor with blocking reads, answers them, writes the answers.
///
/// Blocking `read(2)` and no polling: the process sleeps until a byte arrives, and wakes at EOF. The lines one
/// read brings go to a `RequestPipeline`, which answers them a transaction at a time: when many lines are
/// already buffered (a client sending fast) they share transactions and commits; a lone line is answered at
/// once. Each transaction's answers are written whole (short writes retried) after it committed, before the
/// next one runs.
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
        let pipeline = RequestPipeline(service: service)
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                break // an unreadable input ends the service like EOF, after what was answered
            }
            if count == 0 { break }
            pipeline.enqueue(framer.append(buffer[0..<count]))
            try answer(pipeline)
        }
        if let last = framer.finish() { pipeline.enqueue([last]) }
        try answer(pipeline)
    }

    private func answer(_ pipeline: RequestPipeline) throws(WriteFailure) {
        var bytes: [UInt8] = []
        while !pipeline.isEmpty {
            bytes.removeAll(keepingCapacity: true)
            guard pipeline.step(appendingTo: &bytes) > 0 else { continue }
            try writeAll(bytes)
        }
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
