import Foundation
@testable import Service
import TestDatabases
import Testing

/// Seed manual section 1 (注册), in-process and over pipes to `baokao serve`, with every refusal.
@Suite struct RegistrationFlowTests {
    @Test(arguments: DriverKind.allCases)
    func registerThenLogin(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        let result = expectResult(try driver.register(candidate))
        #expect(result["registered"] == true)
        #expect(try driver.count("SELECT COUNT(*) FROM account WHERE name = '王晓[沛]' AND idNumber = ?", candidate.idNumber) == 1)
        #expect(try driver.count("SELECT COUNT(*) FROM education") == 1)
        #expect(try driver.count("SELECT COUNT(*) FROM degree") == 1)
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'account.register'") == 1)
        // Nothing secret is stored in the clear.
        let stored = try driver.strings("SELECT passwordHash || recoveryAnswerHash FROM account").first ?? ""
        #expect(stored.hasPrefix("scrypt$16$1$1$") && !stored.contains(candidate.password))
        let token = try driver.login(candidate)
        #expect(!token.isEmpty)
    }

    @Test(arguments: DriverKind.allCases)
    func refusals(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let first = Candidate()
        expectResult(try driver.register(first))

        // The agreement and the notice come first.
        var code = try driver.sendCode(to: "13900000001", purpose: "register")
        var other = Candidate.numbered(1)
        other.phone = "13900000001"
        expectDomainError(try driver.call("account.register", other.registration(smsCode: code).with(["agreementAccepted": false])),
                          .agreementNotAccepted)
        expectDomainError(try driver.call("account.register", other.registration(smsCode: code).removing("noticeAccepted")),
                          .noticeNotAccepted)

        // The second confirmation names the field that differs.
        for (field, change) in [("confirmation.name", ["name": JSONValue.string("王晓沛")]),
                                ("confirmation.idType", ["idType": "passport", "idNumber": "G12345678"]),
                                ("confirmation.idNumber", ["idNumber": .string(residentID(sequence: 2))]),
                                ("confirmation.education[0].major", ["education": [["level": "本科", "major": "建筑学", "school": "清华大学", "graduated": "2012-07-01"]]]),
                                ("confirmation.degrees", ["degrees": []])] {
            let response = try driver.call("account.register", other.registration(smsCode: code, confirmation: change))
            expectDomainError(response, .confirmationMismatch)
            #expect(response["error"]?["data"]?["field"] == .string(field))
        }

        // One phone binds one account: its owner is told by SMS (no code), so a registration fails on the code.
        try driver.advance(by: 61)
        expectResult(try driver.call("sms.send", ["phone": .string(first.phone), "purpose": "register"]))
        #expect(try driver.lastSMSText(to: first.phone).contains("已绑定"))
        var samePhone = Candidate.numbered(2)
        samePhone.phone = first.phone
        expectDomainError(try driver.call("account.register", samePhone.registration(smsCode: code)), .smsCodeMismatch)

        // A username is unique, whatever its case — told once the code is right.
        var sameName = other
        sameName.username = first.username.uppercased()
        expectDomainError(try driver.call("account.register", sameName.registration(smsCode: "000000")), .smsCodeMismatch)
        expectDomainError(try driver.call("account.register", sameName.registration(smsCode: code)), .usernameTaken)

        // Password rules.
        for password in ["short1", "onlyletters", "1234567890", "abc_12345", "x\(other.username)1", "a\(other.idNumber)"] {
            expectError(try driver.call("account.register", other.registration(smsCode: code).with(["password": .string(password)])), -32602)
        }
        // At least one education record.
        expectError(try driver.call("account.register", other.registration(smsCode: code).with(["education": []])), -32602, "education-required")

        // After all these refusals the code is still good (two tries of five counted: the wrong code, the taken username).
        expectResult(try driver.call("account.register", other.registration(smsCode: code)))
        // One ID number registers once — whatever the username and phone. Told only with a valid code
        // (which it uses up), so nobody learns it without proving a phone.
        var again = first
        again.username = "another"
        again.phone = "13900000005"
        let probeCode = try driver.sendCode(to: again.phone, purpose: "register")
        let wrongCode = probeCode == "000000" ? "111111" : "000000"
        expectDomainError(try driver.call("account.register", again.registration(smsCode: wrongCode)), .smsCodeMismatch)
        expectDomainError(try driver.call("account.register", again.registration(smsCode: probeCode)), .idAlreadyRegistered)
        expectDomainError(try driver.call("account.register", again.registration(smsCode: probeCode)), .smsCodeExpired)
        #expect(try driver.count("SELECT COUNT(*) FROM account") == 2)

        // The ID type may be given by its Chinese name in the confirmation.
        let fourth = Candidate.numbered(4)
        code = try driver.sendCode(to: fourth.phone, purpose: "register")
        expectResult(try driver.call("account.register", fourth.registration(smsCode: code, confirmation: ["idType": "居民身份证"])))
    }

    @Test(arguments: DriverKind.allCases)
    func smsCodesExpireAreSingleUseAndBurnAfterFiveWrongTries(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let a = Candidate.numbered(10), b = Candidate.numbered(11), c = Candidate.numbered(12)

        // Expired after five minutes.
        let code = try driver.sendCode(to: a.phone, purpose: "register")
        try driver.advance(by: 301)
        expectDomainError(try driver.call("account.register", a.registration(smsCode: code)), .smsCodeExpired)

        // Used once: a second registration with the same code is refused.
        let code2 = try driver.sendCode(to: a.phone, purpose: "register")
        expectResult(try driver.call("account.register", a.registration(smsCode: code2)))
        var aOther = b
        aOther.phone = a.phone
        let sameCode = try driver.call("account.register", aOther.registration(smsCode: code2))
        expectDomainError(sameCode, .smsCodeExpired)

        // A code for one purpose is no good for another; never sent counts as expired.
        expectDomainError(try driver.call("account.register", c.registration(smsCode: "123456")), .smsCodeExpired)

        // Reused: consumed by a change of phone, then tried again.
        let token = try driver.login(a)
        let newPhone = "13700000000"
        let change = try driver.sendCode(to: newPhone, purpose: "change-phone", token: token)
        let changing: JSONValue = ["token": .string(token), "password": .string(a.password), "phone": .string(newPhone), "smsCode": .string(change)]
        expectResult(try driver.call("account.changePhone", changing))
        expectDomainError(try driver.call("account.changePhone", changing), .smsCodeExpired)

        // Five wrong tries burn it; the right code after that is refused too.
        let right = try driver.sendCode(to: b.phone, purpose: "register")
        let wrong = right == "000000" ? "111111" : "000000"
        for remaining in (1...4).reversed() {
            let response = try driver.call("account.register", b.registration(smsCode: wrong))
            expectDomainError(response, .smsCodeMismatch)
            #expect(response["error"]?["data"]?["remainingTries"] == .int(remaining))
        }
        expectDomainError(try driver.call("account.register", b.registration(smsCode: wrong)), .smsCodeBurnt)
        expectDomainError(try driver.call("account.register", b.registration(smsCode: right)), .smsCodeBurnt)
    }

    @Test(arguments: DriverKind.allCases)
    func smsRateLimits(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let phone = "13600000000"
        expectResult(try driver.call("sms.send", ["phone": .string(phone), "purpose": "register"]))
        let tooSoon = try driver.call("sms.send", ["phone": .string(phone), "purpose": "recover"])
        expectDomainError(tooSoon, .smsTooSoon)
        #expect((tooSoon["error"]?["data"]?["retryAfter"]?.intValue ?? 0) > 0)
        // Another phone is not held up.
        expectResult(try driver.call("sms.send", ["phone": "13600000001", "purpose": "register"]))
        for _ in 2...10 {
            try driver.advance(by: 61)
            expectResult(try driver.call("sms.send", ["phone": .string(phone), "purpose": "register"]))
        }
        try driver.advance(by: 61)
        expectDomainError(try driver.call("sms.send", ["phone": .string(phone), "purpose": "register"]), .smsDailyLimit)
        #expect(try driver.count("SELECT COUNT(*) FROM smsOutbox WHERE phone = ?", phone) == 10)
        // The next China day (the scenario starts 09:00 China time; 10 × 61 s later it is still morning).
        try driver.advance(by: 15 * 3600 + 10)
        expectResult(try driver.call("sms.send", ["phone": .string(phone), "purpose": "register"]))
    }

    @Test(arguments: Backend.allCases) func rareCharactersAndMinorityNamesRegister(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        for (n, name) in ["𠮷野家", "阿依古丽•买买提", "王晓【沛】"].enumerated() {
            var candidate = Candidate.numbered(20 + n)
            candidate.name = name
            expectResult(try driver.register(candidate))
        }
        let names = try driver.strings("SELECT name FROM account ORDER BY id")
        #expect(names == ["𠮷野家", "阿依古丽·买买提", "王晓[沛]"])
    }
}
