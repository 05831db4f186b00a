import Foundation
@testable import Service
import TestDatabases
import Testing

/// The log: one JSON object per line, and never a password, answer, code, token, or full ID or phone number.
@Suite struct LogTests {
    @Test(arguments: DriverKind.allCases) func logsHoldNoSecretsAndOnlyMaskedNumbers(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind, captcha: true)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        expectDomainError(try driver.call("account.login", candidate.login.with(["password": "Wrong0password"]).with(try driver.captchaFields())),
                          .loginFailed)
        try driver.advance(by: 61)
        let code = try driver.sendCode(to: candidate.phone, purpose: "recover")
        let reset = expectResult(try driver.call("account.recoverBySms", ["name": .string(candidate.name), "idType": "resident-id",
            "idNumber": .string(candidate.idNumber), "phone": .string(candidate.phone), "smsCode": .string(code)]))
        let resetToken = try #require(reset["resetToken"]?.stringValue)
        expectResult(try driver.call("account.resetPassword", ["resetToken": .string(resetToken), "newPassword": "Second2026"]))
        let asking: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber),
                                 "answer": .string(candidate.answer)]
        expectResult(try driver.call("account.recoverByQuestion", asking.with(try driver.captchaFields())))
        try driver.stop()

        let log = driver.logText
        let lines = log.split(separator: "\n")
        #expect(lines.count > 10)
        for line in lines {
            let object = try JSONParser.parse(String(line))
            #expect(object["event"]?.stringValue != nil && object["time"]?.stringValue != nil)
        }
        let codes = try driver.strings("SELECT message FROM smsOutbox")
            .compactMap { $0.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }.map(String.init) }
        #expect(codes.count == 2)
        let secrets = [candidate.password, "Wrong0password", "Second2026", candidate.answer, candidate.idNumber, candidate.phone,
                       token, resetToken] + codes
        for secret in secrets { #expect(!log.contains(secret), "log contains \(secret)") }
        #expect(log.contains("138****8000"))
        // The audit table keeps the same discipline.
        let audit = try driver.strings("SELECT actor || ' ' || action || ' ' || COALESCE(subject, '') || ' ' || COALESCE(detail, '') FROM audit")
            .joined(separator: "\n")
        for secret in secrets { #expect(!audit.contains(secret), "audit contains \(secret)") }
        #expect(audit.contains("110105********"))
    }

    @Test(arguments: Backend.allCases) func everyStateChangeIsAudited(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend)
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        expectResult(try driver.call("account.updateEducation", ["token": .string(token), "degrees": candidate.degrees]))
        expectResult(try driver.call("account.logout", ["token": .string(token)]))
        let rows = try driver.store.read { tx in try tx.fetchAll("SELECT * FROM audit ORDER BY id") }
        #expect(try rows.map { try $0.string("action") } == ["sms.send", "account.register", "account.login", "account.updateEducation", "account.logout"])
        for row in rows.dropFirst() {
            #expect(try row.string("actor").hasPrefix("account:"))
            #expect(try row.optionalString("requestId") != nil)
            #expect(try row.date("at") == scenarioStart)
        }
    }
}
