import Foundation
import Persistence
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
/// Who may ask: `register` and `recover` need a passed captcha (one picture read per message); `change-phone`
/// needs the session of the account whose phone changes. The answer never says whether a phone is bound:
/// a `recover` code goes only to a bound phone, and a `register` or `change-phone` request for a bound phone
/// sends its owner a notice instead of a code (the registration or change then fails on the code, and only
/// the phone's owner learns why). Every accepted request is a `smsCode` row, sent or not, and the limits count
/// those rows, so they too answer alike:
/// - per phone: one a minute, ten a China day (any purpose);
/// - per client: ten an hour, where the client is the account for `change-phone`, else the transport's client
///   (the HTTP peer under `baokao-server`), else the `client` param the front end passes (the end user's
///   address as it sees it); stored only as a keyed hash;
/// - for the whole service: 120 a minute and 3,000 an hour.
public enum SMSSend: RPCMethod {
    public static let name = "sms.send"

    public struct Params: RPCParams {
        let phone: MobileNumber
        let purpose: SMSPurpose
        let session: SessionToken?
        let client: String?
        let captcha: Captcha

        public init(from params: ParamReader) throws(RPCError) {
            phone = try params.value("phone") { try MobileNumber($0) }
            purpose = try params.value("purpose") { text in
                guard let purpose = SMSPurpose(rawValue: text) else {
                    throw RPCError.invalidParams(field: "purpose", code: "purpose-unknown",
                                                 message: "未知的短信用途“\(text)”，应为：register、recover、change-phone")
                }
                return purpose
            }
            session = purpose == .changePhone ? try SessionToken(from: params) : nil
            client = try params.optionalString("client") == nil ? nil : try params.text("client", maximumLength: 100)
            captcha = try Captcha(from: params)
        }
    }

    /// A captcha for everyone without a session; changing the phone is done logged in.
    public static func captcha(_ params: Params) -> Captcha? { params.purpose == .changePhone ? nil : params.captcha }

    public struct Result: RPCResult {
        let expiresAt: Date
        let resendAfter: Int
        public var json: JSONValue {
            ["sent": true, "expiresAt": .string(ServiceLog.timestamp(expiresAt)), "resendAfter": .int(resendAfter)]
        }
    }

    static let signature = "【全国专业技术人员资格考试报名】"

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let tx = context.tx, now = context.now, configuration = context.configuration
        let phone = params.phone.value
        context.log("phone", params.phone.masked)
        context.log("purpose", params.purpose.rawValue)
        var account: Account?
        var client: String?
        if let session = params.session {
            account = try Sessions.account(token: session.token, in: context)
            client = "account:\(account!.id!)"
        } else if let given = context.transportClient ?? params.client {
            client = try InstanceSecret.digest("sms-client", given, tx)
        }
        try checkLimits(phone: phone, client: client, in: context)
        try SMSOutbox.eraseExpiredCodes(context)

        let holder = try Account.find(phone: params.phone, tx)
        let code = configuration.demoMode ? ServiceConfiguration.demoSMSCode : Secrets.digits(6)
        let expiresAt = now.addingTimeInterval(configuration.smsCodeLifetime)
        try tx.execute("INSERT INTO smsCode (phone, purpose, codeHash, createdAt, expiresAt, client) VALUES (?, ?, ?, ?, ?, ?)",
                       phone, params.purpose.rawValue, SMSCode.hash(phone: phone, code: code), now, expiresAt, client)
        let minutes = Int(configuration.smsCodeLifetime / 60)
        let codeMessage = { (code: String) in
            "\(signature)您正在\(params.purpose.chinese)，验证码\(code)，\(minutes)分钟内有效。如非本人操作，请忽略本短信。"
        }
        let sent: String
        switch (params.purpose, holder) {
        case (.recover, nil):
            sent = "none"
        case (.register, _?):
            sent = "notice"
            try SMSOutbox.notify(phone: phone, purpose: params.purpose,
                                 "\(signature)您的手机号已绑定报名账号，无需重新注册；忘记用户名或密码请使用密码找回。如非本人操作，请忽略本短信。", context)
        case (.changePhone, let holder?) where holder.id != account?.id:
            sent = "notice"
            try SMSOutbox.notify(phone: phone, purpose: params.purpose,
                                 "\(signature)有人试图将您的手机号绑定到另一报名账号，未能成功，您的账号不受影响。如非本人操作，请忽略本短信。", context)
        default:
            sent = "code"
            try tx.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt, expiresAt) VALUES (?, ?, ?, ?, ?, ?)",
                           phone, params.purpose.rawValue, codeMessage(code), codeMessage("******"), now, expiresAt)
        }
        try context.audit("sms.send", subject: "phone:\(params.phone.masked)",
                          detail: ["purpose": .string(params.purpose.rawValue), "sent": .string(sent)])
        return Result(expiresAt: expiresAt, resendAfter: Int(configuration.smsMinimumInterval))
    }

    /// The per-phone, per-client and global limits, on the requests accepted so far.
    static func checkLimits(phone: String, client: String?, in context: RequestContext) throws {
        let tx = context.tx, now = context.now, configuration = context.configuration
        func count(_ condition: String, since: Date, _ arguments: [StoreValue] = []) throws -> Int {
            try tx.fetchOne("SELECT COUNT(*) AS n FROM smsCode WHERE \(condition) createdAt >= ?", arguments + [since.storeValue])?.int("n") ?? 0
        }
        if let last = try tx.fetchOne("SELECT MAX(createdAt) AS last FROM smsCode WHERE phone = ?", phone)?.optionalDate("last") {
            let wait = configuration.smsMinimumInterval - now.timeIntervalSince(last)
            if wait > 0 {
                throw DomainError(.smsTooSoon, "短信验证码发送过于频繁，请\(Int(wait.rounded(.up)))秒后再试",
                                  ["retryAfter": .int(Int(wait.rounded(.up)))])
            }
        }
        guard try count("phone = ? AND", since: startOfChinaDay(now), [.text(phone)]) < configuration.smsDailyLimit else {
            throw DomainError(.smsDailyLimit, "该手机号今日接收验证码已达\(configuration.smsDailyLimit)条，请明天再试")
        }
        if let client, try count("client = ? AND", since: now.addingTimeInterval(-3600), [.text(client)]) >= configuration.smsClientPerHour {
            throw DomainError(.smsRateLimited, "获取短信验证码过于频繁，请一小时后再试", ["scope": "client", "retryAfter": 3600])
        }
        if try count("", since: now.addingTimeInterval(-60)) >= configuration.smsGlobalPerMinute {
            throw DomainError(.smsRateLimited, "短信发送繁忙，请稍后再试", ["scope": "global", "retryAfter": 60])
        }
        if try count("", since: now.addingTimeInterval(-3600)) >= configuration.smsGlobalPerHour {
            throw DomainError(.smsRateLimited, "短信发送繁忙，请稍后再试", ["scope": "global", "retryAfter": 600])
        }
    }

    /// 00:00 in China (UTC+8) of the day `instant` falls on.
    static func startOfChinaDay(_ instant: Date) -> Date {
        let seconds = instant.timeIntervalSince1970 + 8 * 3600
        return Date(timeIntervalSince1970: (seconds / 86_400).rounded(.down) * 86_400 - 8 * 3600)
    }
}

/// The outbox a gateway drains (the engine never sends itself). The gateway reads the rows whose `sentAt` is
/// NULL, sends them, and sets `sentAt` once delivered; a trigger then replaces the message by its `redacted`
/// text. A code never delivered is erased the same way once it expires (at the next `sms.send`): no code
/// stays in the clear longer than it is of use.
enum SMSOutbox {
    /// A message without a code (a notice to a phone's owner).
    static func notify(phone: String, purpose: SMSPurpose?, _ message: String, _ context: RequestContext) throws {
        try context.tx.execute("INSERT INTO smsOutbox (phone, purpose, message, redacted, createdAt) VALUES (?, ?, ?, ?, ?)",
                               phone, purpose?.rawValue ?? "notice", message, message, context.now)
    }

    static func eraseExpiredCodes(_ context: RequestContext) throws {
        try context.tx.execute("UPDATE smsOutbox SET message = redacted, expiresAt = NULL WHERE expiresAt <= ?", context.now)
    }
}

/// Checking a code a candidate typed: the newest code sent to the phone for the purpose counts.
enum SMSCode {
    static func hash(phone: String, code: String) -> String { Secrets.sha256Hex(phone + ":" + code) }

    /// Uses the code up, or refuses: expired (or never sent, or already used), burnt by wrong tries, or wrong
    /// (which counts; the fifth wrong try burns it). The counting is committed with the refusal.
    static func consume(phone: MobileNumber, purpose: SMSPurpose, code: String, in context: RequestContext) throws {
        try use(try check(phone: phone, purpose: purpose, code: code, in: context), context)
    }

    static func use(_ id: Int64, _ context: RequestContext) throws {
        try context.tx.execute("UPDATE smsCode SET usedAt = ? WHERE id = ?", context.now, id)
    }

    /// A refusal that proves the phone but cannot go on (a username taken): counted like a wrong try, so one
    /// code answers at most five such questions.
    static func countTry(_ id: Int64, _ context: RequestContext) throws {
        try context.tx.execute("""
            UPDATE smsCode SET wrongTries = wrongTries + 1,
                burntAt = CASE WHEN wrongTries + 1 >= ? THEN ? ELSE burntAt END WHERE id = ?
            """, context.configuration.smsWrongTriesAllowed, context.now, id)
    }

    /// As `consume`, without using the code up: its row id, for `use` once everything else is checked.
    static func check(phone: MobileNumber, purpose: SMSPurpose, code: String, in context: RequestContext) throws -> Int64 {
        let tx = context.tx
        let row = try tx.fetchOne("""
            SELECT id, codeHash, expiresAt, wrongTries, usedAt, burntAt FROM smsCode WHERE phone = ? AND purpose = ?
            ORDER BY createdAt DESC, id DESC LIMIT 1
            """, phone.value, purpose.rawValue)
        let expired = DomainError(.smsCodeExpired, "短信验证码已失效，请重新获取")
        guard let row else { throw expired }
        let id = try row.int64("id")
        // A used code is answered as an expired one: "used" would tell a stranger that the phone registered.
        if try row.optionalDate("usedAt") != nil { throw expired }
        if try row.optionalDate("burntAt") != nil {
            throw DomainError(.smsCodeBurnt, "短信验证码输错次数过多已失效，请重新获取")
        }
        guard try row.date("expiresAt") > context.now else { throw expired }
        let typed = code.trimmingCharacters(in: .whitespaces).foldingFullWidthDigits()
        guard hash(phone: phone.value, code: typed) == (try row.string("codeHash")) else {
            let tries = try row.int("wrongTries") + 1
            let allowed = context.configuration.smsWrongTriesAllowed
            if tries >= allowed {
                try tx.execute("UPDATE smsCode SET wrongTries = ?, burntAt = ? WHERE id = ?", tries, context.now, id)
                try context.audit("sms.burnt", subject: "phone:\(phone.masked)")
                throw DomainError(.smsCodeBurnt, "短信验证码输错\(allowed)次已失效，请重新获取")
            }
            try tx.execute("UPDATE smsCode SET wrongTries = ? WHERE id = ?", tries, id)
            try context.audit("sms.wrong-code", subject: "phone:\(phone.masked)", detail: ["tries": .int(tries)])
            throw DomainError(.smsCodeMismatch, "短信验证码错误，还可尝试\(allowed - tries)次", ["remainingTries": .int(allowed - tries)])
        }
        return id
    }
}
