import Foundation
import GRDB
import Vocabulary

/// What an SMS code is for; a code sent for one purpose is no good for another.
enum SMSPurpose: String, CaseIterable {
    case register
    case recover
    case changePhone = "change-phone"

    var chinese: String {
        switch self {
        case .register: "注册"
        case .recover: "找回密码"
        case .changePhone: "修改手机号"
        }
    }
}

/// `sms.send`: a 6-digit code for a purpose, valid five minutes, into the outbox a gateway drains.
///
/// At most one message per phone per minute and ten per China day, whatever the purpose. For `register`
/// and `change-phone` a phone bound to an account is refused at once (it could not be used anyway); for
/// `recover` the code is sent to any phone, so the answer says nothing about who is registered.
public enum SMSSend: RPCMethod {
    public static let name = "sms.send"

    public struct Params: RPCParams {
        let phone: MobileNumber
        let purpose: SMSPurpose

        public init(from params: ParamReader) throws(RPCError) {
            phone = try params.value("phone") { try MobileNumber($0) }
            purpose = try params.value("purpose") { text in
                guard let purpose = SMSPurpose(rawValue: text) else {
                    throw RPCError.invalidParams(field: "purpose", code: "purpose-unknown",
                                                 message: "未知的短信用途“\(text)”，应为：register、recover、change-phone")
                }
                return purpose
            }
        }
    }

    public struct Result: RPCResult {
        let expiresAt: Date
        let resendAfter: Int
        public var json: JSONValue {
            ["sent": true, "expiresAt": .string(ServiceLog.timestamp(expiresAt)), "resendAfter": .int(resendAfter)]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let db = context.db, now = context.now, configuration = context.configuration
        let phone = params.phone.value
        context.log("phone", params.phone.masked)
        context.log("purpose", params.purpose.rawValue)
        if params.purpose != .recover, try Account.find(phone: params.phone, db) != nil {
            throw DomainError(.phoneAlreadyBound, "该手机号已绑定其他用户，一个手机号只能绑定一个用户")
        }
        if let last = try Date.fetchOne(db, sql: "SELECT MAX(createdAt) FROM smsOutbox WHERE phone = ?", arguments: [phone]) {
            let wait = configuration.smsMinimumInterval - now.timeIntervalSince(last)
            if wait > 0 {
                throw DomainError(.smsTooSoon, "短信验证码发送过于频繁，请\(Int(wait.rounded(.up)))秒后再试",
                                  ["retryAfter": .int(Int(wait.rounded(.up)))])
            }
        }
        let dayStart = SMSSend.startOfChinaDay(now)
        let sentToday = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM smsOutbox WHERE phone = ? AND createdAt >= ?",
                                         arguments: [phone, dayStart]) ?? 0
        guard sentToday < configuration.smsDailyLimit else {
            throw DomainError(.smsDailyLimit, "该手机号今日接收验证码已达\(configuration.smsDailyLimit)条，请明天再试")
        }
        let code = configuration.demoMode ? ServiceConfiguration.demoSMSCode : Secrets.digits(6)
        let expiresAt = now.addingTimeInterval(configuration.smsCodeLifetime)
        try db.execute(sql: "INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?)",
                       arguments: [phone, params.purpose.rawValue, SMSCode.hash(phone: phone, code: code), now, expiresAt])
        let minutes = Int(configuration.smsCodeLifetime / 60)
        let message = "【全国专业技术人员资格考试报名】您正在\(params.purpose.chinese)，验证码\(code)，\(minutes)分钟内有效。如非本人操作，请忽略本短信。"
        try db.execute(sql: "INSERT INTO smsOutbox (phone, purpose, message, createdAt) VALUES (?, ?, ?, ?)",
                       arguments: [phone, params.purpose.rawValue, message, now])
        try context.audit("sms.send", subject: "phone:\(params.phone.masked)", detail: ["purpose": .string(params.purpose.rawValue)])
        return Result(expiresAt: expiresAt, resendAfter: Int(configuration.smsMinimumInterval))
    }

    /// 00:00 in China (UTC+8) of the day `instant` falls on.
    static func startOfChinaDay(_ instant: Date) -> Date {
        let seconds = instant.timeIntervalSince1970 + 8 * 3600
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400 - 8 * 3600)
    }
}

/// Checking a code a candidate typed: the newest code sent to the phone for the purpose counts.
enum SMSCode {
    static func hash(phone: String, code: String) -> String { Secrets.sha256Hex(phone + ":" + code) }

    /// Uses the code up, or refuses: expired (or never sent), already used, burnt by wrong tries, or wrong
    /// (which counts; the fifth wrong try burns it). The counting is committed with the refusal.
    static func consume(phone: MobileNumber, purpose: SMSPurpose, code: String, in context: RequestContext) throws {
        let db = context.db
        let row = try Row.fetchOne(db, sql: """
            SELECT * FROM smsCode WHERE phone = ? AND purpose = ? ORDER BY createdAt DESC, id DESC LIMIT 1
            """, arguments: [phone.value, purpose.rawValue])
        guard let row else { throw DomainError(.smsCodeExpired, "短信验证码已失效，请重新获取") }
        let id: Int64 = row["id"]
        if row["usedAt"] as Date? != nil { throw DomainError(.smsCodeUsed, "短信验证码已使用过，请重新获取") }
        if row["burntAt"] as Date? != nil {
            throw DomainError(.smsCodeBurnt, "短信验证码输错次数过多已失效，请重新获取")
        }
        guard (row["expiresAt"] as Date) > context.now else { throw DomainError(.smsCodeExpired, "短信验证码已过期，请重新获取") }
        let typed = code.trimmingCharacters(in: .whitespaces).foldingFullWidthDigits()
        guard hash(phone: phone.value, code: typed) == row["codeHash"] as String else {
            let tries = (row["wrongTries"] as Int) + 1
            let allowed = context.configuration.smsWrongTriesAllowed
            if tries >= allowed {
                try db.execute(sql: "UPDATE smsCode SET wrongTries = ?, burntAt = ? WHERE id = ?", arguments: [tries, context.now, id])
                try context.audit("sms.burnt", subject: "phone:\(phone.masked)")
                throw DomainError(.smsCodeBurnt, "短信验证码输错\(allowed)次已失效，请重新获取")
            }
            try db.execute(sql: "UPDATE smsCode SET wrongTries = ? WHERE id = ?", arguments: [tries, id])
            try context.audit("sms.wrong-code", subject: "phone:\(phone.masked)", detail: ["tries": .int(tries)])
            throw DomainError(.smsCodeMismatch, "短信验证码错误，还可尝试\(allowed - tries)次", ["remainingTries": .int(allowed - tries)])
        }
        try db.execute(sql: "UPDATE smsCode SET usedAt = ? WHERE id = ?", arguments: [context.now, id])
    }
}
