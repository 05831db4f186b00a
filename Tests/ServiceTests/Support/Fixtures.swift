import Foundation
import GRDB
@testable import Service
import Testing
import Vocabulary

/// A valid resident ID number of Beijing Chaoyang (110105) for a birth date and sequence, with its check character.
func residentID(born: String = "19900307", sequence: Int = 1) -> String {
    let first17 = "110105" + born + String(format: "%03d", sequence % 1000)
    let check = ResidentIDNumber.checkCharacter(for: Array(first17.utf8))
    return first17 + String(Character(Unicode.Scalar(check)))
}

/// One candidate's registration data, with helpers to build the params of each step.
struct Candidate {
    var username = "wangxiaopei"
    var password = "Kaoshi2026"
    var name = "王晓[沛]"
    var idType = "resident-id"
    var idNumber = residentID()
    var email = "wxp@example.com"
    var phone = "13800138000"
    var question = "我的小学校名？"
    var answer = "Xinhua Primary"

    static func numbered(_ n: Int) -> Candidate {
        var candidate = Candidate()
        candidate.username = "user\(n)"
        candidate.name = "测试\(["甲", "乙", "丙", "丁", "戊", "己", "庚", "辛", "壬", "癸"][n % 10])"
        candidate.idNumber = residentID(born: String(format: "1985%02d%02d", n / 28 % 12 + 1, n % 28 + 1), sequence: n)
        candidate.phone = String(format: "139%08d", n)
        candidate.email = "user\(n)@example.com"
        return candidate
    }

    /// Another education record for a scenario (a major outside the catalogue).
    var educationOverride: JSONValue?

    var education: JSONValue {
        educationOverride ?? [["level": "bachelor", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01", "fullTime": true]]
    }

    var degrees: JSONValue {
        [["level": "学士", "major": "土木工程", "school": "清华大学", "awarded": "2012-07"]]
    }

    func registration(smsCode: String, confirmation: [String: JSONValue] = [:]) -> JSONValue {
        var again: [String: JSONValue] = ["name": .string(name), "idType": .string(idType), "idNumber": .string(idNumber),
                                          "education": education, "degrees": degrees]
        again.merge(confirmation) { _, new in new }
        return ["agreementAccepted": true, "noticeAccepted": true, "username": .string(username), "password": .string(password),
                "name": .string(name), "idType": .string(idType), "idNumber": .string(idNumber), "email": .string(email),
                "phone": .string(phone), "smsCode": .string(smsCode), "recoveryQuestion": .string(question),
                "recoveryAnswer": .string(answer), "education": education, "degrees": degrees, "confirmation": .object(again)]
    }

    var login: JSONValue { ["username": .string(username), "password": .string(password)] }
}

extension JSONValue {
    /// Params with some members replaced (or removed with `.null`… use `removing`).
    func with(_ changes: [String: JSONValue]) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members.merge(changes) { _, new in new }
        return .object(members)
    }

    func removing(_ key: String) -> JSONValue {
        guard case .object(var members) = self else { return self }
        members[key] = nil
        return .object(members)
    }
}

/// The result of a successful response; records an issue (pointing at the caller) when it is an error.
@discardableResult
func expectResult(_ response: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    #expect(response["error"] == nil, "expected a result, got \(response.serialized)", sourceLocation: sourceLocation)
    return response["result"] ?? .null
}

/// Checks that a response is the error `code` (number) with `error.data.code` `dataCode`; returns the error.
@discardableResult
func expectError(_ response: JSONValue, _ code: Int, _ dataCode: String? = nil,
                 sourceLocation: SourceLocation = #_sourceLocation) -> JSONValue {
    let error = response["error"] ?? .null
    #expect(error["code"]?.intValue == code, "expected error \(code), got \(response.serialized)", sourceLocation: sourceLocation)
    if let dataCode {
        #expect(error["data"]?["code"] == .string(dataCode), "expected data.code \(dataCode), got \(response.serialized)",
                sourceLocation: sourceLocation)
    }
    if let message = error["message"]?.stringValue {
        #expect(!message.isEmpty, sourceLocation: sourceLocation)
    }
    return error
}

func expectDomainError(_ response: JSONValue, _ code: DomainError.Code, sourceLocation: SourceLocation = #_sourceLocation) {
    let error = expectError(response, code.number, code.rawValue, sourceLocation: sourceLocation)
    let message = error["message"]?.stringValue ?? ""
    #expect(message.unicodeScalars.contains { $0.properties.isIdeographic }, "message should be Chinese: \(message)",
            sourceLocation: sourceLocation)
}

extension ServiceDriver {
    /// The code of the newest SMS in the outbox for `phone`, read as a gateway would.
    func lastSMSCode(to phone: String) throws -> String {
        let message = try database.read { db in
            try String.fetchOne(db, sql: "SELECT message FROM smsOutbox WHERE phone = ? ORDER BY id DESC LIMIT 1", arguments: [phone])
        }
        let text = try #require(message, "no SMS to \(phone)")
        let digits = text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }
        return String(try #require(digits))
    }

    /// sms.send, then the code from the outbox.
    func sendCode(to phone: String, purpose: String) throws -> String {
        expectResult(try call("sms.send", ["phone": .string(phone), "purpose": .string(purpose)]))
        return try lastSMSCode(to: phone)
    }

    /// A registered account (new SMS code, registration), ready to log in.
    @discardableResult
    func register(_ candidate: Candidate) throws -> JSONValue {
        let code = try sendCode(to: candidate.phone, purpose: "register")
        return try call("account.register", candidate.registration(smsCode: code))
    }

    /// Logs in (captcha read off the picture when the service asks for one); returns the token.
    func login(_ candidate: Candidate) throws -> String {
        let response = try call("account.login", candidate.login.with(try captchaFields()))
        return try #require(expectResult(response)["token"]?.stringValue)
    }

    /// `captchaId` and `captcha` for a request, the answer read off the SVG.
    func captchaFields() throws -> [String: JSONValue] {
        let issued = expectResult(try call("captcha.issue", [:]))
        let svg = try #require(issued["image"]?.stringValue)
        return ["captchaId": issued["captchaId"] ?? .null, "captcha": .string(readCaptcha(svg))]
    }

    func count(_ sql: String, _ arguments: StatementArguments = []) throws -> Int {
        try database.read { db in try Int.fetchOne(db, sql: sql, arguments: arguments) ?? 0 }
    }
}

/// Reads a captcha picture back into its digits, by the stroke paths of `CaptchaImage`.
func readCaptcha(_ svg: String) -> String {
    let byPath = Dictionary(uniqueKeysWithValues: "0123456789".map { (CaptchaImage.pathData($0), $0) })
    var answer = ""
    var rest = Substring(svg)
    while let start = rest.range(of: "<path d=\"") {
        rest = rest[start.upperBound...]
        guard let end = rest.firstIndex(of: "\"") else { break }
        if let digit = byPath[String(rest[..<end])] { answer.append(digit) }
        rest = rest[end...]
    }
    return answer
}

/// The smallest byte string that is a JPEG to a sniffer: SOI, JFIF APP0, a baseline frame header of the
/// given size, EOI — padded to `bytes` with a comment segment.
func syntheticJPEG(width: Int = 295, height: Int = 413, bytes: Int = 2000) -> [UInt8] {
    var jpeg: [UInt8] = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10] + Array("JFIF".utf8) + [0x00, 0x01, 0x01, 0x00, 0x00, 0x48, 0x00, 0x48, 0x00, 0x00]
    jpeg += [0xFF, 0xC0, 0x00, 0x11, 0x08, UInt8(height >> 8), UInt8(height & 0xFF), UInt8(width >> 8), UInt8(width & 0xFF), 0x03,
             0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
    var padding = bytes - jpeg.count - 2
    while padding > 4 {
        let length = min(padding - 2, 65535)
        jpeg += [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + [UInt8](repeating: 0x20, count: length - 2)
        padding -= length + 2
    }
    return jpeg + [0xFF, 0xD9]
}
