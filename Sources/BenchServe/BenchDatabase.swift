import Crypto
import Foundation
import GRDB
import Persistence
import Service

/// The benchmark's database: one candidate (`benchuser`, production password hash) verified, with an approved
/// photo and an application of yijian in Beijing through both notices, ready to be saved again and again; SMS
/// codes for the registrations of the mixed run.
struct BenchDatabase: Sendable {
    let path: String
    let token: String
    let application: Int

    init(path: String, rules: String, instant: Int) throws {
        self.path = path
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = false
        configuration.rules = RulesSource(folder: URL(fileURLWithPath: rules), display: rules)
        let service = BaokaoService(store: try Store(path: path), configuration: configuration,
                                    clock: ManualClock(Date(timeIntervalSince1970: TimeInterval(instant))))
        func call(_ method: String, _ params: JSONValue) throws -> JSONValue {
            let response = service.call(method, params)
            if let error = response["error"] { throw BenchFailure("\(method): \(error.serialized)") }
            return response["result"] ?? .null
        }
        _ = try service.store.write { tx in
            try tx.execute("INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES ('13800138000', 'register', ?, ?, ?)",
                           BenchDatabase.codeHash("13800138000"), Date(timeIntervalSince1970: TimeInterval(instant)),
                           Date(timeIntervalSince1970: TimeInterval(instant + 7 * 86400)))
        }
        _ = try call("account.register", BenchDatabase.registration(username: "benchuser", password: "Bench2026x", idNumber: "11010519491231002X",
                                                                    phone: "13800138000"))
        try service.store.write { tx in
            try tx.execute("UPDATE account SET identityVerification = 'verified'")
            try tx.execute("UPDATE education SET verification = 'verified'")
            try tx.execute("INSERT INTO photo (accountId, jpeg, sha256, width, height, status, uploadedAt) VALUES (1, ?, '', 295, 413, 'approved', ?)",
                           [UInt8]([0xFF, 0xD8]), Date(timeIntervalSince1970: TimeInterval(instant)))
        }
        token = try call("account.login", ["username": "benchuser", "password": "Bench2026x"])["token"]?.stringValue ?? ""
        application = try call("application.start", ["token": .string(token), "exam": "yijian", "province": "110000"])["application"]?.intValue ?? 0
        for document in ["commitment-notice", "exam-notice"] {
            _ = try call("application.acceptNotice", ["token": .string(token), "application": .int(application), "document": .string(document)])
        }
    }

    /// The SMS code of every registration: 123456, stored as `SMSCode` hashes it (SHA-256 of phone and code).
    static func codeHash(_ phone: String) -> String {
        SHA256.hash(data: Array((phone + ":123456").utf8)).map { String(format: "%02x", $0) }.joined()
    }

    func seedRegistrationCodes(count: Int) throws {
        let store = try Store(path: path)
        try store.pool.write { db in
            for n in 0..<count {
                let phone = BenchDatabase.phone(n)
                try db.execute(sql: "INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES (?, 'register', ?, ?, ?)",
                               arguments: [phone, BenchDatabase.codeHash(phone), Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: 4_000_000_000)])
            }
        }
    }

    static func phone(_ n: Int) -> String { String(format: "137%08d", n) }

    static func registration(username: String, password: String, idNumber: String, phone: String) -> JSONValue {
        let education: JSONValue = [["level": "本科", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01"]]
        return ["agreementAccepted": true, "noticeAccepted": true, "username": .string(username), "password": .string(password),
                "name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(idNumber), "email": "b@example.com",
                "phone": .string(phone), "smsCode": "123456", "recoveryQuestion": "您母亲的姓名是？", "recoveryAnswer": "答案",
                "education": education,
                "confirmation": ["name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(idNumber), "education": education]]
    }

    func registrationLine(id: Int, candidate n: Int) -> String {
        let request: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": "account.register",
                                  "params": BenchDatabase.registration(username: "mixed\(n)", password: "Kaoshi2026x",
                                                                       idNumber: residentID(n), phone: BenchDatabase.phone(n))]
        return request.serialized
    }

    var saveLine: @Sendable (Int) -> String {
        let (token, application) = (token, application)
        return { id in
            #"{"jsonrpc":"2.0","id":\#(id),"method":"application.save","params":{"token":"\#(token)","application":\#(application),"city":"110100","auditPoint":"bj-110105","specialty":"jianzhu","relevantWorkYears":5}}"#
        }
    }

    /// The request ids of the audit table: every acknowledged write left one.
    func auditedRequestIDs() throws -> Set<String> {
        let store = try Store(path: path)
        return Set(try store.pool.read { db in try String.fetchAll(db, sql: "SELECT requestId FROM audit WHERE requestId IS NOT NULL") })
    }
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// What the mixed run saw, per method.
final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private var latencies: [String: [Double]] = [:]
    private var errors: [Int: Int] = [:]
    private var acknowledged: [Int] = []
    private var firstErrors: [Int: String] = [:]

    func add(method: String, id: Int, latency: Double, error: Int?, message: String? = nil) {
        lock.withLock {
            latencies[method, default: []].append(latency)
            if let error {
                errors[error, default: 0] += 1
                if firstErrors[error] == nil { firstErrors[error] = "\(method): \(message ?? "")" }
            } else {
                acknowledged.append(id)
            }
        }
    }

    func report(audited: Set<String>) -> String {
        lock.withLock {
            var lines: [String] = []
            var all: [Double] = []
            for (method, values) in latencies.sorted(by: { $0.key < $1.key }) {
                let sorted = values.sorted()
                all += values
                lines.append(String(format: "%-18@ %6d requests   p50 %8.2f ms   p99 %8.2f ms", method as NSString, values.count,
                                    percentile(sorted, 0.5), percentile(sorted, 0.99)))
            }
            let lost = acknowledged.filter { !audited.contains(String($0)) }.count
            lines.append(String(format: "all                %6d requests   p99 %.2f ms; -32603: %d; other errors: %@; acknowledged writes lost: %d of %d",
                                all.count, percentile(all.sorted(), 0.99), errors[-32603] ?? 0,
                                errors.filter { $0.key != -32603 }.map { "\($0.key)×\($0.value)" }.joined(separator: ", ") as NSString,
                                lost, acknowledged.count))
            for (code, sample) in firstErrors.sorted(by: { $0.key < $1.key }) { lines.append("   first \(code): \(sample.prefix(300))") }
            return lines.joined(separator: "\n")
        }
    }
}
