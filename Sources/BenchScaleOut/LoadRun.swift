import Foundation
import Service

/// What one point of the benchmark measured: answers in the measured time, their latencies, and refusals.
struct Measurement {
    var latencies: [Double] = []  // milliseconds
    var errors = 0
    var firstError: String?
    var seconds = 0.0

    var rate: Double { Double(latencies.count) / seconds }
    func percentile(_ p: Double) -> Double {
        let sorted = latencies.sorted()
        return sorted.isEmpty ? .nan : sorted[min(sorted.count - 1, Int(Double(sorted.count) * p))]
    }

    mutating func add(_ other: Measurement) {
        latencies += other.latencies
        errors += other.errors
        firstError = firstError ?? other.firstError
    }

    /// An answer that is a JSON-RPC error (or no JSON at all) counts as an error, not as a request served.
    mutating func record(_ answer: [UInt8], started: UInt64) {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e6
        if let response = try? JSONParser.parse(answer), response["result"] != nil {
            latencies.append(elapsed)
        } else {
            errors += 1
            if firstError == nil { firstError = String(decoding: answer.prefix(300), as: UTF8.self) }
        }
    }
}

/// `clients` connections, each on instance `c % ports.count`, sending one request after another for `seconds`.
func measureHTTP(ports: [Int], clients: [BenchCandidate], method: BenchMethod, seconds: Double) -> Measurement {
    let results = Results(clients.count)
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    let start = DispatchTime.now().uptimeNanoseconds
    onThreads(clients.count) { c in
        let connection = KeepAliveConnection(port: ports[c % ports.count])
        var measurement = Measurement()
        var sequence = c * 1_000_000
        while DispatchTime.now().uptimeNanoseconds < deadline {
            sequence += 1
            let started = DispatchTime.now().uptimeNanoseconds
            do {
                let (status, body) = try connection.post("/rpc", clients[c].request(method, id: sequence))
                if status == 200 {
                    measurement.record(body, started: started)
                } else {
                    measurement.errors += 1
                    if measurement.firstError == nil { measurement.firstError = "HTTP \(status) \(String(decoding: body.prefix(200), as: UTF8.self))" }
                }
            } catch {
                measurement.errors += 1
                if measurement.firstError == nil { measurement.firstError = "\(error)" }
            }
        }
        results.set(c, measurement)
    }
    var total = results.merged
    total.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return total
}

/// One `baokao serve` over its pipes with up to `clients.count` requests in flight (the window a front end with
/// that many users waiting would keep), for `seconds`.
func measureServe(_ serve: ServeChild, clients: [BenchCandidate], method: BenchMethod, seconds: Double) -> Measurement {
    let window = DispatchSemaphore(value: clients.count)
    let sent = SentTimes()
    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
    let start = DispatchTime.now().uptimeNanoseconds
    var measurement = Measurement()
    let writer = Thread {
        var id = 0
        while DispatchTime.now().uptimeNanoseconds < deadline {
            window.wait()
            id += 1
            sent.sent(id)
            serve.send(clients[id % clients.count].request(method, id: id))
        }
        sent.finish(id)
        // The last line, id 0: its answer tells the reader that no more requests are coming.
        serve.send(Array(#"{"jsonrpc":"2.0","id":0,"method":"exam.list"}"#.utf8))
    }
    writer.start()
    var endSeen = false
    while let line = serve.readLine() {
        let id = (try? JSONParser.parse(line))?["id"]?.intValue ?? -1
        if id == 0 {
            endSeen = true
        } else {
            measurement.record(line, started: sent.time(of: id))
            window.signal()
        }
        if endSeen, sent.allAnswered(measurement.latencies.count + measurement.errors) { break }
    }
    measurement.seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    return measurement
}

/// When each request went out, and how many did, between the writer and the reader of `measureServe`.
final class SentTimes: @unchecked Sendable {
    private let lock = NSLock()
    private var times: [Int: UInt64] = [:]
    private var total: Int?
    func sent(_ id: Int) { lock.withLock { times[id] = DispatchTime.now().uptimeNanoseconds } }
    func time(of id: Int) -> UInt64 { lock.withLock { times.removeValue(forKey: id) ?? DispatchTime.now().uptimeNanoseconds } }
    func finish(_ count: Int) { lock.withLock { total = count } }
    func allAnswered(_ answered: Int) -> Bool { lock.withLock { total.map { answered >= $0 } ?? false } }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var parts: [Measurement]
    init(_ count: Int) { parts = Array(repeating: Measurement(), count: count) }
    func set(_ index: Int, _ value: Measurement) { lock.withLock { parts[index] = value } }
    var merged: Measurement { lock.withLock { parts.reduce(into: Measurement()) { $0.add($1) } } }
}

/// Runs `body(0..<count)` on threads of their own, all at once, and waits for all.
func onThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    let group = DispatchGroup()
    for i in 0..<count {
        group.enter()
        Thread.detachNewThread {
            body(i)
            group.leave()
        }
    }
    group.wait()
}

/// `baokao serve` as a child process, spoken to over its pipes.
final class ServeChild: @unchecked Sendable {
    let process = Process()
    private let input = Pipe(), output = Pipe()
    private var buffer: [UInt8] = []

    init(_ executable: String, _ arguments: [String], environment: [String: String]) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
        process.standardInput = input
        process.standardOutput = output
        try process.run()
    }

    func send(_ line: [UInt8]) { input.fileHandleForWriting.write(Data(line + [0x0A])) }

    func readLine() -> [UInt8]? {
        while true {
            if let newline = buffer.firstIndex(of: 0x0A) {
                defer { buffer.removeSubrange(...newline) }
                return Array(buffer[..<newline])
            }
            let data = output.fileHandleForReading.availableData
            if data.isEmpty { return nil }
            buffer += data
        }
    }

    func finish() {
        try? input.fileHandleForWriting.close()
        process.waitUntilExit()
    }
}
