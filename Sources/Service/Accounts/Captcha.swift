import Foundation
import GRDB

/// `captcha.issue`: a new picture captcha, single use, valid five minutes.
public enum CaptchaIssue: RPCMethod {
    public static let name = "captcha.issue"
    public typealias Params = NoParams

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
        let id = Secrets.newToken()
        let expiresAt = context.now.addingTimeInterval(context.configuration.captchaLifetime)
        try context.db.execute(sql: "INSERT INTO captcha (id, answerHash, createdAt, expiresAt) VALUES (?, ?, ?, ?)",
                               arguments: [id, Captcha.hash(id: id, answer: answer), context.now, expiresAt])
        // Expired captchas are of no use to anyone: clear them as new ones are made.
        try context.db.execute(sql: "DELETE FROM captcha WHERE expiresAt < ?", arguments: [context.now.addingTimeInterval(-3600)])
        return Result(id: id, image: CaptchaImage.svg(for: answer), expiresAt: expiresAt,
                      required: context.configuration.captchaEnabled)
    }
}

/// The captcha fields of a request that asks for one (login, photo upload, recovery question, and the
/// application's save in part 2): `captchaId` and `captcha` (the characters read off the picture).
struct Captcha {
    let id: String?
    let answer: String?

    init(from params: ParamReader) throws(RPCError) {
        id = try params.optionalString("captchaId")
        answer = try params.optionalString("captcha")
    }

    static func hash(id: String, answer: String) -> String { Secrets.sha256Hex(id + ":" + answer) }

    /// Checks and uses up the captcha (a wrong answer uses it up too: a new picture for each try).
    /// Does nothing when the service runs with `--captcha off`.
    func verify(in context: RequestContext) throws {
        guard context.configuration.captchaEnabled else { return }
        guard let id else {
            throw RPCError.invalidParams(field: "captchaId", code: "missing-field", message: "缺少字段captchaId：请先获取验证码")
        }
        guard let answer else {
            throw RPCError.invalidParams(field: "captcha", code: "missing-field", message: "请输入验证码")
        }
        let row = try Row.fetchOne(context.db, sql: "SELECT * FROM captcha WHERE id = ?", arguments: [id])
        guard let row, row["usedAt"] as Date? == nil, (row["expiresAt"] as Date) > context.now else {
            throw DomainError(.captchaExpired, "验证码已失效，请刷新验证码后重新输入")
        }
        try context.db.execute(sql: "UPDATE captcha SET usedAt = ? WHERE id = ?", arguments: [context.now, id])
        let typed = answer.trimmingCharacters(in: .whitespaces).foldingFullWidthDigits()
        guard Captcha.hash(id: id, answer: typed) == row["answerHash"] as String else {
            throw DomainError(.captchaMismatch, "验证码错误，请刷新验证码后重新输入")
        }
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
