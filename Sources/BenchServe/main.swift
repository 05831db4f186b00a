// `make bench` (scripts/bench-service): the write path of `baokao serve` as clients see it, through real pipes
// and real processes on one database (issue #14).
//
//   BenchServe BAOKAO [--saves N] [--window W] [--logins K] [--mixed-seconds S] [--rules DIR]
//
// 1. application.save through one process: N saves piped as fast as the process reads them (throughput),
//    then N saves with at most W in flight (latency p50/p99 from the client's write to its answer).
// 2. account.login with production hashing (scrypt N=2^17): K logins through one process, then K through each
//    of two processes on the same database at once; the speed-up.
// 3. Four processes on one database for S seconds, each a front end sending one request at a time: a
//    registration every 20th request, a login every 10th, saves otherwise (production hashing). Counts -32603,
//    other errors, and checks that every acknowledged write is in the database (its audit row by request id).
import Foundation
import GRDB
import Persistence
import Service

struct Options {
    var baokao = ".build/release/baokao"
    var saves = 20_000
    var window = 32
    var logins = 6
    var mixedSeconds = 20.0
    var rules = "Rules"

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        if let first = rest.first, !first.hasPrefix("--") { baokao = first; rest = rest.dropFirst() }
        while let flag = rest.popFirst() {
            let value = rest.popFirst() ?? ""
            switch flag {
            case "--saves": saves = Int(value) ?? saves
            case "--window": window = Int(value) ?? window
            case "--logins": logins = Int(value) ?? logins
            case "--mixed-seconds": mixedSeconds = Double(value) ?? mixedSeconds
            case "--rules": rules = value
            default:
                FileHandle.standardError.write(Data("usage: BenchServe BAOKAO [--saves N] [--window W] [--logins K] [--mixed-seconds S] [--rules DIR]\n".utf8))
                exit(64)
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-benchserve-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let dbPath = folder.appendingPathComponent("bench.sqlite").path
/// Inside the registration window of the rules' yijian exam in Beijing.
let instant = 1_782_954_000
let bench = try BenchDatabase(path: dbPath, rules: options.rules, instant: instant)

func serve(_ log: String) throws -> ServeChild {
    try ServeChild(executable: options.baokao, arguments: [
        "serve", "--db", dbPath, "--captcha", "off", "--clock", String(instant), "--rules", options.rules,
        "--log", folder.appendingPathComponent(log).path,
    ])
}

/// The stop line of a serve log (its `writes` figures and `cpuSeconds`).
func stopLine(_ log: String) -> JSONValue? {
    guard let text = try? String(contentsOf: folder.appendingPathComponent(log), encoding: .utf8) else { return nil }
    for line in text.split(separator: "\n").reversed() where line.contains("\"stop\"") {
        return try? JSONParser.parse(Array(line.utf8))
    }
    return nil
}

/// The `writes` figures of the stop line of a serve log.
func writeFigures(_ log: String) -> JSONValue? { stopLine(log)?["writes"] }

print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(String((try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"))")
print("durable: WAL, synchronous=FULL; every answer written after the commit of its effects")

// 1. Saves through one process.
func saves(count: Int, window: Int, log: String) throws -> (rate: Double, latencies: [Double]) {
    let child = try serve(log)
    let sent = SendTimes(count)
    let slots = DispatchSemaphore(value: window)
    let line = bench.saveLine
    // One save answered before the clock starts: the process's start-up (opening the database, loading the
    // rules) is not saving time — a serving process runs for days.
    child.send(line(count))
    guard let warm = child.readLine(), successfulAnswerID(warm) == count else {
        print("save bench: the warm-up save failed"); exit(1)
    }
    let writer = Thread {
        for i in 0..<count {
            slots.wait()
            sent.pointer[i] = nanoseconds()
            child.send(line(i))
        }
    }
    let start = nanoseconds()
    writer.start()
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    for _ in 0..<count {
        guard let answer = child.readLine() else { print("save bench: the service stopped answering"); exit(1) }
        guard let id = successfulAnswerID(answer) else {
            print("save bench: \(String(decoding: answer, as: UTF8.self))"); exit(1)
        }
        latencies.append(Double(nanoseconds() - sent.pointer[id]) / 1e6)
        slots.signal()
    }
    let seconds = Double(nanoseconds() - start) / 1e9
    child.finish()
    return (Double(count) / seconds, latencies.sorted())
}

print("\n-- application.save through one `baokao serve` (an evaluation and a durable write each)")
for (label, window) in [("piped, unbounded", options.saves), ("at most \(options.window) in flight", options.window)] {
    let log = "saves-\(window).log"
    let (rate, latencies) = try saves(count: options.saves, window: window, log: log)
    print(String(format: "%-24@ %9.0f saves/s   p50 %7.2f ms   p99 %7.2f ms   (%d saves)", label as NSString, rate,
                 percentile(latencies, 0.5), percentile(latencies, 0.99), options.saves))
    if let writes = writeFigures(log) { print("   write transactions: \(writes.serialized)") }
    // CPU time of the serve process (start-up, rules and database opening and the warm-up save included), per
    // save: steadier than wall time while other work shares the cores.
    if case .number(let literal)? = stopLine(log)?["cpuSeconds"], let cpu = Double(literal) {
        print(String(format: "   serve CPU: %.2f s, %.3f ms a save", cpu, cpu * 1000 / Double(options.saves)))
    }
    // Per thread (reading and parsing, transactions, writing answers): the transactions' thread bounds the rate.
    if case .object(let threads)? = stopLine(log)?["threadCpuSeconds"] {
        let perSave = ["reading", "transactions", "writing"].map { name -> String in
            guard case .number(let literal)? = threads[name], let cpu = Double(literal) else { return "\(name) ?" }
            return name + " " + String(format: "%.3f", cpu * 1000 / Double(options.saves))
        }
        print("   serve CPU a save by thread (ms): " + perSave.joined(separator: ", "))
    }
}

// 2. Logins, production hashing: one process, then two at once.
func logins(processes: Int) throws -> Double {
    let children = try (0..<processes).map { try serve("logins-\(processes)-\($0).log") }
    let start = nanoseconds()
    runConcurrently(processes) { p in
        for i in 0..<options.logins {
            children[p].send(#"{"jsonrpc":"2.0","id":\#(i),"method":"account.login","params":{"username":"benchuser","password":"Bench2026x"}}"#)
            guard let answer = children[p].readLine(), !String(decoding: answer, as: UTF8.self).contains("\"error\"") else {
                print("login bench: \(String(decoding: children[p].readLine() ?? [], as: UTF8.self))"); exit(1)
            }
        }
    }
    let seconds = Double(nanoseconds() - start) / 1e9
    for child in children { child.finish() }
    return Double(processes * options.logins) / seconds
}

print("\n-- account.login, production hashing (scrypt N=2^17, r=8, p=1), \(options.logins) per process, one at a time")
let one = try logins(processes: 1)
let two = try logins(processes: 2)
print(String(format: "1 process   %6.2f logins/s (%.0f ms a login)", one, 1000 / one))
print(String(format: "2 processes %6.2f logins/s   speed-up %.2fx", two, two / one))

// 3. Four processes, mixed, for S seconds.
print(String(format: "\n-- 4 processes on one database, %.0f s: a registration every 20th request, a login every 10th, saves otherwise", options.mixedSeconds))
let tally = Tally()
let children = try (0..<4).map { try serve("mixed-\($0).log") }
let deadline = nanoseconds() + UInt64(options.mixedSeconds * 1e9)
try bench.seedRegistrationCodes(count: 4 * 200)
runConcurrently(4) { p in
    var n = 0
    var registrations = 0
    while nanoseconds() < deadline {
        n += 1
        let id = p * 10_000_000 + n
        let (method, line): (String, String)
        if n % 20 == 1, registrations < 200 {
            method = "account.register"
            line = bench.registrationLine(id: id, candidate: p * 200 + registrations)
            registrations += 1
        } else if n % 10 == 5 {
            method = "account.login"
            line = #"{"jsonrpc":"2.0","id":\#(id),"method":"account.login","params":{"username":"benchuser","password":"Bench2026x"}}"#
        } else {
            method = "application.save"
            line = bench.saveLine(id)
        }
        let t0 = nanoseconds()
        children[p].send(line)
        guard let answer = children[p].readLine(), let response = try? JSONParser.parse(answer) else {
            tally.add(method: method, id: id, latency: 0, error: -1)
            return
        }
        tally.add(method: method, id: id, latency: Double(nanoseconds() - t0) / 1e6, error: response["error"]?["code"]?.intValue,
                  message: response["error"]?.serialized)
    }
}
for child in children { child.finish() }
let audited = try bench.auditedRequestIDs()
let report = tally.report(audited: audited)
print(report)
for p in 0..<4 { if let writes = writeFigures("mixed-\(p).log") { print("   process \(p) write transactions: \(writes.serialized)") } }
