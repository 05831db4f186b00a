import Foundation
import Service
import Testing

/// `GET /forms/{number}.pdf` with a bearer session: the candidate's own form, and nothing of anyone else's.
@Suite struct FormRouteTests {
    static let number = "BK2026110000000001"
    static let owner = "demo-session-wangxiaopei-3"

    @Test func theCandidatesFormIsThePDFApplicationFormMakes() async throws {
        let server = try await TestServer()
        try await server.runJourney()
        let answer = try await LoopbackClient.get(port: server.port, "/forms/\(FormRouteTests.number).pdf",
                                            headers: [("Authorization", "Bearer \(FormRouteTests.owner)")])
        #expect(answer.status == 200, "\(answer.text.prefix(300))")
        #expect(answer.headers["content-type"] == "application/pdf")
        #expect(answer.headers["cache-control"] == "no-store")
        #expect(answer.headers["content-disposition"] == "inline; filename=\"\(FormRouteTests.number).pdf\"")
        #expect(answer.body.starts(with: Array("%PDF-".utf8)))
        // The same bytes as application.form's base64 (forms are byte-reproducible).
        let viaRPC = try await server.call("application.form", ["token": .string(FormRouteTests.owner), "application": 1])
        let pdf = try #require(viaRPC["result"]?["pdf"]?.stringValue.flatMap { Data(base64Encoded: $0) })
        #expect(Array(pdf) == answer.body)
        // And a PDF that qpdf finds sound.
        let file = server.folder.appendingPathComponent("form.pdf")
        try Data(answer.body).write(to: file)
        let qpdf = Process()
        qpdf.executableURL = URL(fileURLWithPath: "/usr/bin/qpdf")
        qpdf.arguments = ["--check", file.path]
        qpdf.standardOutput = FileHandle.nullDevice
        try qpdf.run()
        qpdf.waitUntilExit()
        #expect(qpdf.terminationStatus == 0)
        try await server.stop()
    }

    @Test func anotherCandidatesFormIs404LikeANumberThatDoesNotExist() async throws {
        let server = try await TestServer()
        try await server.runJourney()
        // A second candidate, registered and logged in.
        expectNoError(try await server.call("sms.send", ["phone": "13600136000", "purpose": "register"]))
        let education: JSONValue = [["level": "本科", "major": "土木工程", "school": "清华大学", "graduated": "2010-07-01", "fullTime": true]]
        let idNumber = "110105198503070019"
        expectNoError(try await server.call("account.register", [
            "agreementAccepted": true, "noticeAccepted": true, "username": "lisi2026", "password": "Kaoshi2026", "name": "李四",
            "idType": "resident-id", "idNumber": .string(idNumber), "email": "ls@example.com", "phone": "13600136000", "smsCode": "246810",
            "recoveryQuestion": "您小学的校名是？", "recoveryAnswer": "新华小学", "education": education, "degrees": [],
            "confirmation": ["name": "李四", "idType": "resident-id", "idNumber": .string(idNumber), "education": education, "degrees": []],
        ]))
        let other = try #require(await server.call("account.login", ["username": "lisi2026", "password": "Kaoshi2026"])["result"]?["token"]?.stringValue)

        let theirs = try await LoopbackClient.get(port: server.port, "/forms/\(FormRouteTests.number).pdf", headers: [("Authorization", "Bearer \(other)")])
        let none = try await LoopbackClient.get(port: server.port, "/forms/BK2026110000999999.pdf", headers: [("Authorization", "Bearer \(other)")])
        #expect(theirs.status == 404)
        #expect(none.status == 404)
        #expect(theirs.body == none.body, "the answer must not tell an existing number from a missing one")
        #expect(!theirs.body.starts(with: Array("%PDF".utf8)))
        // The owner's number with another year or province is not the owner's form either.
        let wrongYear = try await LoopbackClient.get(port: server.port, "/forms/BK2025110000000001.pdf", headers: [("Authorization", "Bearer \(FormRouteTests.owner)")])
        #expect(wrongYear.status == 404 && wrongYear.body == none.body)
        let garbage = try await LoopbackClient.get(port: server.port, "/forms/x.pdf", headers: [("Authorization", "Bearer \(FormRouteTests.owner)")])
        #expect(garbage.status == 404)
        try await server.stop()
    }

    @Test(arguments: [nil, "Bearer", "Bearer ", "Basic d2FuZzp4", "Bearer demo-session-wangxiaopei-99", "bearer not-a-token"])
    func withoutAValidSessionItIs401(authorization: String?) async throws {
        let server = try await TestServer()
        let headers = authorization.map { [("Authorization", $0)] } ?? []
        let answer = try await LoopbackClient.get(port: server.port, "/forms/\(FormRouteTests.number).pdf", headers: headers)
        #expect(answer.status == 401)
        #expect(answer.headers["www-authenticate"]?.hasPrefix("Bearer realm=\"baokao\"") == true)
        #expect(!answer.body.starts(with: Array("%PDF".utf8)))
        // The same for a number that does not exist: no session, nothing is looked up.
        let missing = try await LoopbackClient.get(port: server.port, "/forms/BK2026110000999999.pdf", headers: headers)
        #expect(missing.status == 401)
        try await server.stop()
    }
}

func expectNoError(_ response: JSONValue, sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(response["error"] == nil, "\(response.serialized)", sourceLocation: sourceLocation)
}
