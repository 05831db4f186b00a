// BenchService: throughput and latency of the service, in-process, through the full line path
// (parse → dispatch → transaction with durable commit → serialize), on a fresh database.
//
//   BenchService [--logins N] [--reads N] [--writes N] [--saves N] [--rules DIR] [--scrypt N,r,p]
//
// Prints requests per second and p50/p99 latency for `account.login` (a scrypt verification and a session
// insert), a wrong `account.recoverByQuestion` answer for a registered identity and for a stranger (which
// must cost the same), `account.profile` (read-only: no row changes), `captcha.issue` (read-only: a signed challenge and its picture) and
// `application.save` (the evaluator on the real rules, then the application row, its audit line and a
// durable commit). The clock stands at 2026-07-02 09:00 in China, inside the 一级建造师 window in Beijing.
import Foundation
import Persistence
import Service

struct Options {
    var logins = 40
    var reads = 5000
    var writes = 500
    var saves = 2000
    var rules = "Rules"
    var scrypt = ScryptParameters.production

    init(_ arguments: [String]) {
        var iterator = arguments.dropFirst().makeIterator()
        while let flag = iterator.next() {
            let value = iterator.next() ?? ""
            switch flag {
            case "--logins": logins = Int(value) ?? logins
            case "--reads": reads = Int(value) ?? reads
            case "--writes": writes = Int(value) ?? writes
            case "--saves": saves = Int(value) ?? saves
            case "--rules": rules = value
            case "--scrypt":
                let p = value.split(separator: ",").compactMap { Int($0) }
                if p.count == 3 { scrypt = ScryptParameters(rounds: p[0], blockSize: p[1], parallelism: p[2]) }
            default:
                FileHandle.standardError.write(Data("usage: BenchService [--logins N] [--reads N] [--writes N] [--saves N] [--rules DIR] [--scrypt N,r,p]\n".utf8))
                exit(64)
            }
        }
    }
}

let options = Options(CommandLine.arguments)
let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }

var configuration = ServiceConfiguration()
configuration.captchaEnabled = false
configuration.scrypt = options.scrypt
configuration.rules = RulesSource(folder: URL(fileURLWithPath: options.rules), display: options.rules)
let clock = ManualClock(Date(timeIntervalSince1970: 1_782_954_000))
let service = BaokaoService(store: try Store(path: folder.appendingPathComponent("bench.sqlite").path),
                            configuration: configuration, clock: clock)

func call(_ method: String, _ params: JSONValue) -> JSONValue {
    let response = service.call(method, params)
    if let error = response["error"] {
        FileHandle.standardError.write(Data("bench: \(method) failed: \(error.serialized)\n".utf8))
        exit(1)
    }
    return response["result"] ?? .null
}

// One candidate, registered through the service.
_ = call("sms.send", ["phone": "13800138000", "purpose": "register"])
let code = try service.store.read { tx in
    try tx.fetchOne("SELECT message FROM smsOutbox ORDER BY id DESC LIMIT 1")!.string("message")
}.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }!
let education: JSONValue = [["level": "本科", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01"]]
_ = call("account.register", [
    "agreementAccepted": true, "noticeAccepted": true, "username": "benchuser", "password": "Bench2026x",
    "name": "王晓[沛]", "idType": "resident-id", "idNumber": "11010519491231002X", "email": "b@example.com",
    "phone": "13800138000", "smsCode": .string(String(code)), "recoveryQuestion": "您小学的校名是？", "recoveryAnswer": "答案",
    "education": education,
    "confirmation": ["name": "王晓[沛]", "idType": "resident-id", "idNumber": "11010519491231002X", "education": education],
])

/// Runs `line` `count` times through `respond(toLine:)`; prints rate and percentiles.
func measure(_ label: String, count: Int, refused: Bool = false, line: String) {
    guard count > 0 else { return }
    let bytes = Array(line.utf8)
    var latencies: [Double] = []
    latencies.reserveCapacity(count)
    let start = DispatchTime.now().uptimeNanoseconds
    for _ in 0..<count {
        let t0 = DispatchTime.now().uptimeNanoseconds
        let answer = service.respond(toLine: bytes)
        latencies.append(Double(DispatchTime.now().uptimeNanoseconds - t0) / 1e6)
        if answer == nil || answer!.contains("\"error\"") != refused {
            FileHandle.standardError.write(Data("bench: \(label) failed: \(answer ?? "no answer")\n".utf8))
            exit(1)
        }
    }
    let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    latencies.sort()
    func percentile(_ p: Double) -> Double { latencies[min(latencies.count - 1, Int(Double(latencies.count) * p))] }
    let figures = String(format: "%9.1f req/s   p50 %8.3f ms   p99 %8.3f ms   (%d requests)",
                         Double(count) / seconds, percentile(0.50), percentile(0.99), count)
    print(label.padding(toLength: 18, withPad: " ", startingAt: 0) + figures)
}

print("service, in-process, one request at a time; commits durable (WAL, synchronous=FULL)")
print("scrypt N=\(options.scrypt.rounds) r=\(options.scrypt.blockSize) p=\(options.scrypt.parallelism) for passwords")
measure("account.login", count: options.logins,
        line: #"{"jsonrpc":"2.0","id":1,"method":"account.login","params":{"username":"benchuser","password":"Bench2026x"}}"#)
let token = call("account.login", ["username": "benchuser", "password": "Bench2026x"])["token"]!.stringValue!
// A wrong recovery answer costs the same for a registered identity and for a stranger (one hash, one write).
measure("recover: member", count: options.logins, refused: true,
        line: #"{"jsonrpc":"2.0","id":5,"method":"account.recoverByQuestion","params":{"name":"王晓[沛]","idType":"resident-id","idNumber":"11010519491231002X","answer":"不对"}}"#)
measure("recover: stranger", count: options.logins, refused: true,
        line: #"{"jsonrpc":"2.0","id":6,"method":"account.recoverByQuestion","params":{"name":"张三","idType":"resident-id","idNumber":"110105198001010016","answer":"不对"}}"#)
measure("account.profile", count: options.reads,
        line: #"{"jsonrpc":"2.0","id":2,"method":"account.profile","params":{"token":"\#(token)"}}"#)
measure("captcha.issue", count: options.writes, line: #"{"jsonrpc":"2.0","id":3,"method":"captcha.issue"}"#)

// application.save: the candidate verified with an approved photo (set in the database, as the verification
// service and a reviewer would), an application through both notices, then the same save again and again —
// each one a full evaluation on the rules and a durable write.
if options.saves > 0 {
    try service.store.write { tx in
        try tx.execute("UPDATE account SET identityVerification = 'verified'")
        try tx.execute("UPDATE education SET verification = 'verified'")
        try tx.execute("INSERT INTO photo (accountId, jpeg, sha256, width, height, status, uploadedAt) VALUES (1, ?, '', 295, 413, 'approved', ?)",
                       [UInt8]([0xFF, 0xD8]), clock.now())
    }
    let started = call("application.start", ["token": .string(token), "exam": "yijian", "province": "110000"])
    let application = started["application"]!.intValue!
    _ = call("application.acceptNotice", ["token": .string(token), "application": .int(application), "document": "commitment-notice"])
    _ = call("application.acceptNotice", ["token": .string(token), "application": .int(application), "document": "exam-notice"])
    measure("application.save", count: options.saves, line: #"{"jsonrpc":"2.0","id":4,"method":"application.save","params":{"token":"\#(token)","application":\#(application),"city":"110100","auditPoint":"bj-110105","specialty":"jianzhu","relevantWorkYears":5}}"#)
}
