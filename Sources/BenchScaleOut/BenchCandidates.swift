import Crypto
import Foundation
import Persistence
import Service
import Vocabulary

/// The benchmark's candidates, one per client connection, made the same way in each store through the service
/// itself: registered with the production password hash (so that `account.login` costs what it costs in
/// production), verified and photographed straight in the database, logged in, an application of yijian in
/// Beijing started, both notices accepted and saved once.
struct BenchCandidate: Sendable {
    let username: String
    let token: String
    let application: Int

    static let password = "Bench2026x"

    static func seed(_ count: Int, in store: any ServiceStore, rules: String, instant: Date) throws -> [BenchCandidate] {
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = false
        configuration.rules = RulesSource(folder: URL(fileURLWithPath: rules), display: rules)
        let service = BaokaoService(store: store, configuration: configuration, clock: ManualClock(instant))
        func call(_ method: String, _ params: JSONValue) throws -> JSONValue {
            let response = service.call(method, params)
            if let error = response["error"] { throw BenchFailure("seeding, \(method): \(error.serialized)") }
            return response["result"] ?? .null
        }
        return try (0..<count).map { n -> BenchCandidate in
            let username = "candidate\(n)", phone = String(format: "135%08d", n)
            let codeHash = SHA256.hash(data: Array((phone + ":123456").utf8)).map { String(format: "%02x", $0) }.joined()
            _ = try store.write { tx in
                try tx.execute("INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES (?, 'register', ?, ?, ?)",
                               phone, codeHash, instant, instant.addingTimeInterval(86_400))
            }
            let first17 = "110105" + String(format: "1986%02d%02d", n / 28 % 12 + 1, n % 28 + 1) + String(format: "%03d", n % 1000)
            let idNumber = first17 + String(Character(Unicode.Scalar(ResidentIDNumber.checkCharacter(for: Array(first17.utf8)))))
            let education: JSONValue = [["level": "本科", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01"]]
            _ = try call("account.register", [
                "agreementAccepted": true, "noticeAccepted": true, "username": .string(username), "password": .string(password),
                "name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(idNumber), "email": "bench@example.com",
                "phone": .string(phone), "smsCode": "123456", "recoveryQuestion": "您母亲的姓名是？", "recoveryAnswer": "答案",
                "education": education,
                "confirmation": ["name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(idNumber), "education": education],
            ])
            try store.write { tx in
                guard let account = try tx.fetchOne("SELECT id FROM account WHERE username = ?", username) else { throw BenchFailure("no account \(username)") }
                let id = try account.int64("id")
                try tx.execute("UPDATE account SET identityVerification = 'verified' WHERE id = ?", id)
                try tx.execute("UPDATE education SET verification = 'verified' WHERE accountId = ?", id)
                try tx.execute("INSERT INTO photo (accountId, jpeg, sha256, width, height, status, uploadedAt) VALUES (?, ?, '', 295, 413, 'approved', ?)",
                               id, [UInt8]([0xFF, 0xD8]), instant)
            }
            let token = try call("account.login", ["username": .string(username), "password": .string(password)])["token"]?.stringValue ?? ""
            let application = try call("application.start", ["token": .string(token), "exam": "yijian", "province": "110000"])["application"]?.intValue ?? 0
            for document in ["commitment-notice", "exam-notice"] {
                _ = try call("application.acceptNotice", ["token": .string(token), "application": .int(application), "document": .string(document)])
            }
            let candidate = BenchCandidate(username: username, token: token, application: application)
            _ = try call("application.save", candidate.params(for: .save, sequence: 0))
            return candidate
        }
    }

    /// The params of one request of `method`; `sequence` varies the saves (work years 5…14).
    func params(for method: BenchMethod, sequence: Int) -> JSONValue {
        switch method {
        case .login: ["username": .string(username), "password": .string(BenchCandidate.password)]
        case .save: ["token": .string(token), "application": .int(application), "city": "110100", "auditPoint": "bj-110105",
                     "specialty": "jianzhu", "relevantWorkYears": .int(5 + sequence % 10)]
        case .status: ["token": .string(token), "application": .int(application)]
        }
    }

    /// One JSON-RPC request line.
    func request(_ method: BenchMethod, id: Int) -> [UInt8] {
        let request: JSONValue = ["jsonrpc": "2.0", "id": .int(id), "method": .string(method.rawValue), "params": params(for: method, sequence: id)]
        return Array(request.serialized.utf8)
    }
}

enum BenchMethod: String, CaseIterable, Sendable {
    case login = "account.login"
    case save = "application.save"
    case status = "application.status"
}

struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
