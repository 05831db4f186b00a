import Foundation
@testable import Service
import TestDatabases
import Testing

/// Every refusal of the application workflow, with the state left as it was — in-process and over pipes.
@Suite struct ApplicationRefusalTests {
    @Test(arguments: DriverKind.allCases) func startIsRefusedWithTheManualsPromptsUntilPhotoAndRecordsAreReady(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        expectResult(try driver.register(j.candidate))
        j.token = try driver.login(j.candidate)
        let start: [String: JSONValue] = ["exam": "示例建造师", "province": "北京"]
        expectDomainError(try j.call("application.start", start), .photoMissing)
        expectResult(try j.call("account.uploadPhoto", ["photo": .string(Data(syntheticJPEG()).base64EncodedString())]))
        expectDomainError(try j.call("application.start", start), .identityNotVerified)
        let verifier = try j.staffToken("verifier")
        expectResult(try driver.call("verification.update", ["token": .string(verifier), "username": .string(j.candidate.username), "identity": "verified"]))
        let education = try j.call("application.start", start)
        expectDomainError(education, .educationNotVerified)
        #expect(education["error"]?["data"]?["record"]?.intValue == 0)
        expectResult(try driver.call("verification.update", ["token": .string(verifier), "idNumber": .string(j.candidate.idNumber),
                                                             "education": [["record": 0, "verification": "failed"]]]))
        expectDomainError(try j.call("application.start", start), .degreeNotVerified)
        expectResult(try driver.call("verification.update", ["token": .string(verifier), "username": .string(j.candidate.username),
                                                             "degrees": [["record": 0, "verification": "verified"]]]))
        #expect(try driver.count("SELECT COUNT(*) FROM application") == 0)
        // A failed education record does not stop the start: it sends the application to review.
        try j.start(exam: "示例建造师", province: "北京")
        let again = try j.call("application.start", start)
        expectDomainError(again, .alreadyApplied)
        #expect(again["error"]?["data"]?["application"]?.intValue == j.application)
        // 放弃报名, then the exam can be taken up again.
        #expect(expectResult(try j.call("application.acceptNotice", ["document": "abandon"]))["state"] == "abandoned")
        let restarted = expectResult(try j.call("application.start", start))
        #expect(restarted["application"]?.intValue == j.application)
        #expect(restarted["state"] == "commitment-notice")
        expectDomainError(try j.call("application.start", ["exam": "demo", "province": "上海"]), .examUnavailable)
        expectError(try j.call("application.start", ["exam": "nosuch", "province": "北京"]), -32602, "unknown-exam")
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func noticesInOrderAndIllegalStepsNameTheStateAndTheWayOn(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        let started = expectResult(try j.call("application.start", ["exam": "demo", "province": "110000"]))
        j.application = try #require(started["application"]?.intValue)
        let early = try j.call("application.acceptNotice", ["document": "exam-notice"])
        expectDomainError(early, .illegalTransition)
        #expect(early["error"]?["data"]?["state"] == "commitment-notice")
        #expect(early["error"]?["data"]?["allowed"] == ["accept-commitment-notice", "abandon"])
        expectDomainError(try j.save(), .illegalTransition)
        expectResult(try j.call("application.acceptNotice", ["document": "commitment-notice"]))
        expectResult(try j.call("application.acceptNotice", ["document": "exam-notice"]))
        // Ineligible: every reason, nothing saved.
        let short = try j.save(Journey.beijing.merging(["relevantWorkYears": 1]) { _, new in new })
        expectDomainError(short, .notEligible)
        #expect(short["error"]?["data"]?["reasons"]?.arrayValue?.map { $0["code"] } == ["work-years-short"])
        #expect(try j.status()["state"] == "editing")
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'application.save'") == 0)
        expectError(try j.save(Journey.beijing.merging(["city": "440100"]) { _, new in new }), -32602, "unknown-city")
        expectError(try j.save(Journey.beijing.filter { $0.key != "auditPoint" }), -32602, "missing-field")
        // 暂不提交 leaves it unsubmitted: no confirmation.
        expectResult(try j.save())
        #expect(expectResult(try j.call("application.sign", ["action": "later"]))["state"] == "saved")
        let confirm = try j.call("application.confirm")
        expectDomainError(confirm, .illegalTransition)
        #expect(confirm["error"]?["data"]?["allowed"]?.arrayValue?.contains("sign") == true)
        // Not the candidate's application.
        var other = Candidate.numbered(7)
        other.username = "otheruser"
        let stranger = Journey(driver, other)
        try stranger.register()
        stranger.application = j.application
        expectDomainError(try stranger.call("application.status"), .applicationNotFound)
        expectDomainError(try stranger.call("application.sign", ["action": "sign"]), .applicationNotFound)
        #expect(try j.status()["state"] == "saved")
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func proofsAreSniffedAndSizeLimited(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify(education: "manual")
        try j.start()
        let png = Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 100)).base64EncodedString()
        expectDomainError(try j.call("application.uploadProof", ["kind": "education", "record": 0, "file": .string(png)]), .proofNotAccepted)
        let huge = Data(Array("%PDF-1.4\n".utf8) + [UInt8](repeating: 0x20, count: 2 * 1024 * 1024)).base64EncodedString()
        expectDomainError(try j.call("application.uploadProof", ["kind": "education", "file": .string(huge)]), .proofTooLarge)
        expectError(try j.call("application.uploadProof", ["kind": "diploma", "file": "JVBERi0="]), -32602, "value-unknown")
        #expect(try driver.count("SELECT COUNT(*) FROM proof") == 0)
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func paymentsAreSignedExactOnceAndFinal(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        try j.start()
        expectResult(try j.save())
        expectDomainError(try j.call("payment.create"), .illegalTransition)
        expectResult(try j.call("application.sign", ["action": "sign"]))
        try j.approvePhoto()
        expectResult(try j.call("application.confirm"))
        let order = expectResult(try j.call("payment.create"))
        #expect(expectResult(try j.call("payment.create"))["orderId"] == order["orderId"])
        let orderId = try #require(order["orderId"]?.stringValue)
        expectDomainError(try driver.call("payment.notify", Journey.notification(orderId: orderId, amount: 24200, key: "wrong-key")), .paymentSignatureInvalid)
        expectDomainError(try driver.call("payment.notify", Journey.notification(orderId: orderId, amount: 100)), .paymentAmountMismatch)
        expectDomainError(try driver.call("payment.notify", Journey.notification(orderId: "nosuch", amount: 24200)), .paymentNotFound)
        var tampered = Journey.notification(orderId: orderId, amount: 24200)
        tampered = tampered.with(["body": .string(tampered["body"]!.stringValue!.replacingOccurrences(of: "T1", with: "T2"))])
        expectDomainError(try driver.call("payment.notify", tampered), .paymentSignatureInvalid)
        #expect(try j.status()["state"] == "approved")
        // 4.6: no reopening once approved.
        expectDomainError(try j.call("application.reopen"), .illegalTransition)
        let first = expectResult(try driver.call("payment.notify", Journey.notification(orderId: orderId, amount: 24200)))
        #expect(first["duplicate"] == false)
        let second = expectResult(try driver.call("payment.notify", Journey.notification(orderId: orderId, amount: 24200)))
        #expect(second["duplicate"] == true)
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'application.pay'") == 1)
        let reopen = try j.call("application.reopen")
        expectDomainError(reopen, .illegalTransition)
        #expect(reopen["error"]?["data"]?["state"] == "paid")
        #expect(reopen["error"]?["data"]?["allowed"] == [])
        expectDomainError(try j.call("payment.create"), .illegalTransition)
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func windowsAreEnforcedOnTheServiceClock(_ kind: DriverKind) throws {
        // 2026-06-20: before registration opens.
        let driver = try makeApplicationDriver(kind, start: applicationStart.addingTimeInterval(-12 * 86400))
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        #expect(expectResult(try driver.call("exam.list", [:]))["exams"] == [])
        expectDomainError(try j.call("application.start", ["exam": "demo", "province": "110000"]), .registrationClosed)
        try driver.advance(by: 12 * 86400)
        j.token = try driver.login(j.candidate)
        #expect(expectResult(try driver.call("exam.list", ["province": "北京"]))["exams"]?.arrayValue?.count == 1)
        try j.start()
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        try j.approvePhoto()
        expectResult(try j.call("application.confirm"))
        // 2026-07-13: registration and payment (until 07-12) have closed.
        try driver.advance(by: 11 * 86400)
        j.token = try driver.login(j.candidate)
        expectDomainError(try j.call("payment.create"), .paymentClosed)
        #expect(expectResult(try driver.call("exam.list", [:]))["exams"] == [])
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func reviewersActOnlyWithinTheirRoleAndScope(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        expectDomainError(try driver.call("review.login", ["username": "bj-reviewer", "password": "Wrong2026x"]), .reviewerLoginFailed)
        expectDomainError(try driver.call("review.login", ["username": "nobody", "password": "Wrong2026x"]), .reviewerLoginFailed)
        // Five wrong passwords in a row lock a reviewer's login for 15 minutes.
        for _ in 0..<5 { expectDomainError(try driver.call("review.login", ["username": "bj-city", "password": "Wrong2026x"]), .reviewerLoginFailed) }
        expectDomainError(try driver.call("review.login", ["username": "bj-city", "password": .string(reviewerPassword)]), .accountLocked)
        // A candidate's token is no reviewer's.
        expectDomainError(try driver.call("review.queue", ["token": .string(j.token)]), .reviewerSessionInvalid)
        expectDomainError(try driver.call("verification.update", ["token": .string(j.token), "username": .string(j.candidate.username), "identity": "verified"]),
                          .reviewerSessionInvalid)
        let reviewer = try j.staffToken("bj-reviewer")
        expectDomainError(try driver.call("verification.update", ["token": .string(reviewer), "username": .string(j.candidate.username), "identity": "verified"]),
                          .outOfScope)
        // A misspelt filter is refused, not answered with an empty queue that looks like work done.
        let misspelt = expectError(try driver.call("review.queue", ["token": .string(reviewer), "route": "online"]), -32602, "value-unknown")
        #expect(misspelt["data"]?["field"] == "route")
        expectError(try driver.call("review.queue", ["token": .string(reviewer), "state": "pending"]), -32602, "value-unknown")
        expectResult(try driver.call("review.queue", ["token": .string(reviewer), "state": "all", "route": "auto"]))
        let verifier = try j.staffToken("verifier")
        expectDomainError(try driver.call("review.queue", ["token": .string(verifier)]), .outOfScope)
        expectDomainError(try driver.call("verification.update", ["token": .string(verifier), "username": "nobody", "identity": "verified"]), .accountNotFound)
        expectError(try driver.call("verification.update", ["token": .string(verifier), "username": .string(j.candidate.username),
                                                            "education": [["record": 3, "verification": "verified"]]]), -32602, "record-unknown")
        try j.verify()
        try j.start()
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        expectDomainError(try j.decide("approve"), .illegalTransition)
        expectDomainError(try j.decide("approve", by: "gd-reviewer"), .outOfScope)
        expectError(try j.decide("reject"), -32602, "missing-field")
        let gd = try j.staffToken("gd-reviewer")
        let sha256 = try j.photoHash(reviewerToken: reviewer)
        expectDomainError(try driver.call("review.photo", ["token": .string(gd), "application": .int(j.application), "decision": "approve",
                                                           "sha256": .string(sha256)]), .outOfScope)
        // A rejected photo: the candidate is told why, and must upload again before confirming.
        expectResult(try driver.call("review.photo", ["token": .string(reviewer), "application": .int(j.application), "decision": "reject",
                                                      "reason": "背景不是白色", "sha256": .string(sha256)]))
        expectDomainError(try j.call("application.confirm"), .photoNotApproved)
        #expect(try j.status()["reasons"]?.arrayValue?.first?["message"] == "照片审核未通过：背景不是白色")
        #expect(try j.status()["photo"] == "rejected")
        try driver.stop()
    }

    /// The manual asks for a captcha when saving (4.2).
    @Test(arguments: Backend.allCases) func saveAsksForACaptcha(_ backend: Backend) throws {
        let j = try Journey.readyToSaveWithCaptcha(backend)
        let driver = j.driver
        expectError(try j.save(), -32602, "missing-field")
        let captcha = try driver.captchaFields()
        expectDomainError(try j.save(Journey.beijing.merging(["captchaId": captcha["captchaId"]!, "captcha": "0000x"]) { _, new in new }), .captchaMismatch)
        expectResult(try j.save(Journey.beijing.merging(try driver.captchaFields()) { _, new in new }))
    }
}
