import Foundation
import Persistence

/// `captcha.issue`: a new picture captcha, single use, valid five minutes — and nothing written.
///
/// The `captchaId` is a challenge signed by the service: `c1.NONCE.EXPIRY.TAG`, where TAG is an HMAC-SHA256
/// (under the captcha key, `CaptchaChallenge.key`) over the nonce, the expiry and the answer. The answer is
/// not in it and cannot be searched for without the key; the expiry cannot be moved. Its single use is
/// recorded when it is checked (`captchaUse`), in a transaction of its own.
public enum CaptchaIssue: RPCMethod {
    public static let name = "captcha.issue"
    public typealias Params = NoParams
    public static var access: RPCAccess { .read }

    public struct Result: RPCResult {
        let id: String
        let image: String
        let expiresAt: Date
        let required: Bool
        public var json: JSONValue {
            ["captchaId": .string(id), "image": .string(image), "mimeType": "image/svg+xml",
             "expiresAt": .string(ServiceLog.timestamp(expiresAt)), "required": .bool(required)]
        }
    }

    public static func perform(_ params: NoParams, in context: RequestContext) throws -> Result {
        let answer = Secrets.digits(4)
        let expiresAt = context.now.addingTimeInterval(context.configuration.captchaLifetime)
        let challenge = CaptchaChallenge.issue(answer: answer, expiresAt: expiresAt, key: try CaptchaChallenge.key(context.tx))
        return Result(id: challenge, image: CaptchaImage.svg(for: answer), expiresAt: expiresAt,
                      required: context.configuration.captchaEnabled)
    }
}

/// The signed challenge a captcha id is.
enum CaptchaChallenge {
    /// The captcha key: derived from the database's instance secret (`setting` row `instance-secret`, 32 random
    /// bytes made with the database), so every `baokao serve` on one database accepts the others' captchas.
    static func key(_ tx: any StoreTransaction) throws -> [UInt8] {
        Secrets.hmac(key: try InstanceSecret.read(tx), "baokao captcha key v1")
    }

    static func issue(answer: String, expiresAt: Date, key: [UInt8]) -> String {
        let nonce = Secrets.base64URL(Secrets.randomBytes(12))
        let expiry = String(Int64(expiresAt.timeIntervalSince1970.rounded(.up)))
        return "c1.\(nonce).\(expiry).\(Secrets.base64URL(tag(nonce: nonce, expiry: expiry, answer: answer, key: key)))"
    }

    static func tag(nonce: String, expiry: String, answer: String, key: [UInt8]) -> [UInt8] {
        Array(Secrets.hmac(keyBytes: key, "captcha|\(nonce)|\(expiry)|\(answer)").prefix(16))
    }

    /// The parts of a well-formed id: nonce, expiry, tag.
    static func parse(_ id: String) -> (nonce: String, expiry: String, expiresAt: Date, tag: [UInt8])? {
        let parts = id.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4, parts[0] == "c1", parts[1].count == 16, let seconds = Int64(parts[2]),
              let tag = Secrets.fromBase64URL(String(parts[3])), tag.count == 16
        else { return nil }
        return (String(parts[1]), String(parts[2]), Date(timeIntervalSince1970: TimeInterval(seconds)), tag)
    }
}

/// The captcha fields of a request that asks for one (login, photo upload, recovery-question changes and
/// answers, `sms.send`, the application's save): `captchaId` and `captcha` (the digits read off the picture).
///
/// A method names its captcha through `RPCMethod.captcha(_:)`; the service checks it and records its use in
/// a transaction committed before the method's own, so no refusal or rollback of the method gives it back.
public struct Captcha: Sendable {
    let id: String?
    let answer: String?

    init(from params: ParamReader) throws(RPCError) {
        id = try params.optionalString("captchaId")
        answer = try params.optionalString("captcha")
    }

    /// Checks the captcha and uses it up (a wrong answer uses it up too: a new picture for each try). The
    /// use is written in `tx`'s transaction and must be committed whatever the outcome: a refusal is
    /// returned, not thrown. Missing fields throw (`-32602`) and write nothing.
    func check(in tx: any StoreTransaction, now: Date) throws -> DomainError? {
        guard let id else {
            throw RPCError.invalidParams(field: "captchaId", code: "missing-field", message: "缺少字段captchaId：请先获取验证码")
        }
        guard let answer else {
            throw RPCError.invalidParams(field: "captcha", code: "missing-field", message: "请输入验证码")
        }
        let expired = DomainError(.captchaExpired, "验证码已失效，请刷新验证码后重新输入")
        guard let challenge = CaptchaChallenge.parse(id), challenge.expiresAt > now else { return expired }
        // Used ones are kept until they expire, then forgotten: an expired id is refused by its own expiry.
        try tx.execute("DELETE FROM captchaUse WHERE expiresAt <= ?", now)
        let inserted = try tx.execute("INSERT INTO captchaUse (nonce, expiresAt) VALUES (?, ?) ON CONFLICT (nonce) DO NOTHING",
                                      challenge.nonce, challenge.expiresAt)
        guard inserted == 1 else { return expired }
        let typed = answer.trimmingCharacters(in: .whitespaces).foldingFullWidthDigits()
        let expected = CaptchaChallenge.tag(nonce: challenge.nonce, expiry: challenge.expiry, answer: typed, key: try CaptchaChallenge.key(tx))
        guard Secrets.constantTimeEqual(expected, challenge.tag) else {
            return DomainError(.captchaMismatch, "验证码错误，请刷新验证码后重新输入")
        }
        return nil
    }
}

extension String {
    /// `１２３４` → `1234`.
    func foldingFullWidthDigits() -> String {
        String(unicodeScalars.map { s in
            (0xFF10...0xFF19).contains(s.value) ? Character(Unicode.Scalar(s.value - 0xFF10 + 0x30)!) : Character(s)
        })
    }
}
