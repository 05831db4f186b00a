import FormLayout
import Foundation
@testable import Service
import Testing

/// `application.form` (4.4): the registration form PDF once the application is confirmed — checked with
/// `qpdf` and `pdftotext`, its QR payload with the verifier — and refused before.
@Suite struct ApplicationFormTests {
    func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    @Test(arguments: DriverKind.allCases) func theFormIsPrintedOnceConfirmed(_ kind: DriverKind) throws {
        let driver = try makeApplicationDriver(kind)
        try Journey.staff(driver)
        let j = Journey(driver)
        try j.register()
        try j.verify()
        try j.start()
        expectResult(try j.save())
        expectResult(try j.call("application.sign", ["action": "sign"]))
        // Before confirmation there is no form to print.
        expectDomainError(try j.call("application.form"), .formNotAvailable)
        try j.approvePhoto()
        expectResult(try j.call("application.confirm"))

        let form = expectResult(try j.call("application.form"))
        let pdf = try #require(form["pdf"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(form["bytes"]?.intValue == pdf.count)
        let number = try #require(form["applicationNumber"]?.stringValue)
        #expect(number.hasPrefix("BK2026110000"))
        let file = temporaryDirectory().appendingPathComponent("form.pdf")
        try pdf.write(to: file)
        let check = try tool(["qpdf", "--check", file.path])
        #expect(check.status == 0, "\(check.output)")
        let text = try tool(["pdftotext", file.path, "-"]).output
        #expect(text.contains(j.candidate.name))
        #expect(text.contains(number))
        #expect(text.contains("2026年度示例建造师考试报名表"))
        let payload = try #require(form["qr"]?.stringValue)
        // Signed with the key `serve` was given ($BAOKAO_FORM_KEY); in-process, the configuration has none: the demo key.
        let key = kind == .pipes ? ServeProcess.testFormKey : FormVerifier.demoKey
        #expect(FormVerifier(key: key).verify(payload) == .genuine(applicationNumber: number))
        #expect(kind != .pipes || FormVerifier(key: FormVerifier.demoKey).verify(payload) == .forged)

        // Someone else's application is not found (nothing leaks).
        expectDomainError(try driver.call("application.form", ["token": "nobody", "application": .int(j.application)]), .sessionInvalid)
        try driver.stop()
    }
}
