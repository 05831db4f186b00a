import Foundation
@testable import Service
import TestDatabases
import Testing

/// Seed manual section 2, 密码找回: by the recovery question and by SMS, then the reset.
@Suite struct RecoveryFlowTests {
    @Test(arguments: DriverKind.allCases)
    func recoverByQuestionThenReset(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let who: JSONValue = ["name": .string(candidate.name), "idType": "身份证", "idNumber": .string(candidate.idNumber)]

        let step1 = expectResult(try driver.call("account.recoverByQuestion", who))
        #expect(step1["question"] == .string(candidate.question))
        expectDomainError(try driver.call("account.recoverByQuestion", who.with(["answer": "wrong"])), .recoveryFailed)
        // Compared after trimming and case folding.
        let step2 = expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": "  xinhua   PRIMARY "])))
        let resetToken = try #require(step2["resetToken"]?.stringValue)

        expectError(try driver.call("account.resetPassword", ["resetToken": .string(resetToken), "newPassword": "weak"]), -32602, "password-weak")
        expectResult(try driver.call("account.resetPassword", ["resetToken": .string(resetToken), "newPassword": "NewPass2026"]))
        expectDomainError(try driver.call("account.resetPassword", ["resetToken": .string(resetToken), "newPassword": "Other2026x"]), .resetTokenInvalid)
        expectDomainError(try driver.call("account.login", candidate.login), .loginFailed)
        expectResult(try driver.call("account.login", candidate.login.with(["password": "NewPass2026"])))

        // A reset token lasts thirty minutes.
        let late = expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": "Xinhua Primary"])))
        try driver.advance(by: 31 * 60)
        expectDomainError(try driver.call("account.resetPassword", ["resetToken": late["resetToken"] ?? "", "newPassword": "Later2026x"]),
                          .resetTokenInvalid)
    }

    @Test(arguments: DriverKind.allCases)
    func answersNeverTellWhetherAnIDIsRegistered(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let stranger: JSONValue = ["name": "张三", "idType": "resident-id", "idNumber": .string(residentID(born: "19791201", sequence: 5))]
        let question = expectResult(try driver.call("account.recoverByQuestion", stranger))
        #expect(question["question"]?.stringValue?.isEmpty == false)
        // The same decoy every time, as a real question would be.
        #expect(expectResult(try driver.call("account.recoverByQuestion", stranger)) == question)
        let wrongForStranger = try driver.call("account.recoverByQuestion", stranger.with(["answer": "x"]))
        let wrongForCandidate = try driver.call("account.recoverByQuestion",
            ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber), "answer": "x"])
        expectDomainError(wrongForStranger, .recoveryFailed)
        #expect(wrongForStranger["error"]?["message"] == wrongForCandidate["error"]?["message"])
        #expect(wrongForStranger["error"]?["data"] == wrongForCandidate["error"]?["data"])

        // By SMS: a mismatch of name, ID or phone is the same refusal.
        let code = try driver.sendCode(to: candidate.phone.replacingOccurrences(of: "138", with: "135"), purpose: "register")
        let bySms = try driver.call("account.recoverBySms", stranger.with(["phone": .string(candidate.phone), "smsCode": .string(code)]))
        #expect(bySms["error"]?["data"]?["code"] != nil)
        try driver.advance(by: 61)
        let recoverCode = try driver.sendCode(to: candidate.phone, purpose: "recover")
        let wrongPerson = try driver.call("account.recoverBySms", stranger.with(["phone": .string(candidate.phone), "smsCode": .string(recoverCode)]))
        expectDomainError(wrongPerson, .recoveryFailed)
        #expect(wrongPerson["error"]?["message"] == wrongForCandidate["error"]?["message"])
    }

    @Test(arguments: DriverKind.allCases)
    func recoverBySms(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        try driver.advance(by: 61)
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber),
                              "phone": .string(candidate.phone)]
        // The register code cannot be used to recover.
        let code = try driver.sendCode(to: candidate.phone, purpose: "recover")
        let result = expectResult(try driver.call("account.recoverBySms", who.with(["smsCode": .string(code)])))
        expectDomainError(try driver.call("account.recoverBySms", who.with(["smsCode": .string(code)])), .smsCodeExpired)
        expectResult(try driver.call("account.resetPassword", ["resetToken": result["resetToken"] ?? "", "newPassword": "BySms2026"]))
        expectResult(try driver.call("account.login", candidate.login.with(["password": "BySms2026"])))
    }

    @Test(arguments: Backend.allCases) func fiveWrongAnswersCloseRecoveryByQuestionForAWhile(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber)]
        for _ in 1...5 { expectDomainError(try driver.call("account.recoverByQuestion", who.with(["answer": "no"])), .recoveryFailed) }
        expectDomainError(try driver.call("account.recoverByQuestion", who.with(["answer": .string(candidate.answer)])), .recoveryFailed)
        driver.advance(by: 16 * 60)
        expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": .string(candidate.answer)])))
    }
}
