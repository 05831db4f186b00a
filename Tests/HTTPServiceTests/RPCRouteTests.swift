import Foundation
import Service
import Testing

/// `POST /rpc`: a stdio line in the body, the stdio answer in the answer's body.
@Suite struct RPCRouteTests {
    @Test func singleRequestIsAnsweredWithItsResult() async throws {
        let server = try await TestServer()
        let answer = try await LoopbackClient.post(port: server.port, "/rpc", #"{"jsonrpc":"2.0","id":"a","method":"exam.list","params":{"province":"110000"}}"#)
        #expect(answer.status == 200)
        #expect(answer.headers["content-type"] == "application/json; charset=utf-8")
        let response = try JSONParser.parse(answer.body)
        #expect(response["id"] == "a")
        #expect(response["result"]?["today"] == "2026-07-02")
        let exams = response["result"]?["exams"]?.arrayValue ?? []
        #expect(exams.contains { $0["id"] == "yijian" }, "一级建造师 is open in Beijing on 2026-07-02: \(answer.text)")
        try await server.stop()
    }

    @Test func batchIsAnsweredWithAnArrayOfItsNonNotificationMembersInOrder() async throws {
        let server = try await TestServer()
        let batch = #"[{"jsonrpc":"2.0","id":1,"method":"nope"},{"jsonrpc":"2.0","method":"exam.list"},{"jsonrpc":"2.0","id":2,"method":"captcha.issue"},7]"#
        let answer = try await LoopbackClient.post(port: server.port, "/rpc", batch)
        #expect(answer.status == 200)
        let members = try #require(try JSONParser.parse(answer.body).arrayValue)
        #expect(members.count == 3)
        #expect(members[0]["id"] == 1 && members[0]["error"]?["code"] == -32601)
        #expect(members[1]["id"] == 2 && members[1]["result"]?["captchaId"]?.stringValue?.hasPrefix("c1.") == true)
        #expect(members[2]["id"] == .null && members[2]["error"]?["code"] == -32600)
        try await server.stop()
    }

    @Test func notificationsAreCarriedOutAndAnswered204WithNoBody() async throws {
        let server = try await TestServer()
        let single = try await LoopbackClient.post(port: server.port, "/rpc", #"{"jsonrpc":"2.0","method":"sms.send","params":{"phone":"13800138000","purpose":"register"}}"#)
        #expect(single.status == 204)
        #expect(single.body.isEmpty)
        let batch = try await LoopbackClient.post(port: server.port, "/rpc", #"[{"jsonrpc":"2.0","method":"exam.list"},{"jsonrpc":"2.0","method":"rules.list"}]"#)
        #expect(batch.status == 204)
        #expect(batch.body.isEmpty)
        // Carried out: the notification's SMS code is in the outbox.
        #expect(try await server.rows("SELECT phone FROM smsOutbox").map { $0["phone"] as String } == ["13800138000"])
        try await server.stop()
    }

    @Test(arguments: [
        (#"{"jsonrpc":"2.0","id":4,"#, -32700),
        ("\u{FEFF}not json", -32700),
        ("", -32700),
        ("  \r\n", -32700),
        ("[]", -32600),
        (#"{"jsonrpc":"1.0","id":5,"method":"exam.list"}"#, -32600),
    ])
    func unreadableBodiesGetTheJSONRPCErrorWithIDNull(body: String, code: Int) async throws {
        let server = try await TestServer()
        let answer = try await LoopbackClient.post(port: server.port, "/rpc", body)
        #expect(answer.status == 200)
        let response = try JSONParser.parse(answer.body)
        #expect(response["error"]?["code"]?.intValue == code, "\(answer.text)")
        #expect(response["id"] == .null || code == -32600)
        try await server.stop()
    }

    @Test func aBodyOverTheStdioLineLimitIs413() async throws {
        let server = try await TestServer()
        var body = Array(#"{"jsonrpc":"2.0","id":1,"method":"exam.list","params":{"pad":""#.utf8)
        body += [UInt8](repeating: UInt8(ascii: "x"), count: LineFramer.defaultMaximumLineLength)
        body += Array(#""}}"#.utf8)
        let answer = try await LoopbackClient.request(port: server.port, "POST", "/rpc", body: body)
        #expect(answer.status == 413)
        // The server goes on.
        #expect(try await server.call("exam.list")["result"] != nil)
        try await server.stop()
    }

    /// The same lines through `baokao serve` (stdio) and `POST /rpc` give the same bytes: the HTTP answer is
    /// the stdio line without its newline. Same rules, same clock, same flags; answers that hold no random
    /// or timed value (no captcha, no token).
    @Test func answersAreByteForByteWhatBaokaoServeWrites() async throws {
        let application = try String(contentsOf: repositoryRoot.appendingPathComponent("Examples/applications.jsonl"), encoding: .utf8)
            .split(separator: "\n")[0]
        let lines = [
            #"{"jsonrpc":"2.0","id":1,"method":"exam.list"}"#,
            #"{"jsonrpc":"2.0","id":"r","method":"rules.list"}"#,
            #"{"jsonrpc":"2.0","id":3,"method":"eligibility.evaluate","params":\#(application)}"#,
            #"{"jsonrpc":"2.0","id":3.50,"method":"eligibility.evaluate","params":{"exam":"nope"}}"#,
            #"{"jsonrpc":"2.0","id":4,"#,
            #"{"jsonrpc":"1.0","id":5,"method":"exam.list"}"#,
            #"{"jsonrpc":"2.0","id":6,"method":"nope.nope"}"#,
            #"[{"jsonrpc":"2.0","id":7,"method":"exam.list","params":{"province":"北京"}},{"jsonrpc":"2.0","method":"exam.list"},{"jsonrpc":"2.0","id":8,"method":"account.profile","params":{"token":"nope"}},42]"#,
            #"{"jsonrpc":"2.0","id":9,"method":"sms.send","params":{"phone":"123","purpose":"register"}}"#,
            #"{"jsonrpc":"2.0","id":12345678901234567890123,"method":"exam.list"}"#,
            "[]",
        ]
        let server = try await TestServer()
        var overHTTP: [String] = []
        for line in lines {
            let answer = try await LoopbackClient.post(port: server.port, "/rpc", line)
            #expect(answer.status == 200)
            overHTTP.append(answer.text)
        }
        try await server.stop()

        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-stdio-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let serve = Process()
        serve.executableURL = builtExecutable("baokao")
        serve.arguments = ["serve", "--db", folder.appendingPathComponent("stdio.sqlite").path, "--demo", "--captcha", "off",
                           "--scrypt", "16,1,1", "--clock", journeyClockStart, "--rules", "Rules",
                           "--payment-key", ServiceConfiguration.demoPaymentKey, "--log", folder.appendingPathComponent("serve.log").path]
        serve.currentDirectoryURL = repositoryRoot // --rules Rules, as the in-process server names them
        let input = Pipe(), output = Pipe()
        serve.standardInput = input
        serve.standardOutput = output
        serve.standardError = FileHandle.nullDevice
        try serve.run()
        try input.fileHandleForWriting.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
        try input.fileHandleForWriting.close()
        let written = output.fileHandleForReading.readDataToEndOfFile()
        serve.waitUntilExit()
        #expect(serve.terminationStatus == 0)
        let overStdio = String(decoding: written, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(overStdio.count == lines.count)
        for (index, (stdio, http)) in zip(overStdio, overHTTP).enumerated() {
            #expect(stdio == http, "line \(index + 1): stdio and HTTP differ:\n\(stdio.prefix(300))\n\(http.prefix(300))")
        }
    }
}
