import Testing
@testable import Vocabulary

@Suite struct ContactTests {
    @Test(arguments: [
        ("13800138000", "13800138000"),
        ("+8613800138000", "13800138000"),
        ("+86 138-0013-8000", "13800138000"),
        ("008619912345678", "19912345678"),
        ("8613800138000", "13800138000"),
        ("１３８００１３８０００", "13800138000"),
    ])
    func mobileNumbers(input: String, expected: String) throws {
        #expect(try MobileNumber(input).value == expected)
    }

    @Test(arguments: ["", "1380013800", "138001380001", "12800138000", "23800138000", "1380013800a", "+8513800138000"])
    func badMobileNumbers(input: String) {
        #expect(throws: ValidationError.self) { try MobileNumber(input) }
    }

    /// Preparation validates phones and e-mails on their bytes when they are plain, and builds no string:
    /// a plain value must be one the validator accepts unchanged, and a value it changes or refuses is
    /// never plain.
    @Test(arguments: ["13800138000", "19912345678", "12800138000", "1380013800", "138001380001", "+8613800138000",
                      "1380013800a", "１３８００１３８０００", " 13800138000", "13800138000 ",
                      "a@example.com", "c12345@example.com", "Li.Ming+exam@Mail.Example.CN", "a@b.c", "a..b@example.com",
                      ".a@example.com", "a@example", "a@-x.com", "a@x-.com", "a@@example.com", "@example.com", " a@example.com",
                      "a@example.c0m", "ｗａｎｇ＠１６３．ｃｏｍ", "王@example.com", ""])
    func plainBytesAreAcceptedUnchanged(text: String) {
        let bytes = Array(text.utf8)
        if bytes.withUnsafeBufferPointer(MobileNumber.isPlain(utf8:)) {
            #expect((try? MobileNumber(text))?.value == text)
        } else if let number = try? MobileNumber(text) {
            #expect(number.value != text)
        }
        if bytes.withUnsafeBufferPointer(EmailAddress.isPlain) {
            #expect((try? EmailAddress(text))?.value == text)
        } else if let address = try? EmailAddress(text) {
            #expect(address.value != text)
        }
    }

    @Test func mobileNumberMasked() throws {
        #expect(try MobileNumber("13800138000").masked == "138****8000")
    }

    @Test(arguments: [
        ("a@example.com", "a@example.com"),
        (" Li.Ming+exam@Mail.Example.CN ", "Li.Ming+exam@mail.example.cn"),
        ("ｗａｎｇ＠１６３．ｃｏｍ", "wang@163.com"),
    ])
    func emails(input: String, expected: String) throws {
        #expect(try EmailAddress(input).value == expected)
    }

    @Test(arguments: ["", "plain", "a@b", "a@@b.com", "a@b.c", ".a@b.com", "a..b@b.com", "a b@c.com",
                      "a@-b.com", "a@b-.com", "a@b..com", "王@163.com"])
    func badEmails(input: String) {
        #expect(throws: ValidationError.self) { try EmailAddress(input) }
    }

    /// The byte shortcut accepts only what the full path accepts unchanged (a leading blank forces the full path).
    @Test func emailShortcutAgreesWithTheFullPath() {
        var generator = SystemRandomNumberGenerator()
        let pieces = ["a", "Z", "0", ".", "-", "_", "+", "@", "b", "c9", "com", "cn", "..", "x-y", "王", " "]
        var samples = ["a@b.cn", "a.b@c-d.example.com", "a@b.c1", "a@1.com", "a@b.co-", "a@-.com", "a-@b.com", "@b.com", "a@b.com."]
        for _ in 0..<3000 {
            samples.append((0..<Int.random(in: 1..<9, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined())
        }
        for sample in samples {
            let full = try? EmailAddress(" " + sample).value
            if let plain = EmailAddress.plainASCII(sample) {
                #expect(full == plain, "\(sample)")
            } else if let full, full == sample {
                Issue.record("the shortcut refused \(sample), which the full path keeps as it is")
            }
        }
    }
}
