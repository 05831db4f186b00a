import Foundation
import Service
import Testing

/// `POST /payment/notify/{gateway}`: the gateway's raw body and `X-Payment-Signature`, through payment.notify.
@Suite struct PaymentRouteTests {
    /// The journey up to its payment order; returns the server, the order id and its amount.
    private func orderMade() async throws -> (TestServer, String, Int) {
        let server = try await TestServer()
        let answers = try await server.runJourney()
        let order = try #require(answers["A19 payment order"]?["result"])
        return (server, try #require(order["orderId"]?.stringValue), try #require(order["amount"]?.intValue))
    }

    private func notify(_ server: TestServer, gateway: String = "default", body: String, signature: String?) async throws -> HTTPAnswer {
        let headers = signature.map { [("X-Payment-Signature", $0)] } ?? []
        return try await LoopbackClient.request(port: server.port, "POST", "/payment/notify/\(gateway)", headers: headers, body: Array(body.utf8))
    }

    @Test func signedNotificationPaysOnceAndItsRepeatIsADuplicate() async throws {
        let (server, orderId, amount) = try await orderMade()
        let body = #"{"orderId":"\#(orderId)","amount":\#(amount),"transactionId":"T-2026-0001"}"#
        let signature = PaymentNotify.signature(body: body, key: ServiceConfiguration.demoPaymentKey)

        let paid = try await notify(server, body: body, signature: signature)
        #expect(paid.status == 200, "\(paid.text)")
        let result = try JSONParser.parse(paid.body)
        #expect(result["paid"] == true && result["duplicate"] == false && result["orderId"] == .string(orderId))

        // The gateway did not hear the answer and sends the same bytes again: 200, nothing paid twice.
        let again = try await notify(server, body: body, signature: signature.uppercased())
        #expect(again.status == 200)
        #expect(try JSONParser.parse(again.body)["duplicate"] == true)

        let payments = try await server.rows("SELECT state, transactionId FROM payment")
        #expect(payments.count == 1)
        #expect(payments.first?["state"] == "paid" && payments.first?["transactionId"] == "T-2026-0001")
        let status = try await server.call("application.status", ["token": "demo-session-wangxiaopei-3", "application": 1])
        #expect(status["result"]?["state"] == "paid")
        #expect(try await server.rows("SELECT actor FROM audit WHERE action = 'application.pay'").map { $0["actor"] as String } == ["gateway"])
        try await server.stop()
    }

    @Test func aBadOrMissingSignatureIs403AndPaysNothing() async throws {
        let (server, orderId, amount) = try await orderMade()
        let body = #"{"orderId":"\#(orderId)","amount":\#(amount),"transactionId":"T1"}"#
        let forged = PaymentNotify.signature(body: body, key: "not-the-key")
        let refused = try await notify(server, body: body, signature: forged)
        #expect(refused.status == 403)
        #expect(try JSONParser.parse(refused.body)["error"]?["data"]?["code"] == "payment-signature-invalid")
        // Signed, then one byte of the body changed: the signature covers the bytes.
        let signed = PaymentNotify.signature(body: body, key: ServiceConfiguration.demoPaymentKey)
        let tampered = try await notify(server, body: body.replacingOccurrences(of: "T1", with: "T2"), signature: signed)
        #expect(tampered.status == 403)
        let missing = try await notify(server, body: body, signature: nil)
        #expect(missing.status == 403)
        #expect(try await server.rows("SELECT state FROM payment").map { $0["state"] as String } == ["pending"])
        try await server.stop()
    }

    @Test func refusalsSayWhetherTheGatewayShouldRetry() async throws {
        let (server, orderId, amount) = try await orderMade()
        func signed(_ body: String) async throws -> HTTPAnswer {
            try await notify(server, body: body, signature: PaymentNotify.signature(body: body, key: ServiceConfiguration.demoPaymentKey))
        }
        #expect(try await signed(#"{"orderId":"BKNOPE","amount":\#(amount)}"#).status == 404)
        #expect(try await signed(#"{"orderId":"\#(orderId)","amount":\#(amount + 1)}"#).status == 422)
        #expect(try await signed(#"{"orderId":"\#(orderId)"}"#).status == 400)
        #expect(try await signed("not json").status == 400)
        let body = #"{"orderId":"\#(orderId)","amount":\#(amount)}"#
        let otherGateway = try await notify(server, gateway: "elsewhere", body: body,
                                      signature: PaymentNotify.signature(body: body, key: ServiceConfiguration.demoPaymentKey))
        #expect(otherGateway.status == 404)
        // Bytes that are not UTF-8 cannot be the gateway's JSON.
        let binary = try await LoopbackClient.request(port: server.port, "POST", "/payment/notify/default", headers: [("X-Payment-Signature", "00")],
                                                body: [0x7B, 0xFF, 0xFE, 0x7D])
        #expect(binary.status == 400)
        #expect(try await server.rows("SELECT state FROM payment").map { $0["state"] as String } == ["pending"])
        try await server.stop()
    }
}
