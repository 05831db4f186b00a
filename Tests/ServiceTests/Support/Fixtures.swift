import Foundation
import Persistence
@testable import Service
import Testing
import Vocabulary

/// A valid resident ID number of Beijing Chaoyang (110105) for a birth date and sequence, with its check character.
func residentID(born: String = "19900307", sequence: Int = 1) -> String {
    let first17 = "110105" + born + String(format: "%03d", sequence % 1000)
    let check = ResidentIDNumber.checkCharacter(for: Array(first17.utf8))
    return first17 + String(Character(Unicode.Scalar(check)))
}

/// A `register` SMS code `123456` for each phone, seeded straight into the store (for tests where only the
/// registrations matter: `sms.send` is tested elsewhere). Valid for an hour.
func seedRegistrationCodes(_ store: any ServiceStore, phones: [String]) throws {
    try store.write { tx in
        for phone in phones {
            try tx.execute("INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES (?, 'register', ?, ?, ?)",
                           phone, SMSCode.hash(phone: phone, code: "123456"), Date(), Date().addingTimeInterval(3600))
        }
    }
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
    var question = "您小学的校名是？"
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
        let text = try #require(try lastSMSMessage(to: phone), "no SMS to \(phone)")
        let digits = text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }
        return String(try #require(digits))
    }

    /// The newest message in the outbox for `phone`.
    func lastSMSText(to phone: String) throws -> String {
        try lastSMSMessage(to: phone) ?? ""
    }

    private func lastSMSMessage(to phone: String) throws -> String? {
        try store.read { tx in try tx.fetchString("SELECT message FROM smsOutbox WHERE phone = ? ORDER BY id DESC LIMIT 1", phone) }
    }

    /// sms.send (with a captcha, or the session for `change-phone`), then the code from the outbox.
    func sendCode(to phone: String, purpose: String, token: String? = nil) throws -> String {
        var params: JSONValue = ["phone": .string(phone), "purpose": .string(purpose)]
        if let token { params = params.with(["token": .string(token)]) } else { params = params.with(try captchaFields()) }
        expectResult(try call("sms.send", params))
        return try lastSMSCode(to: phone)
    }

    /// sms.send as a front end sends it for an anonymous candidate: with a fresh captcha read off the picture.
    func sendSMS(_ params: JSONValue) throws -> JSONValue {
        try call("sms.send", params.with(try captchaFields()))
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

    /// `captchaId` and `captcha` for a request, solved as a person reading the picture would.
    func captchaFields() throws -> [String: JSONValue] {
        let issued = expectResult(try call("captcha.issue", [:]))
        let id = try #require(issued["captchaId"]?.stringValue)
        return ["captchaId": .string(id), "captcha": .string(try solveCaptcha(id))]
    }

    /// The answer of a captcha id. The test stands in for the person who reads the picture: it holds the
    /// service's secret (from the database) and tries the 10,000 answers against the id's HMAC — which no
    /// client can do.
    func solveCaptcha(_ id: String) throws -> String {
        let key = try store.read { tx in try CaptchaChallenge.key(tx) }
        let challenge = try #require(CaptchaChallenge.parse(id), "not a captcha id: \(id)")
        for n in 0..<10_000 {
            let answer = String(format: "%04d", n)
            if CaptchaChallenge.tag(nonce: challenge.nonce, expiry: challenge.expiry, answer: answer, key: key) == challenge.tag { return answer }
        }
        Issue.record("no answer matches captcha \(id)")
        return ""
    }

    /// The integer a query answers (`SELECT COUNT(*) …`), read through the store contract.
    func count(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> Int {
        try store.read { tx in
            guard let row = try tx.fetchOne(sql, arguments.map { $0.storeValue }) else { return 0 }
            return try row.int(row.columns.names[0])
        }
    }

    /// The text of the first column of every row a query answers, through the store contract.
    func strings(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> [String] {
        try store.read { tx in try tx.fetchAll(sql, arguments.map { $0.storeValue }).map { try $0.string($0.columns.names[0]) } }
    }
}

/// A real baseline JPEG of 295×413 pixels (the manual's 1-inch photo), which PDF readers decode.
let realPhotoJPEG: [UInt8] = Array(Data(base64Encoded: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAAUDBAQEAwUEBAQFBQUGBwwIBwcHBw8LCwkMEQ8SEhEPERETFhwXExQaFRERGCEYGh0dHx8fExciJCIeJBweHx7/2wBDAQUFBQcGBw4ICA4eFBEUHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh4eHh7/wAARCAGdAScDASIAAhEBAxEB/8QAHwAAAQUBAQEBAQEAAAAAAAAAAAECAwQFBgcICQoL/8QAtRAAAgEDAwIEAwUFBAQAAAF9AQIDAAQRBRIhMUEGE1FhByJxFDKBkaEII0KxwRVS0fAkM2JyggkKFhcYGRolJicoKSo0NTY3ODk6Q0RFRkdISUpTVFVWV1hZWmNkZWZnaGlqc3R1dnd4eXqDhIWGh4iJipKTlJWWl5iZmqKjpKWmp6ipqrKztLW2t7i5usLDxMXGx8jJytLT1NXW19jZ2uHi4+Tl5ufo6erx8vP09fb3+Pn6/8QAHwEAAwEBAQEBAQEBAQAAAAAAAAECAwQFBgcICQoL/8QAtREAAgECBAQDBAcFBAQAAQJ3AAECAxEEBSExBhJBUQdhcRMiMoEIFEKRobHBCSMzUvAVYnLRChYkNOEl8RcYGRomJygpKjU2Nzg5OkNERUZHSElKU1RVVldYWVpjZGVmZ2hpanN0dXZ3eHl6goOEhYaHiImKkpOUlZaXmJmaoqOkpaanqKmqsrO0tba3uLm6wsPExcbHyMnK0tPU1dbX2Nna4uPk5ebn6Onq8vP09fb3+Pn6/9oADAMBAAIRAxEAPwD6Tooor1jyQooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKCQASSABySaACoLi7hg4dst/dHJqlfagWOy3Yhe7Y5P0rOrycTmag+Wlr59D1sNljmuarp5dS/NqcrDEaLH79TVZrq4ZixmfJ9Dj+VQ0V5M8TWqfFJnrQw1Gn8MUSefPnPnSZPGdxp6XdyhyJnP1Of51BRUKrNbSZbpQe8UaMOpuMCWMMOORwav29xFOMxuCe6nqK5+lBIIIJBHIIrto5lVp6S1RxVstpVNY6M6Sis+x1AMNlwwDdmxwfrWhXu0a8K0eaDPCrUJ0Zcs0FFFFamQUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAVkandmVzFGw8sdSP4jVjVrnankIRub73PQf8A16ya8XMsXr7KHz/yPay3Cae1n8v8wooorxj2QooooAKKKKACiiigArS0q7ORBKwx/AT/ACrNorahXlQmpRMa9CNeDjI6Wiqmm3PnQ7GI8xODzyR61br6qlUjVgpx2Z8rVpypTcJboKKKKsgKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACmyusUbSMeFGadWfrMuEWEE5PzH6f5/lWOIrexpuZth6PtqigZsrtLI0jHljmmUUV8m227s+sSSVkFFFFIYUUUUAFFFFABRRRQAUUUUATWkxgnWQZwOGHqK3wQQCCCDyCK5qtnSZfMtthJ3R8fh2/wA+1evlVe0nSfXY8jNaF4qqum5cooor3DwwooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKwtQkMl5ITng7QM+lbcr+XE74ztUnFc5XkZtUtGMPmevlNO8pT+QUUUV4Z7gUUUUAFFFFABRRRQAUUUUAFFFFABVzSJCt2E5w4I6/jVOnxP5cqPjO1gcVrQqezqRl2ZlXp+0pyj3R0VFFFfXHyIUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAV9RYrZSFTg4x+ZxWFW5qn/HjJ+H8xWHXgZs/wB8vT9We/lK/cv1/RBRRRXlnqBRRRQAUUUUAFFFFABRRRQAUUUUAFFFFAHRW7F7eNmOSVBP5U+o7T/j1i/3F/lUlfY03eCPjqitNhRRRVEhRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFAFXVADYuSAcYI9uaxK3dTBNjIACeh/UVhV8/mq/fL0/Vn0GVP9y/X9EFFFFeYemFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAdBZgC0iAAHyA/pUtR2wItogQQQgBB+lSV9hTVoL0Pj6jvN+oUUUVZAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAydS8LoMZZSBn6VztdLWBep5d1ImABuyAPQ814+bQ0jP5HsZTPWUPmQ0UUV4h7YUUUUAFFFFABRRRQAUUUUAFFFFABTo1LyKgxliAM02relJvvFOAQoLHNaUYe0qKPdmdafs6bl2RtUUUV9efIBRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAVm61F9yYH/AGSP1H9a0qZcRiaFo26MPyrDFUfbUnA3wtb2NVTOdopzqUcqwwQcGm18o1Y+rTuFFFFIYUUUUAFFFFABRRRQAUUUUAFa+jxbLcyZ5c/oP8msy3jM0yxr1Y/lXQIoRAqjAAwK9bKqPNN1H0/M8nNa3LBU11/IWiiivdPCCiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAzdXtv+XhB7Pz+RrMrpSAQQQCDwQaxNQtTby5UHym+6fT2rw8ywnK/ax2e57mW4vmXspbrYq0UUV5B64UUUUAFFFFABRRRQAUUVe0y081/NkXMY6Z7n/CtaNGVaahEyrVo0YOcizpVt5cfnMPnccc/w1eoor6qjSjRgoRPla1WVabnIKKKK0MwooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACmyIsiFHUMp6inUUNJqzBNp3RjX1i0J3x7nj7+o+tU66Wqlxp8MvKfu29hx+VeNicsu+al93+R7OGzOy5av3/5mLRVqawuYxnYHHqpz/8AXquysjFWUqR2IxXkzpTp/ErHrQqwqfC7jaKKciO5wiMx64AzUJN6IttLVjaKuQ6fcSYLARjjr1/KtC2soYcHG9/7zf0rto5fWq7qy8zirZhRpbO78inY6eXG+cMq9l6E/WtUAAAAAAcACiivew+GhQjaJ4OIxM68ryCiiitzAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAMDOcDJ4zRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUV5/4q+Mfw+8Pxtu1yPU59iusGm4uC4LY4cHywRySCwOB7jICTex6BRXzd4i/aVvn3x+HvDNtBtmOya+maTfFzjMabdrH5T99gORz1rz/AFz4y/EbVo7mF/EUlpBO+7y7OJITGN24KkijzABwPvZI4JOTlXLVNn2jRX5/61r2ua35X9s6zqOpeTu8r7XdPN5ecZ27icZwM49BWdRcr2Xmfoas8DXL2qzRmeNFkeIMN6qxYKxHUAlWAPfafQ1JX53UUXD2XmfojRXwHo/iXxHo1s1rpGv6rp0DOZGitbySJCxABYhSBnAAz7Cuz0P44fEbTJLbfrMeowQJs8i8tkYSALgb3UCRiODndkkc55yXE6TPsmivnbw1+0r/AMe8XiTwz/e8+50+b6ldsT/8BBzJ6n2r1bwj8UfAvifyo9P1+2hupPLUWt2fIl3v0jUNgO2eDsLDOOeRl3JcWjs6KKKCQooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKK4P4nfFTwz4FiMNzL/aGqnIWwtpFMiHZuBlOf3anK8kEkNkK2DgBK+x3F1PBa20t1dTRwQQoZJZZGCoigZLEngADkk1478RPj/4d0XzrHwxD/bl+u5PPyUtY2+YZ3dZMEKcLhWB4evn74hfEDxN45vfO1q822y7THY25ZLaMqCNwQk5b5m+YknnGcYA5Wlc2jT7nTeOvHninxpcmTXdUklgD74rSP5LeLlsYQcEgMQGbLY4JNczRRUmiVgooooGFFFFABRRRQAUUUUAFFFFAHZ+Afid4w8FbYdK1Hz7Bc/6DdgyQfxH5RkFOWLHYVycZzX0T4B+Ovg/xHtttVf8A4R6/Ofku5AYG+8flmwAOFGd4TlgBur5Dop3IlBM/RGivin4Y/FTxN4FlENtL/aGlHAawuZGMaDfuJiOf3bHLcgEEtkq2Bj6r+HvxA8M+ObLztFvNtyu4yWNwVS5jCkDcUBOV+ZfmBI5xnOQKTMZQcTq6KKKCQooooAKKKKACiiigAooooAKKKKACiiigAooooAKKK+Zf2gvjD/av2jwl4Suv+JdzHfX0Tf8AH12McZH/ACz7Fv4+g+X742OMXJm18YPj1HbebovgObfdRzbZtUKI8QC4OIQch8nILEYwDt3bgw+crqee6uZbq6mknnmcySyyMWd2JyWJPJJPJJqOipOiMUtgooopFBRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAVc0PVdR0PV7bVtJu5LS9tn3wzRnlT0+hBGQQeCCQcg1TooA+q/gv8bLHxJ9h8PeJj9l12TMaXO1Vgu2GNo6/JI2T8uNpI4ILBK9mr87q+mv2ffjD/AGr9n8JeLbr/AImPEdjfSt/x9dhHIT/y07Bv4+h+b79JmM4dUe70UUUzIKKKKACiiigAooooAKKKKACiiigAoorxn9pD4nf8I3ph8M+HtR8vXbnH2l4hlrSAqf4s/JI2Vx1IXJ+UlDQNK7sch+0Z8Wp7u5vfBPhySSC1hdrfU7rBV5mBIaFe4QHIY/xcgfLnf4HRRUnRFJKwUUUUigooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooA+nv2dfi1Pr0kHg7xJJJNqgQ/Yr0gsblVUsUkP98KCd5+8Bz83L+51+eVrPPa3MV1azSQTwuJIpY2KujA5DAjkEHkEV9i/Af4jweOPDaWuoXcZ8RWaYvItgj81c4WZQDggjaGxjDZ4AK5pMwqQtqj0iiiimZhRRRQAUUUUAFFFFABRRRQBzPxQ8VweC/BOoa7IYzPGnl2kT4/eztwi43AsAfmYA52qxHSviDXNV1HXNXudW1a7ku725ffNNIeWPT6AAYAA4AAAwBXeftCeOX8Y+Npbe1mjk0fSneCxKBT5h4Ekm4E7gzL8pBxtC8Ak583qWzohGyCiiikWFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAVs+C/E+seEPEEGt6Jc+TcxfKytzHMhxmNx3U4HuCAQQQCMaigD9APDOs2PiLw/Y63psm+1vYVljyVJXPVW2kgMpypGTggjtWjXyx+yv45fR/Eh8IX80aabqjs9uWCjZdYAHzEjh1XbjkltgGMnP1PVo5ZR5WFFFFAgooooAKKKKACvO/2gvGf/CIfD+4+yz+XqupZtbPa+HTI+eUYYMNq9GGcOyZ616JXxt+0Z4rn8S/Em9tQZEstHdrG3ibI+ZGIlfG4jLOCMjGVVMjIoZUI3Z5vRRRUHSFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFAElrPPa3MV1azSQTwuJIpY2KujA5DAjkEHkEV9z/C/xXB408E6frsZjE8ieXdxJj91OvDrjcSoJ+ZQTnayk9a+FK9q/ZN8Vz6d4xm8KTGSSz1ZGkhUZIinjQtuxuwAyKwJAJJWPsKaM6kbo+p6KKKowCiiigAooooA5n4qeIH8L/DzW9chaRJ4LYrbvGisUmciONsNwQHZSc54B4PSvhSvo39sXxAgttE8LRNGzs7ahcKUbegAMcRDfdwczZHJ+UdO/wA5VLN6asgooopGgUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFWNLvrrTNTtdSsZfKurSZJ4JNobY6MGU4OQcEDg8VXooA/QTQdSg1nQ7DV7VJEgvraO5iWQAOFdQwBAJGcHnBNXa8d/ZN8QJqXw8m0N2jE+j3LKEVGB8mUmRWYngkv5o46BRkdz7FVnLJWdgooooEFFFV9UvrXTNMutSvpfKtbSF555NpbYiKWY4GScAHgc0AfGPx/1n+2/i1rkySXLQ2swso0mP8Aq/KARwoyQFLh2H+9kgEmuEqS6nnurmW6uppJ55nMkssjFndicliTySTySajqDqSsgooooGFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQAUUUUAFFFFABRRRQB69+yfrP9n/E1tMkkufL1SzkiWND+7MqfvAzjPZUkAOCQWx0Jr6zr4M+HeqpofjzQtWmu5LSC2v4XuJoy2Vh3gSfd5IKbgQOoJHOa+86pGFVahRRRTMwrjPjjqf9kfCXxJdeR53mWZtdu/bjziId2cHp5mcd8Y4zmuzryX9q7Up7H4Um1hSNk1G/htpiwJKqA0uV54O6JRzngn6gY47o+SKKKKg6gooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAr9APC+p/wBt+GtL1nyPs/2+zhuvK37vL8xA23OBnGcZwK/P+vtr4DalPqvwh8O3VwkaulsbYCMEDbC7RKeSeSqAn3z06VSMqq0O3ooopmIV4z+1/wD8k007/sMRf+iZq9mrxn9r/wD5Jpp3/YYi/wDRM1DKh8SPlSiiioOkKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAKKKKACiiigAooooAK+zf2bf+SLaB/wBvP/pTLXxlX2b+zb/yRbQP+3n/ANKZaaM6ux6JRRRVGB//2Q==")!)

/// A JPEG for the photo checks: the real photo, its frame header patched to `width`×`height` (only the real
/// size decodes, but other sizes are refused before anything decodes them), padded with a comment segment
/// after the first segment to about `bytes` bytes.
func syntheticJPEG(width: Int = 295, height: Int = 413, bytes: Int = 2000) -> [UInt8] {
    var jpeg = realPhotoJPEG
    var i = 2
    while i + 9 < jpeg.count, jpeg[i] == 0xFF {
        let marker = jpeg[i + 1]
        if marker == 0xC0 || marker == 0xC2 {
            jpeg[i + 5] = UInt8(height >> 8); jpeg[i + 6] = UInt8(height & 0xFF)
            jpeg[i + 7] = UInt8(width >> 8); jpeg[i + 8] = UInt8(width & 0xFF)
            break
        }
        i += 2 + (Int(jpeg[i + 2]) << 8 | Int(jpeg[i + 3]))
    }
    var padding: [UInt8] = []
    var missing = bytes - jpeg.count
    while missing > 4 {
        let length = min(missing - 2, 65535)
        padding += [0xFF, 0xFE, UInt8(length >> 8), UInt8(length & 0xFF)] + [UInt8](repeating: 0x20, count: length - 2)
        missing -= length + 2
    }
    return Array(jpeg[..<2]) + padding + Array(jpeg[2...])
}
