import Foundation
@testable import Service
import TestDatabases
import Testing

/// Staff accounts end: `review.logout` ends a session, `baokao admin disable-reviewer` ends a reviewer (and
/// all its sessions), `baokao admin reset-reviewer-password` ends whatever the old password opened.
@Suite struct ReviewerAccountTests {
    /// An operator command on the driver's database: in-process through `Reviewers`, over pipes through the
    /// real `baokao admin` (while `baokao serve` runs on the same database).
    func admin(_ driver: any ServiceDriver, _ command: String, _ username: String, password: String? = nil) throws {
        if let inProcess = driver as? InProcessDriver {
            switch command {
            case "disable-reviewer": _ = try Reviewers.disable(username: username, store: inProcess.service.store, now: inProcess.clock.now())
            default: _ = try Reviewers.resetPassword(username: username, password: password!, scrypt: .fast, store: inProcess.service.store,
                                                     now: inProcess.clock.now())
            }
            return
        }
        let pipes = try #require(driver as? PipeDriver)
        var arguments = ["admin", command, "--db", pipes.dbPath, "--username", username]
        if command == "reset-reviewer-password" { arguments += ["--scrypt", "16,1,1"] }
        let process = try ServeProcess(arguments: arguments)
        if let password { try process.write(Array((password + "\n").utf8)) }
        try process.closeInput()
        let status = try process.finish()
        let stderr = try process.stderrText()
        #expect(status == 0, "\(stderr)")
    }

    func queue(_ driver: any ServiceDriver, _ token: String) throws -> JSONValue {
        try driver.call("review.queue", ["token": .string(token)])
    }

    @Test(arguments: DriverKind.allCases) func logoutEndsTheSessionAndOnlyIt(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        let first = try j.staffToken("bj-reviewer"), second = try j.staffToken("bj-reviewer")
        expectResult(try driver.call("review.logout", ["token": .string(first)]))
        expectDomainError(try queue(driver, first), .reviewerSessionInvalid)
        expectDomainError(try driver.call("review.logout", ["token": .string(first)]), .reviewerSessionInvalid)
        expectResult(try queue(driver, second))
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'review.logout'") == 1)
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func disablingEndsEverySessionAndEveryLogin(_ kind: DriverKind) throws {
        let j = try Journey.started(try makeApplicationDriver(kind))
        let driver = j.driver
        let first = try j.staffToken("bj-reviewer"), second = try j.staffToken("bj-reviewer")
        let other = try j.staffToken("bj-city")
        try admin(driver, "disable-reviewer", "bj-reviewer")
        for token in [first, second] {
            expectDomainError(try queue(driver, token), .reviewerSessionInvalid)
            expectDomainError(try driver.call("review.viewPhoto", ["token": .string(token), "application": .int(j.application)]), .reviewerSessionInvalid)
        }
        #expect(try driver.count("SELECT COUNT(*) FROM reviewerSession s JOIN reviewer r ON r.id = s.reviewerId WHERE r.username = 'bj-reviewer'") == 0)
        // The right password is told the account is disabled; a wrong one learns nothing more than before.
        let refused = expectError(try driver.call("review.login", ["username": "bj-reviewer", "password": .string(reviewerPassword)]),
                                  DomainError.Code.reviewerLoginFailed.number, "reviewer-login-failed")
        #expect(refused["data"]?["reason"] == "disabled")
        let guessed = expectError(try driver.call("review.login", ["username": "bj-reviewer", "password": "Wrong2026x"]),
                                  DomainError.Code.reviewerLoginFailed.number, "reviewer-login-failed")
        #expect(guessed["data"]?["reason"] == nil)
        // Other reviewers go on.
        expectResult(try queue(driver, other))
        #expect(try driver.count("SELECT COUNT(*) FROM audit WHERE action = 'admin.disable-reviewer' AND actor = 'operator'") == 1)
        try driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func aPasswordResetEndsTheOldSessionsAndLiftsTheLock(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        let old = try j.staffToken("bj-city")
        for _ in 0..<5 { expectDomainError(try driver.call("review.login", ["username": "bj-city", "password": "Wrong2026x"]), .reviewerLoginFailed) }
        expectDomainError(try driver.call("review.login", ["username": "bj-city", "password": .string(reviewerPassword)]), .accountLocked)
        try admin(driver, "reset-reviewer-password", "bj-city", password: "Neues2026pw")
        expectDomainError(try queue(driver, old), .reviewerSessionInvalid)
        expectDomainError(try driver.call("review.login", ["username": "bj-city", "password": .string(reviewerPassword)]), .reviewerLoginFailed)
        let fresh = expectResult(try driver.call("review.login", ["username": "bj-city", "password": "Neues2026pw"]))
        expectResult(try queue(driver, try #require(fresh["token"]?.stringValue)))
        try driver.stop()
    }

    @Test(arguments: Backend.allCases) func theOperatorsFunctionsRefuseWhatTheyCannotDo(_ backend: Backend) throws {
        let driver = try makeApplicationDriver(.inProcess(backend)) as! InProcessDriver
        try Journey.staff(driver)
        #expect(throws: Reviewers.AdminError.self) { try Reviewers.disable(username: "nobody", store: driver.service.store) }
        #expect(throws: Reviewers.AdminError.self) {
            try Reviewers.resetPassword(username: "bj-city", password: "short", scrypt: .fast, store: driver.service.store)
        }
    }

    /// `baokao admin` on a SQLite file (the CLI opens no PostgreSQL): exit 64 and the reason.
    @Test func theOperatorCommandsRefuseWhatTheyCannotDo() throws {
        let cli = try ServeProcess(arguments: ["admin", "disable-reviewer", "--db", temporaryDirectory().appendingPathComponent("x.sqlite").path,
                                               "--username", "nobody"])
        try cli.closeInput()
        #expect(try cli.finish() == 64)
        #expect(try cli.stderrText().contains("no reviewer named nobody"))
    }

    /// A reviewer of another province (or another city) sees nothing of an application outside its scope:
    /// not in the queue, not its photo, no decision, no form fields.
    @Test(arguments: DriverKind.allCases) func anotherProvincesReviewerReachesNothing(_ kind: DriverKind) throws {
        let j = try Journey.started(try makeApplicationDriver(kind))
        let driver = j.driver
        try j.confirm()
        let form = expectResult(try j.call("application.form"))
        let qr = try #require(form["qr"]?.stringValue)
        let bj = try j.staffToken("bj-reviewer")
        #expect(expectResult(try driver.call("review.queue", ["token": .string(bj), "state": "all"]))["count"] == 1)
        let gd = try j.staffToken("gd-reviewer")
        #expect(expectResult(try driver.call("review.queue", ["token": .string(gd), "state": "all"]))["count"] == 0)
        let target: JSONValue = ["token": .string(gd), "application": .int(j.application)]
        expectDomainError(try driver.call("review.viewPhoto", target), .outOfScope)
        expectDomainError(try driver.call("review.photo", target.with(["decision": "approve", "sha256": .string(try j.photoHash(reviewerToken: bj))])),
                          .outOfScope)
        expectDomainError(try driver.call("review.decide", target.with(["decision": "approve"])), .outOfScope)
        expectDomainError(try driver.call("review.verifyForm", ["token": .string(gd), "payload": .string(qr)]), .outOfScope)
        // Nothing of it leaked into the refusals.
        for response in [try driver.call("review.viewPhoto", target), try driver.call("review.verifyForm", ["token": .string(gd), "payload": .string(qr)])] {
            #expect(!response.serialized.contains("photo\":\"/9j") && !response.serialized.contains("printed"))
        }
        #expect(try j.driver.count("SELECT COUNT(*) FROM photo WHERE status = 'approved'") == 1)
        try driver.stop()
    }
}
