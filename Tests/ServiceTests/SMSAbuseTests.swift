import Foundation
@testable import Service
import TestDatabases
import Testing

/// `sms.send` against a script: who may ask, what the answer tells, how much it sends, and what the outbox
/// keeps.
@Suite struct SMSAbuseTests {
    /// A captcha for `register` and `recover`, the session for `change-phone`.
    @Test(arguments: DriverKind.allCases)
    func aCaptchaOrASessionIsNeeded(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind, captcha: true)
        defer { try? driver.stop() }
        expectError(try driver.call("sms.send", ["phone": "13600000001", "purpose": "register"]), -32602, "missing-field")
        expectError(try driver.call("sms.send", ["phone": "13600000001", "purpose": "recover"]), -32602, "missing-field")
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox") == 0)
        expectResult(try driver.sendSMS(["phone": "13600000001", "purpose": "register"]))

        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let change: JSONValue = ["phone": "13600000002", "purpose": "change-phone"]
        let noSession = try driver.call("sms.send", change)
        expectError(noSession, -32602, "missing-field")
        #expect(noSession["error"]?["data"]?["field"] == "token")
        expectDomainError(try driver.call("sms.send", change.with(["token": "forged"])), .sessionInvalid)
        expectResult(try driver.call("sms.send", change.with(["token": .string(token)])))
    }

    /// Thirty arbitrary numbers asked for a recovery code: every answer is the bound phone's answer, and
    /// nothing goes to any of them. A guess at the code is refused alike too.
    @Test(arguments: DriverKind.allCases)
    func recoveryCodesGoOnlyToBoundPhonesAndTheAnswerTellsNothing(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        try driver.advance(by: 61)
        let bound = expectResult(try driver.call("sms.send", ["phone": .string(candidate.phone), "purpose": "recover"]))
        let strangers = (0..<30).map { String(format: "1590000%04d", $0 * 37) }
        for phone in strangers {
            let answer = expectResult(try driver.call("sms.send", ["phone": .string(phone), "purpose": "recover"]))
            #expect(answer.objectValue?.keys.sorted() == bound.objectValue?.keys.sorted())
            #expect(answer["sent"] == true && answer["resendAfter"] == bound["resendAfter"])
        }
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox WHERE phone = ?", candidate.phone) == 2)
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox WHERE phone LIKE '1590000%'") == 0)
        // The limits answer alike too: a second request within the minute is too soon for both.
        expectDomainError(try driver.call("sms.send", ["phone": .string(candidate.phone), "purpose": "recover"]), .smsTooSoon)
        expectDomainError(try driver.call("sms.send", ["phone": .string(strangers[0]), "purpose": "recover"]), .smsTooSoon)
        // And a wrong code for either is the same refusal with the same tries left.
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber), "smsCode": "000000"]
        let forBound = try driver.call("account.recoverBySms", who.with(["phone": .string(candidate.phone)]))
        let forStranger = try driver.call("account.recoverBySms", who.with(["phone": .string(strangers[0])]))
        if try driver.lastSMSCode(to: candidate.phone) != "000000" {
            expectDomainError(forBound, .smsCodeMismatch)
            #expect(forBound["error"] == forStranger["error"])
        }
    }

    /// Registering with a bound phone: its owner gets a notice instead of a code; the answer is the same.
    @Test(arguments: Backend.allCases) func aBoundPhoneGetsANoticeNotACode(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        driver.advance(by: 61)
        let bound = expectResult(try driver.call("sms.send", ["phone": .string(candidate.phone), "purpose": "register"]))
        let free = expectResult(try driver.call("sms.send", ["phone": "13600000009", "purpose": "register"]))
        #expect(bound == free)
        let notice = try driver.lastSMSText(to: candidate.phone)
        #expect(notice.contains("已绑定") && !notice.contains(where: \.isNumber))
    }

    /// Per client (the `client` param, or the account for `change-phone`) ten an hour; for the whole
    /// service a minute's and an hour's budget.
    @Test(arguments: Backend.allCases) func clientAndGlobalLimits(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend) { $0.smsGlobalPerMinute = 25; $0.smsGlobalPerHour = 40 }
        func send(_ n: Int, client: String?) throws -> JSONValue {
            var params: JSONValue = ["phone": .string(String(format: "1370000%04d", n)), "purpose": "register"]
            if let client { params = params.with(["client": .string(client)]) }
            return try driver.call("sms.send", params)
        }
        for n in 0..<10 { expectResult(try send(n, client: "203.0.113.7")) }
        let refused = try send(10, client: "203.0.113.7")
        expectDomainError(refused, .smsRateLimited)
        #expect(refused["error"]?["data"]?["scope"] == "client")
        expectResult(try send(11, client: "198.51.100.2"))
        // The client is kept only as a keyed hash.
        #expect(try driver.count("SELECT COUNT(*) FROM smsCode WHERE client LIKE '%203.0.113.7%'") == 0)
        // Global: 25 a minute.
        for n in 12..<26 { expectResult(try send(n, client: nil)) }
        let busy = try send(26, client: nil)
        expectDomainError(busy, .smsRateLimited)
        #expect(busy["error"]?["data"]?["scope"] == "global")
        driver.advance(by: 61)
        for n in 27..<42 { expectResult(try send(n, client: nil)) }
        expectDomainError(try send(42, client: nil), .smsRateLimited) // 40 an hour
        driver.advance(by: 3600)
        expectResult(try send(43, client: nil))

        // change-phone counts per account, without a client param.
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        for n in 0..<10 {
            expectResult(try driver.call("sms.send", ["token": .string(token), "phone": .string(String(format: "1350000%04d", n)), "purpose": "change-phone"]))
        }
        expectDomainError(try driver.call("sms.send", ["token": .string(token), "phone": "13500009999", "purpose": "change-phone"]), .smsRateLimited)
    }

    /// The gateway marks a message delivered (`sentAt`): its code is erased. A code never delivered is
    /// erased once it expires.
    @Test(arguments: DriverKind.allCases)
    func codesLeaveTheOutboxOnceDeliveredOrExpired(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let delivered = try driver.sendCode(to: "13600000001", purpose: "register")
        let undelivered = try driver.sendCode(to: "13600000002", purpose: "register")
        // The gateway is another process writing to the outbox.
        try driver.store.write { tx in _ = try tx.execute("UPDATE smsOutbox SET sentAt = ? WHERE phone = '13600000001'", Date()) }
        let first = try driver.lastSMSText(to: "13600000001")
        #expect(!first.contains(delivered) && first.contains("******"))
        #expect(try driver.lastSMSText(to: "13600000002").contains(undelivered))
        try driver.advance(by: 301)
        expectResult(try driver.call("sms.send", ["phone": "13600000003", "purpose": "register"]))
        let second = try driver.lastSMSText(to: "13600000002")
        #expect(!second.contains(undelivered) && second.contains("******"))
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox WHERE expiresAt IS NOT NULL") == 1) // the newest only
    }
}
