import Foundation

/// One `baokao serve` child, spoken to over pipes: lines written to its stdin, answers read from its stdout.
final class ServeChild: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []
    private var start = 0
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

    /// The next answer line, or nil at EOF. Lines are taken from the front of the buffer by moving `start`, and
    /// the buffer is compacted only before a read: removing each line at once moved the rest of a 64 KiB read
    /// every time, CPU the client then took from the server on a 2-core machine.
    func readLine() -> [UInt8]? {
        let fd = output.fileHandleForReading.fileDescriptor
        while true {
            if let newline = buffer[start...].firstIndex(of: 0x0A) {
                let line = Array(buffer[start..<newline])
                start = newline + 1
                return line
            }
            buffer.removeSubrange(..<start)
            start = 0
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

/// The id of a successful answer, read from the bytes `serve` writes for one (`{"id":N,"jsonrpc":"2.0","result":…`)
/// without parsing the rest; nil for any other line (an error answer starts `{"error":`), which the caller then
/// parses whole. Parsing every 1 KiB answer was most of the client's CPU, taken from the server's two cores.
func successfulAnswerID(_ line: [UInt8]) -> Int? {
    let head = Array(#"{"id":"#.utf8), tail = Array(#","jsonrpc":"2.0","result":"#.utf8)
    guard line.starts(with: head) else { return nil }
    var at = head.count, id = 0
    while at < line.count, (0x30...0x39).contains(line[at]), at - head.count < 18 {
        id = id * 10 + Int(line[at] - 0x30)
        at += 1
    }
    guard at > head.count, line[at...].starts(with: tail) else { return nil }
    return id
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
