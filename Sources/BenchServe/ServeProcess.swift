import Foundation

/// One `baokao serve` child, spoken to over pipes: lines written to its stdin, answers read from its stdout.
final class ServeChild: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 1 << 16)

    init(executable: String, arguments: [String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    func send(_ line: String) {
        input.fileHandleForWriting.write(Data((line + "\n").utf8))
    }

    /// The next answer line, or nil at EOF.
    func readLine() -> [UInt8]? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                let line = Array(buffer[..<newline])
                buffer.removeSubrange(...newline)
                return line
            }
            let count = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            if count <= 0 { return nil }
            buffer.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes stdin and waits for the exit.
    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}

func nanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

/// Sorted latencies in milliseconds → the p-th percentile.
func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
}

/// A valid resident ID number (GB 11643 check digit): Beijing Xicheng, born in 1985 on day `n` of the year mod
/// 28 days a month, sequence `n`.
func residentID(_ n: Int) -> String {
    let body = "110102" + String(format: "1985%02d%02d", n / 28 % 12 + 1, n % 28 + 1) + String(format: "%03d", n % 1000)
    let weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2]
    let sum = zip(body, weights).reduce(0) { $0 + Int(String($1.0))! * $1.1 }
    return body + String(Array("10X98765432")[sum % 11])
}

/// When each request was sent, by id: written by the writer thread before the request goes out, read by the
/// reader thread after its answer came back (the pipe orders the two).
final class SendTimes: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<UInt64>
    init(_ count: Int) { pointer = .allocate(capacity: count) }
    deinit { pointer.deallocate() }
}

/// Runs `body(0..<count)` on `count` threads at once (not `concurrentPerform`, which runs no more at a time than
/// there are cores: four clients on two cores must still be four at once) and waits for all.
func runConcurrently(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let done = DispatchSemaphore(value: 0)
    for i in 0..<count {
        Thread {
            body(i)
            done.signal()
        }.start()
    }
    for _ in 0..<count { done.wait() }
}
