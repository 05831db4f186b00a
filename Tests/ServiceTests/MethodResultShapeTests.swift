import Foundation
import Persistence
@testable import Service
import TestDatabases
import Testing

/// The result schemas of the published API against real answers: one candidate's way from registration to
/// payment and through recovery, with the staff around, calls every registered method at least once; each
/// successful answer must have every member its schema requires, no member it does not describe, and the
/// described types and enum values.
@Suite struct MethodResultShapeTests {
    /// A driver that keeps every successful answer, by method.
    final class RecordingDriver: ServiceDriver {
        let inner: any ServiceDriver
        var results: [(method: String, result: JSONValue)] = []
        init(_ inner: any ServiceDriver) { self.inner = inner }

        func call(_ method: String, _ params: JSONValue) throws -> JSONValue {
            let response = try inner.call(method, params)
            if let result = response["result"] { results.append((method, result)) }
            return response
        }

        func advance(by seconds: TimeInterval) throws { try inner.advance(by: seconds) }
        var store: any ServiceStore { inner.store }
        var logText: String { inner.logText }
        func stop() throws { try inner.stop() }
        func addReviewer(_ username: String, role: String, province: String, city: String?) throws {
            try inner.addReviewer(username, role: role, province: province, city: city)
        }
    }

    @Test(arguments: Backend.allCases) func everyMethodAnswersAsItsResultSchemaSays(_ backend: Backend) throws {
        let driver = RecordingDriver(try makeApplicationDriver(.inProcess(backend)))
        try journey(driver)
        for (method, result) in driver.results {
            let description = try #require(MethodCatalog.description(of: method))
            let problems = description.result.problems(with: result)
            #expect(problems == [], "\(method): \(result.serialized.prefix(600))")
        }
        let answered = Set(driver.results.map(\.method))
        #expect(Set(MethodRegistry.standard.names).subtracting(answered).sorted() == [], "methods the journey never got an answer from")
    }

    /// The check itself: each kind of difference is found, at its path.
    @Test func aResultUnlikeItsSchemaIsCaught() throws {
        let schema = try #require(MethodCatalog.description(of: "application.start")).result
        let good: JSONValue = ["application": 1, "exam": "demo", "examName": "示例", "year": 2026, "province": "110000",
                               "state": "commitment-notice", "next": "accept-commitment-notice", "message": "…"]
        #expect(schema.problems(with: good) == [])
        #expect(schema.problems(with: good.removing("year")) == ["result.year: missing"])
        #expect(schema.problems(with: good.with(["extra": 1])) == ["result.extra: not described"])
        #expect(schema.problems(with: good.with(["state": "flying"])).first?.hasPrefix("result.state: flying is not one of") == true)
        #expect(schema.problems(with: good.with(["application": "1"])) == ["result.application: expected integer, found string"])
        #expect(schema.problems(with: good.with(["year": .number("2026.5")])) == ["result.year: 2026.5 is not an integer"])
    }

    /// Every method, each answering successfully at least once.
    func journey(_ driver: RecordingDriver) throws {
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()  // captcha.issue, sms.send, account.register, account.login, account.uploadPhoto
        expectResult(try j.call("account.profile"))
        expectResult(try driver.call("exam.list", [:]))
        expectResult(try driver.call("rules.list", [:]))
        let evaluate = try #require(MethodCatalog.description(of: "eligibility.evaluate"))
        expectResult(try driver.call("eligibility.evaluate", evaluate.exampleParams))
        try j.verify(education: "manual")  // review.login, verification.update
        try j.start()  // application.start, application.acceptNotice
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        let pdf = Data("%PDF-1.4\n1 0 obj <<>> endobj\n%%EOF\n".utf8).base64EncodedString()
        expectResult(try j.call("application.uploadProof", ["kind": "education", "record": 0, "file": .string(pdf)]))
        try j.approvePhoto()  // review.viewPhoto, review.photo
        expectResult(try j.call("application.confirm"))
        let reviewer = try j.staffToken("bj-reviewer")
        expectResult(try driver.call("review.queue", ["token": .string(reviewer)]))
        expectResult(try j.decide("reject", reason: "学历证明材料不清晰"))
        expectResult(try j.call("application.reopen"))
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        expectResult(try j.call("application.confirm"))
        expectResult(try j.decide("approve"))
        let form = expectResult(try j.call("application.form"))
        expectResult(try driver.call("review.verifyForm", ["token": .string(reviewer), "payload": form["qr"] ?? .null]))
        expectResult(try j.pay(expectedAmount: 24200))  // payment.create, payment.notify
        expectResult(try j.call("application.status"))
        expectResult(try j.call("application.status", ["application": .null]))
        expectResult(try driver.call("review.logout", ["token": .string(reviewer)]))

        expectResult(try j.call("account.updateEducation", ["degrees": j.candidate.degrees]))
        expectResult(try j.call("account.updateRecoveryQuestion",
                                ["password": .string(j.candidate.password), "question": "您的出生地是？", "answer": "北京"].merging(try driver.captchaFields()) { $1 }))
        expectResult(try j.call("account.changePassword", ["password": .string(j.candidate.password), "newPassword": "Kaoshi2027"]))
        j.candidate.password = "Kaoshi2027"
        let phone = "13900139000"
        let code = try driver.sendCode(to: phone, purpose: "change-phone", token: j.token)
        expectResult(try j.call("account.changePhone", ["password": .string(j.candidate.password), "phone": .string(phone), "smsCode": .string(code)]))
        expectResult(try j.call("account.logout"))

        let who: JSONValue = ["name": .string(j.candidate.name), "idType": .string(j.candidate.idType), "idNumber": .string(j.candidate.idNumber)]
        expectResult(try driver.call("account.recoverByQuestion", who))
        expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": "北京"]).with(try driver.captchaFields())))
        try driver.advance(by: 61)
        let recover = try driver.sendCode(to: phone, purpose: "recover")
        let reset = expectResult(try driver.call("account.recoverBySms", who.with(["phone": .string(phone), "smsCode": .string(recover)])))
        expectResult(try driver.call("account.resetPassword", ["resetToken": reset["resetToken"] ?? .null, "newPassword": "Kaoshi2028"]))
    }
}
