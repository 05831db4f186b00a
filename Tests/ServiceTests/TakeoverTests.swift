import Foundation
@testable import Service
import Testing

/// Taking an identity or an account: one registration per document, the password before the changes that
/// hand an account over, sessions that end.
@Suite struct TakeoverTests {
    /// `王晓[沛]` and `王晓沛` are one ID number: the second registration is refused with the way to reclaim
    /// it, until the examination authority releases the document (`baokao admin release-id`).
    @Test(arguments: DriverKind.allCases)
    func aDocumentRegistersOnceWhateverTheNameUntilReleased(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let first = Candidate()
        expectResult(try driver.register(first))
        let firstToken = try driver.login(first)
        var second = Candidate.numbered(1)
        second.name = "王晓沛"
        second.idNumber = first.idNumber
        let refused = try driver.register(second)
        expectDomainError(refused, .idAlreadyRegistered)
        #expect(refused["error"]?["message"]?.stringValue?.contains("考试管理机构申请重置") == true)

        try release(first.idNumber, on: driver)
        expectDomainError(try driver.call("account.profile", ["token": .string(firstToken)]), .sessionInvalid)
        expectDomainError(try driver.call("account.login", first.login), .loginFailed)
        try driver.advance(by: 61)
        expectResult(try driver.register(second))
        expectResult(try driver.call("account.login", second.login))
        // The old account keeps its rows; its phone is free; the audit says who released it.
        #expect(try driver.count("SELECT COUNT(*) FROM account WHERE releasedAt IS NOT NULL AND phone IS NULL AND releasedReason = 'case 2026-07'") == 1)
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'admin.release-id' AND actor = 'operator'") == 1)
    }

    /// The case release exists for: someone registered the owner's document under the owner's own name, and
    /// once the authority releases it the owner registers with that very name and number. (Migration v1's
    /// UNIQUE (idType, idNumber, name) refused this after a release, on both stores.)
    @Test(arguments: DriverKind.allCases)
    func theSameNameRegistersAgainAfterARelease(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let squatter = Candidate()
        expectResult(try driver.register(squatter))
        var owner = Candidate.numbered(2)
        owner.name = squatter.name
        owner.idNumber = squatter.idNumber
        expectDomainError(try driver.register(owner), .idAlreadyRegistered)
        try release(squatter.idNumber, on: driver)
        try driver.advance(by: 61)
        expectResult(try driver.register(owner))
        expectResult(try driver.call("account.login", owner.login))
        // Released once, it is taken again: a third registration of the document is refused.
        var third = Candidate.numbered(3)
        third.name = squatter.name
        third.idNumber = squatter.idNumber
        expectDomainError(try driver.register(third), .idAlreadyRegistered)
    }

    /// The operator's command, as the authority runs it (or its in-process equivalent).
    private func release(_ idNumber: String, on driver: any ServiceDriver) throws {
        switch driver {
        case let pipes as PipeDriver:
            let admin = try ServeProcess(arguments: ["admin", "release-id", "--db", pipes.dbPath, "--id-type", "居民身份证",
                                                     "--id-number", idNumber, "--reason", "case 2026-07"])
            let status = try admin.finish(), stderr = try admin.stderrText()
            #expect(status == 0, "release-id failed: \(stderr)")
            // Again: nothing left to release, a clear error.
            let again = try ServeProcess(arguments: ["admin", "release-id", "--db", pipes.dbPath, "--id-number", idNumber, "--reason", "x"])
            #expect(try again.finish() == 1)
            #expect(try again.stderrText().contains("no open account"))
        case let local as InProcessDriver:
            _ = try AccountRelease.release(idType: "resident-id", idNumber: idNumber, reason: "case 2026-07", store: local.service.store,
                                           now: local.clock.now())
        default: Issue.record("unknown driver")
        }
    }

    /// A stolen session cannot move the phone or set the recovery answer: both ask for the password, and
    /// wrong ones count towards the lock. The old phone is told of a change.
    @Test(arguments: DriverKind.allCases)
    func phoneAndRecoveryChangesNeedThePassword(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let code = try driver.sendCode(to: "13700000001", purpose: "change-phone", token: token)
        let change: JSONValue = ["token": .string(token), "phone": "13700000001", "smsCode": .string(code)]
        expectError(try driver.call("account.changePhone", change), -32602, "missing-field")
        let wrong = try driver.call("account.changePhone", change.with(["password": "Guess2026x"]))
        expectDomainError(wrong, .passwordIncorrect)
        #expect(wrong["error"]?["data"]?["remainingAttempts"] == 4)
        expectResult(try driver.call("account.changePhone", change.with(["password": .string(candidate.password)])))
        let notice = try driver.lastSMSText(to: candidate.phone)
        #expect(notice.contains("137****0001") && notice.contains("如非本人操作"))

        let question: JSONValue = ["token": .string(token), "question": "您父亲的姓名是？", "answer": "王某"]
        expectError(try driver.call("account.updateRecoveryQuestion", question), -32602, "missing-field")
        for _ in 0..<3 { expectDomainError(try driver.call("account.updateRecoveryQuestion", question.with(["password": "Guess2026x"])), .passwordIncorrect) }
        // The fifth wrong password (with the one above) locks the account and ends its sessions.
        expectDomainError(try driver.call("account.updateRecoveryQuestion", question.with(["password": "Guess2026x"])), .accountLocked)
        expectDomainError(try driver.call("account.profile", ["token": .string(token)]), .sessionInvalid)
        expectDomainError(try driver.call("account.login", candidate.login), .accountLocked)
    }

    /// However busy, a session ends twelve hours after its login.
    @Test(arguments: DriverKind.allCases)
    func sessionsEndTwelveHoursAfterLogin(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        for _ in 0..<7 {
            try driver.advance(by: 100 * 60)
            expectResult(try driver.call("account.profile", ["token": .string(token)]))
        }
        try driver.advance(by: 100 * 60 + 1) // 12 h 1 s after login, 100 minutes after the last use
        expectDomainError(try driver.call("account.profile", ["token": .string(token)]), .sessionInvalid)
        expectResult(try driver.call("account.profile", ["token": .string(try driver.login(candidate))]))
    }
}
