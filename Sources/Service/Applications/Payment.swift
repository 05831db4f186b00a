import Foundation
import Vocabulary
import Persistence

/// `payment.create` (缴费, 4.7): after approval and inside the payment window, an order for the fee of the
/// verdict. Asking again returns the same open order, so a double click makes one order, not two.
public enum PaymentCreate: RPCMethod {
    public static let name = "payment.create"
    public static var usesRules: Bool { true }

    public typealias Params = ApplicationParams

    public struct Result: RPCResult {
        let orderId: String
        let amount: Int
        let application: Int64
        public var json: JSONValue {
            ["orderId": .string(orderId), "amount": .int(amount), "currency": "CNY", "unit": "fen",
             "application": .int(Int(application)), "state": "pending"]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        try ApplicationAction.pay.check(record.current)
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        try exam.requirePaymentOpen(context)
        if let open = try context.tx.fetchOne("SELECT orderId, amount FROM payment WHERE applicationId = ? AND state = 'pending' ORDER BY createdAt LIMIT 1",
                                              record.id) {
            return Result(orderId: try open.string("orderId"), amount: try open.int("amount"), application: record.id!)
        }
        let amount = record.fee ?? 0
        let orderId = context.configuration.demoMode ? "demo-order-\(record.id!)" : "BK" + Secrets.newToken().prefix(24).uppercased()
        try context.tx.execute("INSERT INTO payment (orderId, applicationId, amount, state, createdAt) VALUES (?, ?, ?, 'pending', ?)",
                               orderId, record.id, amount, context.now)
        try context.audit("payment.create", subject: record.subject, detail: ["orderId": .string(orderId), "amount": .int(amount)])
        return Result(orderId: orderId, amount: amount, application: record.id!)
    }
}

/// `payment.notify`: the payment gateway's callback. `body` is the gateway's JSON text
/// (`{"orderId", "amount", "transactionId"}`, amount in fen) and `signature` the lowercase hex of
/// HMAC-SHA256(key, body bytes) with the configured key.
///
/// A wrong signature or amount is refused and changes nothing. The same notification twice pays once: a
/// paid order answers `duplicate: true`. Paid is final. Gateway callbacks are honoured after the payment
/// window closes — the money was taken inside it, when the order was made.
public enum PaymentNotify: RPCMethod {
    public static let name = "payment.notify"

    public struct Params: RPCParams {
        let body: String
        let signature: String
        public init(from params: ParamReader) throws(RPCError) {
            body = try params.string("body")
            signature = try params.string("signature")
        }
    }

    public struct Result: RPCResult {
        let orderId: String
        let application: Int64
        let duplicate: Bool
        public var json: JSONValue {
            ["paid": true, "orderId": .string(orderId), "application": .int(Int(application)), "duplicate": .bool(duplicate)]
        }
    }

    /// The signature the gateway sends for `body`.
    public static func signature(body: String, key: String) -> String {
        Secrets.hex(Secrets.hmac(key: key, body))
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        context.act(as: "gateway")
        guard let key = context.configuration.paymentKey else {
            throw DomainError(.paymentNotConfigured, "支付未配置")
        }
        let expected = Array(signature(body: params.body, key: key).utf8)
        guard Secrets.constantTimeEqual(expected, Array(params.signature.lowercased().utf8)) else {
            throw DomainError(.paymentSignatureInvalid, "支付通知签名无效")
        }
        let body: JSONValue
        do { body = try JSONParser.parse(params.body) } catch {
            throw RPCError.invalidParams(field: "body", code: "wrong-type", message: "支付通知内容不是JSON：\(error)")
        }
        guard let orderId = body["orderId"]?.stringValue, let amount = body["amount"]?.intValue else {
            throw RPCError.invalidParams(field: "body", code: "missing-field", message: "支付通知缺少orderId或amount")
        }
        let transaction = body["transactionId"]?.stringValue
        let tx = context.tx
        guard let order = try tx.fetchOne("SELECT applicationId, amount, state FROM payment WHERE orderId = ?", orderId) else {
            throw DomainError(.paymentNotFound, "支付订单不存在", ["orderId": .string(orderId)])
        }
        let applicationID = try order.int64("applicationId")
        if try order.string("state") == "paid" {
            return Result(orderId: orderId, application: applicationID, duplicate: true)
        }
        let ordered = try order.int("amount")
        guard amount == ordered else {
            throw DomainError(.paymentAmountMismatch, "支付金额与订单金额不符", ["expected": .int(ordered), "amount": .int(amount)])
        }
        guard var record = try ApplicationRecord.find(id: applicationID, tx) else {
            throw DomainError(.paymentNotFound, "支付订单不存在", ["orderId": .string(orderId)])
        }
        try ApplicationAction.pay.check(record.current)
        // Conditional: of two notifications that both read the order as unpaid, one pays it.
        let paid = try tx.execute("UPDATE payment SET state = 'paid', transactionId = ?, paidAt = ? WHERE orderId = ? AND state <> 'paid'",
                                  transaction, context.now, orderId)
        guard paid == 1 else { return Result(orderId: orderId, application: applicationID, duplicate: true) }
        try record.move(.pay, to: .paid, in: context, detail: ["orderId": .string(orderId), "amount": .int(amount)])
        return Result(orderId: orderId, application: applicationID, duplicate: false)
    }
}
