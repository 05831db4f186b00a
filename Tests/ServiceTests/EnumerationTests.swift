import Foundation
@testable import Service
import TestDatabases
import Testing

/// Nothing tells a stranger who is registered: not registration, not recovery by question.
@Suite struct EnumerationTests {
    /// A taken username or a bound phone is told only once the SMS code is right.
    @Test(arguments: DriverKind.allCases)
    func registrationTellsNothingBeforeTheCode(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let first = Candidate()
        expectResult(try driver.register(first))
        var probe = Candidate.numbered(1)
        let code = try driver.sendCode(to: probe.phone, purpose: "register")
        let wrong = code == "000000" ? "111111" : "000000"
        // Taken username, bound phone, registered document: with a wrong code, all are the wrong code.
        var takenName = probe
        takenName.username = first.username
        expectDomainError(try driver.call("account.register", takenName.registration(smsCode: wrong)), .smsCodeMismatch)
        var boundPhone = probe
        boundPhone.phone = first.phone
        let phoneProbe = try driver.call("account.register", boundPhone.registration(smsCode: wrong))
        #expect(phoneProbe["error"]?["data"]?["code"]?.stringValue?.hasPrefix("sms-code") == true)
        var sameDocument = probe
        sameDocument.idNumber = first.idNumber
        expectDomainError(try driver.call("account.register", sameDocument.registration(smsCode: wrong)), .smsCodeMismatch)
        // With the right code the taken username is told (and counted against the code); another name passes.
        expectDomainError(try driver.call("account.register", takenName.registration(smsCode: code)), .usernameTaken)
        probe.username = "freshname"
        expectResult(try driver.call("account.register", probe.registration(smsCode: code)))
    }

    /// A guess at the code of a phone that registered, of one whose code expired, and of one never sent a
    /// code: one answer (a "used" code would tell that the phone registered).
    @Test(arguments: Backend.allCases) func aUsedCodeIsAnsweredAsAnExpiredOne(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let registered = Candidate()
        expectResult(try driver.register(registered))
        _ = try driver.sendCode(to: "13600000001", purpose: "register")
        driver.advance(by: 301)
        var probe = Candidate.numbered(1)
        let answers = try [registered.phone, "13600000001", "13600000002"].map { phone in
            probe.phone = phone
            return try driver.call("account.register", probe.registration(smsCode: "000000"))
        }
        for answer in answers {
            expectDomainError(answer, .smsCodeExpired)
            #expect(answer["error"] == answers[0]["error"])
        }
    }

    /// Step 1 answers a question from the same list for a registered and an unregistered identity; step 2
    /// refuses both alike, writes alike, and locks both alike after five wrong answers.
    @Test(arguments: DriverKind.allCases)
    func recoveryByQuestionAnswersAlikeWhetherOrNotTheIDIsRegistered(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let registered: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber)]
        let stranger: JSONValue = ["name": "张三", "idType": "resident-id", "idNumber": .string(residentID(born: "19791201", sequence: 5))]
        for who in [registered, stranger] {
            let step1 = expectResult(try driver.call("account.recoverByQuestion", who))
            #expect(Recovery.questions.contains(step1["question"]?.stringValue ?? ""))
            #expect(step1.objectValue?.keys.sorted() == ["next", "question"])
        }
        let auditBefore = try driver.count("SELECT COUNT(*) FROM audit")
        var refusals: [JSONValue] = []
        for who in [registered, stranger] {
            for _ in 0..<5 { refusals.append(try driver.call("account.recoverByQuestion", who.with(["answer": "不对"]))) }
        }
        for refusal in refusals {
            expectDomainError(refusal, .recoveryFailed)
            #expect(refusal["error"] == refusals[0]["error"])
        }
        // Each wrong answer wrote the same: one audit row, the identity's count.
        #expect(try driver.count("SELECT COUNT(*) FROM audit") == auditBefore + 10)
        #expect(try driver.count("SELECT COUNT(*) FROM recoveryFailure WHERE lockedUntil IS NOT NULL") == 2)
        // Locked: even the right answer fails, for the quarter hour.
        expectDomainError(try driver.call("account.recoverByQuestion", registered.with(["answer": .string(candidate.answer)])), .recoveryFailed)
        try driver.advance(by: 16 * 60)
        expectResult(try driver.call("account.recoverByQuestion", registered.with(["answer": .string(candidate.answer)])))
    }

    /// A question written before the list (free text) is never shown: it would tell the account exists.
    @Test(arguments: Backend.allCases) func aFreeTextQuestionIsNeverShown(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        try driver.store.write { tx in _ = try tx.execute("UPDATE account SET recoveryQuestion = '我家小狗的名字？'") }
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber)]
        let question = expectResult(try driver.call("account.recoverByQuestion", who))["question"]?.stringValue ?? ""
        #expect(Recovery.questions.contains(question))
        // Registration and the maintenance page take only questions from the list.
        var custom = Candidate.numbered(3)
        custom.question = "我家小狗的名字？"
        let code = try driver.sendCode(to: custom.phone, purpose: "register")
        expectError(try driver.call("account.register", custom.registration(smsCode: code)), -32602, "question-unknown")
    }

    /// Answers are guessed only with a captcha, one per try; asking for the question needs none.
    @Test(arguments: Backend.allCases) func recoveryAnswersNeedACaptcha(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend, captcha: true)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber)]
        expectResult(try driver.call("account.recoverByQuestion", who))
        expectError(try driver.call("account.recoverByQuestion", who.with(["answer": "x"])), -32602, "missing-field")
        let captcha = try driver.captchaFields()
        expectDomainError(try driver.call("account.recoverByQuestion", who.with(["answer": "x"]).with(captcha)), .recoveryFailed)
        expectDomainError(try driver.call("account.recoverByQuestion", who.with(["answer": .string(candidate.answer)]).with(captcha)), .captchaExpired)
        expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": .string(candidate.answer)]).with(try driver.captchaFields())))
    }
}
