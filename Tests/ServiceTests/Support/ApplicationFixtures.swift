import Foundation
import Persistence
@testable import Service
import TestDatabases
import Testing

/// 2026-07-02 09:00 in China: inside the registration window (07-01 … 07-10) of the fixture exam `demo`.
let applicationStart = Date(timeIntervalSince1970: 1_782_954_000)
let testPaymentKey = "test-payment-key"

/// A service on the fixture rules (Tests/Fixtures/rules) with a payment key, in-process (on either store) or
/// over pipes.
func makeApplicationDriver(_ kind: DriverKind, start: Date = applicationStart, recordingSQL: SQLDialect? = nil) throws -> any ServiceDriver {
    switch kind {
    case .inProcess(let backend):
        try InProcessDriver(backend, start: start, recordingSQL: recordingSQL) {
            $0.rules = RulesSource(folder: EligibilityMethodTests.fixtureRules, display: "rules")
            $0.paymentKey = testPaymentKey
        }
    case .pipes:
        try PipeDriver(start: start, extra: ["--rules", EligibilityMethodTests.fixtureRules.path, "--payment-key", testPaymentKey])
    }
}

/// One candidate's way through section 4, step by step, with the staff around: a verifier (the national
/// verification service) and reviewers of Beijing and Guangdong.
final class Journey {
    let driver: any ServiceDriver
    var candidate: Candidate
    var token = ""
    var application = 0

    init(_ driver: any ServiceDriver, _ candidate: Candidate = Candidate()) {
        self.driver = driver
        self.candidate = candidate
    }

    /// Verifier `verifier`, reviewers `bj-reviewer` (110000), `bj-city` (110000/110100), `gd-reviewer` (440000).
    static func staff(_ driver: any ServiceDriver) throws {
        try driver.addReviewer("verifier", role: "verifier", province: "110000", city: nil)
        try driver.addReviewer("bj-reviewer", role: "reviewer", province: "110000", city: nil)
        try driver.addReviewer("bj-city", role: "reviewer", province: "110000", city: "110100")
        try driver.addReviewer("gd-reviewer", role: "reviewer", province: "440000", city: nil)
    }

    /// The staff made, a candidate registered (photo pending), verified and the application started: the
    /// state the review scenarios begin from.
    static func started(_ driver: any ServiceDriver) throws -> Journey {
        try staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        try j.start()
        return j
    }

    /// Saved (Beijing), signed, photo approved and confirmed; returns the answer to `application.confirm`.
    @discardableResult
    func confirm() throws -> JSONValue {
        expectResult(try save())
        expectResult(try call("application.sign", ["action": "sign"]))
        try approvePhoto()
        return expectResult(try call("application.confirm"))
    }

    func staffToken(_ username: String) throws -> String {
        let result = expectResult(try driver.call("review.login", ["username": .string(username), "password": .string(reviewerPassword)]))
        return try #require(result["token"]?.stringValue)
    }

    /// Registered, logged in, photo uploaded (pending review).
    func register(education: JSONValue? = nil) throws {
        if let education {
            candidate.educationOverride = education
        }
        expectResult(try driver.register(candidate))
        token = try driver.login(candidate)
        let photo: JSONValue = ["token": .string(token), "photo": .string(Data(syntheticJPEG()).base64EncodedString())]
        expectResult(try driver.call("account.uploadPhoto", photo.with(try driver.captchaFields())))
    }

    /// In-process with captchas on: registered, verified, an application started — the save comes next.
    static func readyToSaveWithCaptcha(_ backend: Backend) throws -> Journey {
        let driver = try InProcessDriver(backend, captcha: true, start: applicationStart) {
            $0.rules = RulesSource(folder: EligibilityMethodTests.fixtureRules, display: "rules")
        }
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        try j.start()
        return j
    }

    /// The national verification reports (defaults: everything verified).
    func verify(identity: String = "verified", education: String = "verified", degree: String = "verified", integrity: Bool = false) throws {
        let verifier = try staffToken("verifier")
        expectResult(try driver.call("verification.update", [
            "token": .string(verifier), "username": .string(candidate.username), "identity": .string(identity),
            "education": [["record": 0, "verification": .string(education)]], "degrees": [["record": 0, "verification": .string(degree)]],
            "integrityRecord": .bool(integrity),
        ]))
    }

    func call(_ method: String, _ params: [String: JSONValue] = [:]) throws -> JSONValue {
        var members = params
        members["token"] = .string(token)
        if application > 0, members["application"] == nil { members["application"] = .int(application) }
        return try driver.call(method, .object(members))
    }

    /// start and both notices: the application is ready for editing.
    func start(exam: String = "demo", province: String = "110000") throws {
        let started = expectResult(try call("application.start", ["exam": .string(exam), "province": .string(province)]))
        application = try #require(started["application"]?.intValue)
        #expect(started["state"] == "commitment-notice")
        expectResult(try call("application.acceptNotice", ["document": "commitment-notice"]))
        let editing = expectResult(try call("application.acceptNotice", ["document": "exam-notice"]))
        #expect(editing["state"] == "editing")
    }

    static let beijing: [String: JSONValue] = ["city": "110100", "auditPoint": "bj-01", "specialty": "jianzhu", "relevantWorkYears": 5]

    func save(_ params: [String: JSONValue] = Journey.beijing) throws -> JSONValue {
        try call("application.save", params)
    }

    /// The reviewer looks at the photo (`review.viewPhoto`), then approves it by the hash it saw.
    func approvePhoto(by reviewer: String = "bj-reviewer") throws {
        let token = try staffToken(reviewer)
        let sha256 = try photoHash(reviewerToken: token)
        let result = expectResult(try driver.call("review.photo", ["token": .string(token), "application": .int(application), "decision": "approve",
                                                                   "sha256": .string(sha256)]))
        #expect(result["photo"] == "approved")
    }

    /// The SHA-256 of the candidate's latest photo, as `review.viewPhoto` shows it to a reviewer.
    func photoHash(reviewerToken: String) throws -> String {
        let viewed = expectResult(try driver.call("review.viewPhoto", ["token": .string(reviewerToken), "application": .int(application)]))
        return try #require(viewed["sha256"]?.stringValue)
    }

    func decide(_ decision: String, reason: String? = nil, by reviewer: String = "bj-reviewer") throws -> JSONValue {
        let token = try staffToken(reviewer)
        var params: [String: JSONValue] = ["token": .string(token), "application": .int(application), "decision": .string(decision)]
        if let reason { params["reason"] = .string(reason) }
        return try driver.call("review.decide", .object(params))
    }

    /// payment.create, then the gateway's signed notification; returns the notification's answer.
    @discardableResult
    func pay(expectedAmount: Int) throws -> JSONValue {
        let order = expectResult(try call("payment.create"))
        #expect(order["amount"]?.intValue == expectedAmount)
        let orderId = try #require(order["orderId"]?.stringValue)
        return try driver.call("payment.notify", Journey.notification(orderId: orderId, amount: expectedAmount))
    }

    static func notification(orderId: String, amount: Int, key: String = testPaymentKey, transaction: String = "T1") -> JSONValue {
        let body = (["orderId": .string(orderId), "amount": .int(amount), "transactionId": .string(transaction)] as JSONValue).serialized
        return ["body": .string(body), "signature": .string(PaymentNotify.signature(body: body, key: key))]
    }

    func status() throws -> JSONValue { expectResult(try call("application.status")) }
}
