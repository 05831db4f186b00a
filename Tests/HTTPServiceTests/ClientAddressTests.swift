import Foundation
import GRDB
import HTTPService
import Service
import Testing

/// sms.send's per-client limit counts the HTTP peer, whatever `client` the request names.
@Suite struct ClientAddressTests {
    private func sms(_ server: TestServer, phone: String, client: String, from source: String) async throws -> JSONValue {
        try await server.call("sms.send", ["phone": .string(phone), "purpose": "register", "client": .string(client)], from: source)
    }

    @Test func thePerClientLimitCountsThePeerNotTheClientParam() async throws {
        let server = try await TestServer()
        // Ten SMS from 127.0.0.2, each to another phone and naming another client: one client all the same.
        for n in 0..<10 {
            expectNoError(try await sms(server, phone: String(format: "1390000%04d", n), client: "device-\(n)", from: "127.0.0.2"))
        }
        let eleventh = try await sms(server, phone: "13900009999", client: "device-fresh", from: "127.0.0.2")
        #expect(eleventh["error"]?["data"]?["code"] == "sms-rate-limited")
        #expect(eleventh["error"]?["data"]?["scope"] == "client")
        // Another peer naming the same client as the first is a client of its own.
        expectNoError(try await sms(server, phone: "13700001111", client: "device-0", from: "127.0.0.3"))

        let clients = try await server.rows("SELECT client FROM smsCode ORDER BY id").map { $0["client"] as String? }
        #expect(clients.count == 11)
        #expect(Set(clients.prefix(10)).count == 1)
        #expect(clients[10] != clients[0])
        #expect(clients.allSatisfy { $0 != nil && !$0!.contains("127.0.0") }, "stored only as a keyed hash")
        try await server.stop()
    }

    @Test func behindATrustedProxyTheClientIsTheAddressItSaw() async throws {
        let server = try await TestServer(trustedProxies: ["127.0.0.4"])
        for n in 0..<10 {
            let answer = try await LoopbackClient.post(port: server.port, "/rpc",
                                                 #"{"jsonrpc":"2.0","id":1,"method":"sms.send","params":{"phone":"1390000\#(String(format: "%04d", n))","purpose":"register"}}"#,
                                                 headers: [("X-Forwarded-For", "203.0.113.\(n), 198.51.100.7")], from: "127.0.0.4")
            expectNoError(try JSONParser.parse(answer.body))
        }
        // Ten from 198.51.100.7 (what the proxy saw; the left entries are the client's own words): the limit.
        let limited = try await LoopbackClient.post(port: server.port, "/rpc",
                                              #"{"jsonrpc":"2.0","id":1,"method":"sms.send","params":{"phone":"13900009999","purpose":"register"}}"#,
                                              headers: [("X-Forwarded-For", "198.51.100.7")], from: "127.0.0.4")
        #expect(try JSONParser.parse(limited.body)["error"]?["data"]?["scope"] == "client")
        // From a peer that is not a trusted proxy the header is ignored.
        let direct = try await LoopbackClient.post(port: server.port, "/rpc",
                                             #"{"jsonrpc":"2.0","id":1,"method":"sms.send","params":{"phone":"13900008888","purpose":"register"}}"#,
                                             headers: [("X-Forwarded-For", "198.51.100.7")], from: "127.0.0.5")
        expectNoError(try JSONParser.parse(direct.body))
        try await server.stop()
    }

    @Test(arguments: [
        ("127.0.0.9", [], "127.0.0.9"),
        ("127.0.0.9", ["1.2.3.4"], "127.0.0.9"),
        ("10.0.0.1", ["1.2.3.4"], "1.2.3.4"),
        ("10.0.0.1", ["6.6.6.6, 1.2.3.4"], "1.2.3.4"),
        ("10.0.0.1", ["6.6.6.6", "1.2.3.4, 10.0.0.2"], "1.2.3.4"),
        ("10.0.0.1", ["10.0.0.2"], "10.0.0.1"),
        ("10.0.0.1", [], "10.0.0.1"),
        ("10.0.0.1", ["not an address"], "10.0.0.1"),
        ("10.0.0.1", [" 2001:db8::1 "], "2001:db8::1"),
    ] as [(String, [String], String)])
    func clientAddressTakesTheRightMostUntrustedEntry(peer: String, forwardedFor: [String], expected: String) {
        let resolver = ClientAddress(trustedProxies: ["10.0.0.1", "10.0.0.2"])
        #expect(resolver.resolve(peer: peer, forwardedFor: forwardedFor) == expected)
    }
}
