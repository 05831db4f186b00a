import Foundation
@testable import Service
import TestDatabases
import Testing

/// Seed manual section 2 (登录系统): captcha, session, lockout, where the candidate goes next.
@Suite struct LoginFlowTests {
    @Test(arguments: DriverKind.allCases)
    func loginWithCaptchaSaysWhereToGoNext(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind, captcha: true)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))

        // No captcha, a wrong one, a used one.
        expectError(try driver.call("account.login", candidate.login), -32602, "missing-field")
        var fields = try driver.captchaFields()
        let wrong = fields["captcha"] == "0000" ? "1111" : "0000"
        expectDomainError(try driver.call("account.login", candidate.login.with(fields).with(["captcha": .string(wrong)])), .captchaMismatch)
        expectDomainError(try driver.call("account.login", candidate.login.with(fields)), .captchaExpired)
        // Expired after five minutes.
        fields = try driver.captchaFields()
        try driver.advance(by: 301)
        expectDomainError(try driver.call("account.login", candidate.login.with(fields)), .captchaExpired)

        let result = expectResult(try driver.call("account.login", candidate.login.with(try driver.captchaFields())))
        #expect(result["photoRequired"] == true)
        #expect(result["mustCompleteEducation"] == false)
        #expect(result["next"] == "upload-photo")
        #expect(result["account"]?["idNumber"] == .string(String(candidate.idNumber.prefix(6)) + "********" + String(candidate.idNumber.suffix(4))))

        // After a photo upload, the exam list.
        let token = try #require(result["token"]?.stringValue)
        let photo = Data(syntheticJPEG()).base64EncodedString()
        let upload: JSONValue = ["token": .string(token), "photo": .string(photo)]
        expectResult(try driver.call("account.uploadPhoto", upload.with(try driver.captchaFields())))
        let again = expectResult(try driver.call("account.login", candidate.login.with(try driver.captchaFields())))
        #expect(again["photoRequired"] == false)
        #expect(again["next"] == "choose-exam")
    }

    @Test(arguments: DriverKind.allCases)
    func fiveFailuresLockForFifteenMinutes(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let wrong = candidate.login.with(["password": "Wrong12345"])
        for remaining in (1...4).reversed() {
            let response = try driver.call("account.login", wrong)
            expectDomainError(response, .loginFailed)
            #expect(response["error"]?["data"]?["remainingAttempts"] == .int(remaining))
        }
        expectDomainError(try driver.call("account.login", wrong), .accountLocked)
        // Locked: even the right password is refused.
        expectDomainError(try driver.call("account.login", candidate.login), .accountLocked)
        try driver.advance(by: 14 * 60)
        expectDomainError(try driver.call("account.login", candidate.login), .accountLocked)
        try driver.advance(by: 61)
        expectResult(try driver.call("account.login", candidate.login))
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'account.lock'") == 1)
        // An unknown username gets the same answer as a wrong password, and locks nothing.
        expectDomainError(try driver.call("account.login", ["username": "nobody", "password": "Whatever123"]), .loginFailed)
    }

    @Test(arguments: DriverKind.allCases)
    func sessionsExpireAfterTwoIdleHoursAndAtLogout(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        expectResult(try driver.call("account.profile", ["token": .string(token)]))
        // Use keeps it alive…
        try driver.advance(by: 100 * 60)
        let profile = expectResult(try driver.call("account.profile", ["token": .string(token)]))
        #expect(profile["phone"] == "138****8000")
        #expect(profile["education"]?.arrayValue?.count == 1)
        try driver.advance(by: 100 * 60)
        expectResult(try driver.call("account.profile", ["token": .string(token)]))
        // …two idle hours end it.
        try driver.advance(by: 2 * 3600 + 1)
        expectDomainError(try driver.call("account.profile", ["token": .string(token)]), .sessionInvalid)

        let second = try driver.login(candidate)
        expectResult(try driver.call("account.logout", ["token": .string(second)]))
        expectDomainError(try driver.call("account.profile", ["token": .string(second)]), .sessionInvalid)
        expectDomainError(try driver.call("account.profile", ["token": "forged"]), .sessionInvalid)
        // Only hashes of tokens are stored.
        #expect(try driver.count("SELECT COUNT(*) FROM session WHERE tokenHash = ?", second) == 0)
    }

    @Test(arguments: Backend.allCases) func legacyAccountWithoutEducationMustCompleteIt(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        try driver.store.write { tx in
            _ = try tx.execute("""
                INSERT INTO account (username, passwordHash, name, idType, idNumber, email, recoveryQuestion, recoveryAnswerHash, createdAt, updatedAt)
                VALUES ('laokaosheng', ?, '李四', 'resident-id', ?, 'l@example.com', '问题', ?, ?, ?)
                """, try Secrets.hashPassword("Legacy2019", parameters: .fast), residentID(sequence: 9),
                           try Secrets.hashPassword("x", parameters: .fast), scenarioStart, scenarioStart)
        }
        let login = expectResult(try driver.call("account.login", ["username": "LaoKaoSheng", "password": "Legacy2019"]))
        #expect(login["mustCompleteEducation"] == true)
        #expect(login["next"] == "complete-education")
        let token = try #require(login["token"]?.stringValue)
        expectResult(try driver.call("account.updateEducation", ["token": .string(token), "education": Candidate().education]))
        let again = expectResult(try driver.call("account.login", ["username": "laokaosheng", "password": "Legacy2019"]))
        #expect(again["mustCompleteEducation"] == false)
    }

    @Test(arguments: Backend.allCases) func raisingTheScryptCostRehashesAtTheNextLogin(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        var stronger = driver.service.configuration
        stronger.scrypt = ScryptParameters(rounds: 32, blockSize: 2)
        let upgraded = BaokaoService(store: driver.service.store, configuration: stronger, clock: driver.clock)
        expectResult(upgraded.call("account.login", candidate.login))
        let hash = try driver.strings("SELECT passwordHash FROM account").first ?? ""
        #expect(hash.hasPrefix("scrypt$32$2$1$"))
        expectResult(upgraded.call("account.login", candidate.login))
        expectResult(try driver.call("account.login", candidate.login)) // old parameters still verify what is stored
    }
}
