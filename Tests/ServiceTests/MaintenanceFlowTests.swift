import Foundation
@testable import Service
import TestDatabases
import Testing

/// Seed manual section 3 (注册维护) and the photo upload of 4.1.
@Suite struct MaintenanceFlowTests {
    @Test(arguments: DriverKind.allCases)
    func changeRecoveryQuestionWithCaptcha(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind, captcha: true)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let params: JSONValue = ["token": .string(token), "password": .string(candidate.password), "question": "您的出生地是？", "answer": "永久"]
        expectError(try driver.call("account.updateRecoveryQuestion", params), -32602, "missing-field")
        // Questions come from the list the manual has the candidate choose from.
        expectError(try driver.call("account.updateRecoveryQuestion", params.with(["question": "我的第一辆自行车？"]).with(try driver.captchaFields())),
                    -32602, "question-unknown")
        expectResult(try driver.call("account.updateRecoveryQuestion", params.with(try driver.captchaFields())))
        let who: JSONValue = ["name": .string(candidate.name), "idType": "resident-id", "idNumber": .string(candidate.idNumber)]
        #expect(expectResult(try driver.call("account.recoverByQuestion", who))["question"] == "您的出生地是？")
        expectResult(try driver.call("account.recoverByQuestion", who.with(["answer": "永久"]).with(try driver.captchaFields())))
    }

    @Test(arguments: DriverKind.allCases)
    func changePhoneToAFreeOneOnly(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let a = Candidate.numbered(1), b = Candidate.numbered(2)
        expectResult(try driver.register(a))
        expectResult(try driver.register(b))
        let token = try driver.login(a)
        // B's phone is bound: its owner gets a notice, not a code, so the change fails on the code.
        try driver.advance(by: 61)
        expectResult(try driver.call("sms.send", ["token": .string(token), "phone": .string(b.phone), "purpose": "change-phone"]))
        #expect(try driver.lastSMSText(to: b.phone).contains("未能成功"))
        expectDomainError(try driver.call("account.changePhone", ["token": .string(token), "password": .string(a.password),
                                                                  "phone": .string(b.phone), "smsCode": "123456"]), .smsCodeMismatch)
        let code = try driver.sendCode(to: "13711112222", purpose: "change-phone", token: token)
        expectResult(try driver.call("account.changePhone", ["token": .string(token), "password": .string(a.password),
                                                             "phone": "13711112222", "smsCode": .string(code)]))
        #expect(expectResult(try driver.call("account.profile", ["token": .string(token)]))["phone"] == "137****2222")
        // The old phone is free again (a minute after its last SMS).
        try driver.advance(by: 61)
        expectResult(try driver.call("sms.send", ["phone": .string(a.phone), "purpose": "register"]))
    }

    @Test(arguments: DriverKind.allCases)
    func educationIsAddedNeverReplacedAtMostFive(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let master: JSONValue = ["level": "硕士", "major": "结构工程", "school": "同济大学", "graduated": "2015-06-30", "fullTime": false]
        let result = expectResult(try driver.call("account.updateEducation",
            ["token": .string(token), "education": [master], "degrees": [["level": "master", "major": "结构工程", "school": "同济大学", "awarded": "2015-06"]]]))
        #expect(result["education"]?.arrayValue?.count == 2)
        #expect(result["degrees"]?.arrayValue?.count == 2)
        #expect(result["education"]?.arrayValue?[1]["level"] == "master")
        expectResult(try driver.call("account.updateEducation", ["token": .string(token), "education": [master, master, master]]))
        expectDomainError(try driver.call("account.updateEducation", ["token": .string(token), "education": [master]]), .tooManyRecords)
        #expect(try driver.count("SELECT COUNT(*) FROM education") == 5)
        expectError(try driver.call("account.updateEducation", ["token": .string(token)]), -32602)
        expectError(try driver.call("account.updateEducation", ["token": .string(token), "education": [master.with(["graduated": "2099-01-01"])]]),
                    -32602, "date-in-future")
    }

    @Test(arguments: DriverKind.allCases)
    func changePassword(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let other = try driver.login(candidate)
        expectDomainError(try driver.call("account.changePassword", ["token": .string(token), "password": "nope12345", "newPassword": "Fresh2026a"]),
                          .passwordIncorrect)
        expectResult(try driver.call("account.changePassword", ["token": .string(token), "password": .string(candidate.password), "newPassword": "Fresh2026a"]))
        expectResult(try driver.call("account.profile", ["token": .string(token)]))
        expectDomainError(try driver.call("account.profile", ["token": .string(other)]), .sessionInvalid)
        expectResult(try driver.call("account.login", candidate.login.with(["password": "Fresh2026a"])))
    }

    @Test(arguments: DriverKind.allCases)
    func photoIsSniffedSizedAndAwaitsReview(_ kind: DriverKind) throws {
        let driver = try makeDriver(kind)
        defer { try? driver.stop() }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        func upload(_ bytes: [UInt8]) throws -> JSONValue {
            try driver.call("account.uploadPhoto", ["token": .string(token), "photo": .string(Data(bytes).base64EncodedString())])
        }
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A] + [UInt8](repeating: 0, count: 100)
        expectDomainError(try upload(png), .photoNotJPEG)
        expectDomainError(try upload([0xFF, 0xD8, 0xFF, 0xD9]), .photoNotJPEG)
        let wrongSize = try upload(syntheticJPEG(width: 413, height: 295))
        expectDomainError(wrongSize, .photoWrongSize)
        #expect(wrongSize["error"]?["data"]?["width"] == 413)
        expectDomainError(try upload(syntheticJPEG(bytes: 100 * 1024 + 1)), .photoTooLarge)
        expectError(try driver.call("account.uploadPhoto", ["token": .string(token), "photo": "***"]), -32602, "base64")
        #expect(try driver.count("SELECT COUNT(*) FROM photo") == 0)
        expectResult(try upload(syntheticJPEG(bytes: 100 * 1024)))
        expectResult(try upload(syntheticJPEG(bytes: 5000)))
        #expect(try driver.count("SELECT COUNT(*) FROM photo WHERE status = 'pending'") == 1)
        #expect(expectResult(try driver.call("account.profile", ["token": .string(token)]))["photo"]?["status"] == "pending")
    }

    @Test(arguments: Backend.allCases) func photoLimitsAreConfigurable(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend) { $0.photo = PhotoRules(width: 100, height: 140, maximumBytes: 8000) }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        let token = try driver.login(candidate)
        let params: JSONValue = ["token": .string(token)]
        expectDomainError(try driver.call("account.uploadPhoto", params.with(["photo": .string(Data(syntheticJPEG()).base64EncodedString())])), .photoWrongSize)
        expectResult(try driver.call("account.uploadPhoto", params.with(["photo": .string(Data(syntheticJPEG(width: 100, height: 140)).base64EncodedString())])))
    }
}
