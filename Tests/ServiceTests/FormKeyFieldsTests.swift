import Foundation
@testable import Service
import TestDatabases
import Testing

/// `review.verifyForm` and `baokao verify-form --db`: a form's QR payload gives back the key fields the
/// record prints, so a genuine code copied onto an edited paper is caught by comparing them.
@Suite struct FormKeyFieldsTests {
    /// A confirmed application (approved: the fixture exam's route is automatic) and the QR payload of its form.
    func printed(_ kind: DriverKind) throws -> (Journey, String) {
        let j = try Journey.started(try makeApplicationDriver(kind))
        try j.confirm()
        let form = expectResult(try j.call("application.form"))
        return (j, try #require(form["qr"]?.stringValue))
    }

    func verify(_ j: Journey, _ payload: String, as reviewer: String = "bj-reviewer") throws -> JSONValue {
        try j.driver.call("review.verifyForm", ["token": .string(try j.staffToken(reviewer)), "payload": .string(payload)])
    }

    @Test(arguments: DriverKind.allCases) func aReviewerGetsThePrintedKeyFieldsMasked(_ kind: DriverKind) throws {
        let (j, qr) = try printed(kind)
        let fields = expectResult(try verify(j, qr))
        #expect(fields["genuine"] == true && fields["matchesRecord"] == true)
        #expect(fields["applicationNumber"]?.stringValue.map { qr.hasPrefix($0 + "-") } == true)
        let printed = try #require(fields["printed"])
        #expect(printed["idNumber"]?.stringValue == "110105********" + String(j.candidate.idNumber.suffix(4)))
        #expect(printed["name"] == "王*[沛]", "the candidate 王晓[沛]: first and last, the bracketed character as one")
        #expect(printed["exam"]?.stringValue?.isEmpty == false && printed["level"]?.stringValue?.isEmpty == false)
        #expect((printed["subjects"]?.arrayValue?.count ?? 0) > 0)
        #expect(printed["idType"]?.stringValue?.isEmpty == false && printed["fee"]?.intValue ?? 0 > 0)
        #expect(try j.driver.count("SELECT COUNT(*) FROM audit WHERE action = 'review.verifyForm'") == 1)
        try j.driver.stop()
    }

    @Test(arguments: DriverKind.allCases) func onlyAGenuinePayloadInScopeIsAnswered(_ kind: DriverKind) throws {
        let (j, qr) = try printed(kind)
        let last = qr.last == "A" ? "B" : "A"
        let forged = expectError(try verify(j, String(qr.dropLast()) + last), DomainError.Code.formNotGenuine.number, "form-not-genuine")
        #expect(forged["data"]?["reason"] == "forged")
        let malformed = expectError(try verify(j, "hello"), DomainError.Code.formNotGenuine.number, "form-not-genuine")
        #expect(malformed["data"]?["reason"] == "malformed")
        expectDomainError(try verify(j, qr, as: "gd-reviewer"), .outOfScope)
        expectDomainError(try verify(j, qr, as: "verifier"), .outOfScope)
        // Not for candidates, not for anonymous callers.
        expectDomainError(try j.driver.call("review.verifyForm", ["token": .string(j.token), "payload": .string(qr)]), .reviewerSessionInvalid)
        expectError(try j.driver.call("review.verifyForm", ["payload": .string(qr)]), -32602, "missing-field")
        try j.driver.stop()
    }

    /// The record changed after printing (here: the name, as a reset by the authority would): the paper is an
    /// older version, and the fields shown are the record's.
    @Test(arguments: Backend.allCases) func aChangedRecordNoLongerMatchesTheCode(_ backend: Backend) throws {
        let (j, qr) = try printed(.inProcess(backend))
        try j.driver.store.write { tx in _ = try tx.execute("UPDATE account SET name = '李四' WHERE username = ?", j.candidate.username) }
        let fields = expectResult(try verify(j, qr))
        #expect(fields["genuine"] == true && fields["matchesRecord"] == false)
        #expect(fields["printed"]?["name"] == "李*")
    }

    @Test(arguments: [("王晓沛", "王*沛"), ("王晓[沛]", "王*[沛]"), ("李四", "李*"), ("欧阳娜娜", "欧**娜"), ("[𠮷]明", "[𠮷]*"), ("张", "张"), ("王[沛", "王*")])
    func namesAreMaskedByCharacter(name: String, masked: String) {
        #expect(FormCheck.maskedName(name) == masked)
    }

    /// The operator's command on the database: the same fields, exit 0; a forged payload exits 1.
    @Test func verifyFormWithDBPrintsTheFields() throws {
        let (j, qr) = try printed(.pipes)
        let pipes = try #require(j.driver as? PipeDriver)
        try pipes.stop()
        func run(_ arguments: [String]) throws -> (Int32, String, String) {
            let process = try ServeProcess(arguments: ["verify-form", "--db", pipes.dbPath, "--rules", EligibilityMethodTests.fixtureRules.path] + arguments)
            try process.closeInput()
            var out = ""
            while let line = try process.readLine() { out += String(decoding: line, as: UTF8.self) }
            return (try process.finish(), out, try process.stderrText())
        }
        let (status, out, stderr) = try run([qr])
        #expect(status == 0, "\(stderr)")
        let fields = try JSONParser.parse(out)
        #expect(fields["matchesRecord"] == true && fields["printed"]?["idNumber"]?.stringValue?.hasPrefix("110105****") == true)
        let (forged, _, message) = try run([String(qr.dropLast()) + (qr.last == "A" ? "B" : "A")])
        #expect(forged == 1 && message.contains("does not match"))
        let (wrongKey, _, _) = try run(["--key", "another-key", qr])
        #expect(wrongKey == 1)
    }
}
