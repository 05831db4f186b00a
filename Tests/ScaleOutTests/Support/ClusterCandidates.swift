import Foundation
import Persistence
@testable import Service
import Testing
import Vocabulary

/// A candidate of the scale-out tests, numbered: its own username, phone and resident ID number.
struct ClusterCandidate: Sendable {
    let n: Int
    var username: String { "scale\(n)" }
    var password: String { "Kaoshi2026x" }
    var phone: String { String(format: "136%08d", n) }
    /// A valid resident ID number of Beijing Chaoyang, born in 1985 on a day of `n`, sequence `n`.
    var idNumber: String {
        let first17 = "110105" + String(format: "1985%02d%02d", n / 28 % 12 + 1, n % 28 + 1) + String(format: "%03d", n % 1000)
        return first17 + String(Character(Unicode.Scalar(ResidentIDNumber.checkCharacter(for: Array(first17.utf8)))))
    }

    /// The SMS code seeded for every candidate's phone (`seedRegistrationCodes`).
    static let smsCode = "135790"

    /// `account.register` params; `idNumber` replaces the candidate's own (the same person tried on several phones).
    func registration(idNumber: String? = nil) -> JSONValue {
        let id = idNumber ?? self.idNumber
        let education: JSONValue = [["level": "本科", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01"]]
        return ["agreementAccepted": true, "noticeAccepted": true, "username": .string(username), "password": .string(password),
                "name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(id), "email": "scale@example.com",
                "phone": .string(phone), "smsCode": .string(ClusterCandidate.smsCode), "recoveryQuestion": "您母亲的姓名是？",
                "recoveryAnswer": "答案", "education": education,
                "confirmation": ["name": "王晓[沛]", "idType": "resident-id", "idNumber": .string(id), "education": education]]
    }

    var login: JSONValue { ["username": .string(username), "password": .string(password)] }

    /// `application.save` params for a Beijing application of yijian; `years` tells one save from another.
    static func save(token: String, application: Int, years: Int = 5) -> JSONValue {
        ["token": .string(token), "application": .int(application), "city": "110100", "auditPoint": "bj-110105",
         "specialty": "jianzhu", "relevantWorkYears": .int(years)]
    }
}

extension ScaleOutCluster {
    /// A `register` SMS code (`ClusterCandidate.smsCode`) for each candidate's phone, straight into the database,
    /// as if `sms.send` had sent it: the registrations are what these tests are about.
    func seedRegistrationCodes(_ candidates: [ClusterCandidate]) throws {
        try store.write { tx in
            for candidate in candidates {
                try tx.execute("INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES (?, 'register', ?, ?, ?)",
                               candidate.phone, Secrets.sha256Hex(candidate.phone + ":" + ClusterCandidate.smsCode),
                               clusterClockStart.addingTimeInterval(-120), clusterClockStart.addingTimeInterval(86_400))
            }
        }
    }

    /// Registered and logged in through instance `n`; identity, education and photo then approved straight in
    /// the database (the national verification service and a reviewer, whose own steps the other tests cover);
    /// the application of yijian in Beijing started and both notices accepted. Returns the session token and the
    /// application, ready to be saved.
    func applicationInEditing(_ candidate: ClusterCandidate, on n: Int = 0) async throws -> (token: String, application: Int) {
        try seedRegistrationCodes([candidate])
        try await result(n, "account.register", candidate.registration())
        let token = try #require(try await result(n, "account.login", candidate.login)["token"]?.stringValue)
        try store.write { tx in
            let account = try #require(try tx.fetchOne("SELECT id FROM account WHERE username = ?", candidate.username)).int64("id")
            try tx.execute("UPDATE account SET identityVerification = 'verified' WHERE id = ?", account)
            try tx.execute("UPDATE education SET verification = 'verified' WHERE accountId = ?", account)
            try tx.execute("INSERT INTO photo (accountId, jpeg, sha256, width, height, status, uploadedAt) VALUES (?, ?, '', 295, 413, 'approved', ?)",
                           account, [UInt8]([0xFF, 0xD8]), clusterClockStart)
        }
        let started = try await result(n, "application.start", ["token": .string(token), "exam": "yijian", "province": "110000"])
        let application = try #require(started["application"]?.intValue)
        for document in ["commitment-notice", "exam-notice"] {
            try await result(n, "application.acceptNotice", ["token": .string(token), "application": .int(application), "document": .string(document)])
        }
        return (token, application)
    }

    /// `applicationInEditing`, then saved and signed: `application.confirm` comes next.
    func applicationReadyToConfirm(_ candidate: ClusterCandidate, on n: Int = 0) async throws -> (token: String, application: Int) {
        let (token, application) = try await applicationInEditing(candidate, on: n)
        try await result(n, "application.save", ClusterCandidate.save(token: token, application: application))
        try await result(n, "application.sign", ["token": .string(token), "application": .int(application), "action": "sign"])
        return (token, application)
    }
}
