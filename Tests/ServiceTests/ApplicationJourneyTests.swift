import Foundation
@testable import Service
import Testing

/// Seed manual section 4, one journey per verification route, each ending paid — in-process and over the
/// pipes of the real `baokao serve` (rules: Tests/Fixtures/rules, exam `demo`).
@Suite struct ApplicationJourneyTests {
    @Test(arguments: DriverKind.allCases) func autoVerifiedCandidateIsApprovedAtConfirmationAndPays(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        let list = expectResult(try driver.call("exam.list", [:]))
        #expect(list["exams"]?.arrayValue?.first?["id"] == "demo")
        try j.start()
        let saved = expectResult(try j.save())
        #expect(saved["route"] == "auto")
        #expect(saved["fee"]?["total"]?.intValue == 24200)
        #expect(saved["summary"]?["name"] == .string(j.candidate.name))
        #expect(saved["summary"]?["specialty"] == "建筑工程")
        #expect(saved["summary"]?["subjects"]?.arrayValue?.count == 4)
        #expect(saved["next"] == "sign")
        let signed = expectResult(try j.call("application.sign", ["action": "sign"]))
        #expect(signed["state"] == "submitted")
        // 4.4: confirmation waits for the photo review.
        expectDomainError(try j.call("application.confirm"), .photoNotApproved)
        try j.approvePhoto()
        let confirmed = expectResult(try j.call("application.confirm"))
        #expect(confirmed["state"] == "approved")
        #expect(confirmed["next"] == "pay")
        let paid = expectResult(try j.pay(expectedAmount: 24200))
        #expect(paid["paid"] == true)
        let status = try j.status()
        #expect(status["state"] == "paid")
        #expect(status["payment"]?["amount"]?.intValue == 24200)
        #expect(status["next"] == "done")
        #expect(status["allowed"] == [])
        let all = expectResult(try driver.call("application.status", ["token": .string(j.token)]))
        #expect(all["applications"]?.arrayValue?.map { $0["state"] } == ["paid"])
        // Every transition is audited with its actor.
        let actions = try driver.strings("SELECT action || ' ' || actor FROM audit WHERE subject = ? ORDER BY id", "application:\(j.application)")
        #expect(actions == ["application.start account:1", "application.accept-commitment-notice account:1",
                            "application.accept-exam-notice account:1", "application.save account:1", "application.sign account:1",
                            "application.confirm account:1", "payment.create account:1", "application.pay gateway"])
        try driver.stop()
        // The log names methods and actors, never the ID number or the payment body.
        if let pipes = driver as? PipeDriver {
            #expect(pipes.logText.contains("\"method\":\"application.confirm\""))
            #expect(!pipes.logText.contains(j.candidate.idNumber))
            #expect(!pipes.logText.contains("transactionId"))
        }
    }

    @Test(arguments: DriverKind.allCases) func aMajorOutsideTheCatalogueIsConfirmedTwiceReviewedOnlineAndApproved(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register(education: [["level": "bachelor", "major": "星际工程", "school": "示例大学", "graduated": "2010-07-01"]])
        try j.verify()
        try j.start()
        let saved = expectResult(try j.save())
        #expect(saved["route"] == "online-review")
        #expect(saved["warnings"]?.arrayValue?.contains { $0["code"] == "major-not-in-catalog" } == true)
        expectResult(try j.call("application.sign", ["action": "sign"]))
        try j.approvePhoto()
        // Figure 4.4-7: the warning, and an explicit second confirmation.
        expectDomainError(try j.call("application.confirm"), .majorConfirmationRequired)
        let confirmed = expectResult(try j.call("application.confirm", ["majorConfirmed": true]))
        #expect(confirmed["state"] == "online-review")
        let reviewer = try j.staffToken("bj-reviewer")
        let queue = expectResult(try driver.call("review.queue", ["token": .string(reviewer), "route": "online-review"]))
        #expect(queue["applications"]?.arrayValue?.map { $0["application"]?.intValue } == [j.application])
        #expect(queue["applications"]?.arrayValue?.first?["candidate"]?["idNumber"]?.stringValue?.contains("********") == true)
        expectResult(try j.decide("approve"))
        #expect(try j.status()["state"] == "approved")
        expectResult(try j.pay(expectedAmount: 24200))
        #expect(try j.status()["state"] == "paid")
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func rejectedOnlineThenReopenedFixedAndApproved(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        // The education record is outside online verification: proof, then online review (4.3).
        try j.verify(education: "manual")
        try j.start()
        let saved = expectResult(try j.save())
        #expect(saved["route"] == "online-review")
        expectResult(try j.call("application.sign", ["action": "sign"]))
        let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8).base64EncodedString()
        let proof = expectResult(try j.call("application.uploadProof", ["kind": "education", "record": 0, "file": .string(pdf)]))
        #expect(proof["mimeType"] == "application/pdf")
        try j.approvePhoto()
        #expect(expectResult(try j.call("application.confirm"))["state"] == "online-review")
        expectResult(try j.decide("reject", reason: "学历证明材料不清晰"))
        let rejected = try j.status()
        #expect(rejected["state"] == "rejected")
        #expect(rejected["reasons"]?.arrayValue?.first?["message"] == "资格核验不通过：学历证明材料不清晰")
        #expect(rejected["next"] == "reopen")
        expectDomainError(try j.call("payment.create"), .illegalTransition)
        // 4.6: reopen, fix, save, sign and confirm again.
        #expect(expectResult(try j.call("application.reopen"))["state"] == "editing")
        expectResult(try j.call("application.uploadProof", ["kind": "education", "record": 0, "file": .string(Data(syntheticJPEG()).base64EncodedString())]))
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        #expect(expectResult(try j.call("application.confirm"))["state"] == "online-review")
        expectResult(try j.decide("approve"))
        expectResult(try j.pay(expectedAmount: 24200))
        let paid = try j.status()
        #expect(paid["state"] == "paid")
        #expect(paid["proofs"]?.intValue == 2)
        #expect(paid["reasons"]?.arrayValue?.count == 1)
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func exemptionsInGuangdongAreCheckedOnSite(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        try j.start(province: "广东")
        let saved = expectResult(try j.save([
            "city": "440100", "auditPoint": "gz-01", "specialty": "jianzhu", "relevantWorkYears": 3, "basis": "exempt",
            "certificates": [["name": "一级项目经理资质证书", "obtained": "2003-06-01"]],
            "titles": [["name": "高级工程师", "level": "senior", "series": "工程", "obtained": "2010-12-01"]],
        ]))
        #expect(saved["route"] == "onsite-review")
        #expect(saved["fee"]?["total"]?.intValue == 11000)
        #expect(saved["summary"]?["exempted"] == ["jingji", "guanli"])
        expectResult(try j.call("application.sign", ["action": "sign"]))
        try j.approvePhoto(by: "gd-reviewer")
        #expect(expectResult(try j.call("application.confirm"))["state"] == "onsite-review")
        let status = try j.status()
        #expect(status["message"]?.stringValue?.contains("广州审核点") == true)
        // A Beijing reviewer cannot see or decide it.
        let beijing = try j.staffToken("bj-reviewer")
        #expect(expectResult(try driver.call("review.queue", ["token": .string(beijing)]))["count"]?.intValue == 0)
        expectDomainError(try j.decide("approve", by: "bj-reviewer"), .outOfScope)
        expectResult(try j.decide("approve", by: "gd-reviewer"))
        expectResult(try j.pay(expectedAmount: 11000))
        #expect(try j.status()["state"] == "paid")
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func anIntegrityRecordGetsThePromptASecondConfirmationAndOnSiteReview(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify(integrity: true)
        try j.start()
        let saved = expectResult(try j.save())
        #expect(saved["integrityRecord"] == true)
        #expect(saved["route"] == "onsite-review")
        #expect(saved["next"] == "acknowledge-integrity")
        #expect(saved["message"]?.stringValue?.contains("诚信档案库") == true)
        // The commitment is not for them; the second confirmation must match.
        expectDomainError(try j.call("application.sign", ["action": "sign"]), .integrityRecord)
        let wrong = try j.call("application.sign", ["action": "acknowledge", "confirmation": ["name": "别人", "idNumber": .string(j.candidate.idNumber)]])
        expectDomainError(wrong, .confirmationMismatch)
        #expect(wrong["error"]?["data"]?["field"] == "confirmation.name")
        let acknowledged = expectResult(try j.call("application.sign", ["action": "acknowledge",
                                                                        "confirmation": ["name": .string(j.candidate.name), "idNumber": .string(j.candidate.idNumber)]]))
        #expect(acknowledged["state"] == "submitted")
        #expect(acknowledged["signed"] == false)
        try j.approvePhoto()
        #expect(expectResult(try j.call("application.confirm"))["state"] == "onsite-review")
        let cityReviewer = try j.staffToken("bj-city")
        let queue = expectResult(try driver.call("review.queue", ["token": .string(cityReviewer), "route": "onsite-review"]))
        #expect(queue["applications"]?.arrayValue?.first?["candidate"]?["integrityRecord"] == true)
        expectResult(try j.decide("approve", by: "bj-city"))
        expectResult(try j.pay(expectedAmount: 24200))
        #expect(try j.status()["state"] == "paid")
        try driver.stop()
    }
}
