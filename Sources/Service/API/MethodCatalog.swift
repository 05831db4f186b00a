import Vocabulary

/// The description of every method the service answers, by wire name: the source of `Docs/openrpc.json`
/// (`baokao openrpc`). Each part of the service has its list beside the registry's (`accounts`,
/// `eligibility`, `applications`, `review`), in files of their own so that the method files stay about what
/// the methods do.
public enum MethodCatalog {
    /// Every description, in the registry's order of parts.
    public static let all: [MethodDescription] = accounts + eligibility + applications + review

    public static func description(of name: String) -> MethodDescription? { all.first { $0.name == name } }
}

/// The pieces many descriptions share: credentials, identity fields, records, results.
extension MethodCatalog {
    static let sessionToken = Schema.Property.required(
        "token", .string("会话令牌：account.login 返回的 token。The candidate's session token from account.login (idle 2 h, at most 12 h).",
                         example: "demo-session-wangxiaopei-1"))

    static let staffToken = Schema.Property.required(
        "token", .string("审核人员令牌：review.login 返回的 token。A reviewer's token from review.login (idle 2 h).",
                         example: "demo-reviewer-bj-reviewer-1"))

    /// `captchaId` and `captcha`: read only when the service has captchas on, so optional for the parser.
    static let captchaFields: [Schema.Property] = [
        .optional("captchaId", .string("captcha.issue 返回的 captchaId。The id from captcha.issue; needed when the service has captchas on.",
                                       example: "c1.AAAAAAAAAAAAAAAA.1782954300.AAAAAAAAAAAAAAAAAAAAAA")),
        .optional("captcha", .string("图片上的四位数字。The four digits on the captcha picture (full-width digits accepted).",
                                     example: "1234", pattern: "^[0-9]{4}$")),
    ]

    static let application = Schema.Property.required(
        "application", .integer("报名记录编号。The application's id, from application.start or application.status.", example: 1, minimum: 1))

    static let idType = Schema.choice(IDType.allCases.map(\.rawValue),
                                      "证件类型（也接受中文名称，如“居民身份证”“身份证”）。The ID type; its Chinese name is accepted too.")

    /// A resident ID number of the test fixtures (Beijing Chaoyang, born 1990-03-07), with a valid check character.
    static let idNumber = Schema.string(
        "证件号码；居民身份证为18位并校验出生日期和校验码。The ID number; an 18-character resident ID is checked (region, birth date, check character).",
        example: "110105199003070017", format: "cn-id-number")

    static let personName = Schema.string(
        "姓名；字库缺字写在方括号内，如“王晓[沛]”。The name; a character fonts lack is written in brackets.", example: "王晓[沛]", format: "cn-person-name")

    static let phone = Schema.string(
        "大陆手机号码，11位，以13–19开头（服务也接受+86前缀、空格和连字符）。A mainland mobile number, 11 digits starting 13–19, as the pattern says (the service also accepts a +86 prefix, blanks and hyphens).",
        example: "13800138000", format: "cn-mobile", pattern: "^1[3-9][0-9]{9}$")

    static let smsCode = Schema.string("短信验证码（6位）。The 6-digit SMS code.", example: "123456", pattern: "^[0-9]{6}$")

    static func date(_ description: String, example: String) -> Schema {
        .string(description + "（YYYY-MM-DD 或 YYYY-MM，不晚于今天）. YYYY-MM-DD or YYYY-MM, not in the future.",
                example: example, pattern: "^[0-9]{4}-[0-9]{2}(-[0-9]{2})?$")
    }

    static let educationRecord = Schema.object("一条学历信息。An education (学历) record.", [
        .required("level", .choice(EducationLevel.allCases.map(\.rawValue), "学历层次（也接受中文名称，如“本科”）。The education level; Chinese names accepted.",
                                   example: EducationLevel.bachelor.rawValue)),
        .required("major", .string("专业。The major.", example: "土木工程", maxLength: 60)),
        .required("school", .string("毕业学校。The school.", example: "清华大学", maxLength: 100)),
        .required("graduated", date("毕业日期", example: "2012-07-01")),
        .optional("fullTime", .boolean("是否全日制，默认是。Full-time study (default true).")),
        .optional("certificateNumber", .string("学历证书编号。The diploma's number.", example: "100031201205001234", maxLength: 40)),
    ])

    static let degreeRecord = Schema.object("一条学位信息。A degree (学位) record.", [
        .required("level", .choice(DegreeLevel.allCases.map(\.rawValue), "学位（也接受中文名称，如“学士”）。The degree; Chinese names accepted.")),
        .required("major", .string("专业。The major.", example: "土木工程", maxLength: 60)),
        .required("school", .string("授予单位。The awarding institution.", example: "清华大学", maxLength: 100)),
        .required("awarded", date("授予日期", example: "2012-07")),
        .optional("certificateNumber", .string("学位证书编号。The degree certificate's number.", example: "1000342012001234", maxLength: 40)),
    ])

    /// A timestamp as the service writes them (UTC, ISO 8601).
    static func timestamp(_ description: String) -> Schema {
        var s = Schema.string(description)
        s.format = "date-time"
        return s
    }

    static let done = Schema.object("成功。Done.", [.required("ok", .boolean("Always true."))])

    /// The next step in the manual's words, and the prompt the page shows.
    static let next: [Schema.Property] = [
        .required("next", .string("下一步（机器可读）。The next step, machine-readable (e.g. save, sign, confirm, pay).")),
        .required("message", .string("给考生的提示。The prompt for the candidate, in Chinese.")),
    ]

    static let accountSummary = Schema.object("账号概要（证件号码已打码）。The account, its ID number masked.", [
        .required("username", .string("用户名。Username.")),
        .required("name", .string("姓名。Name.")),
        .required("idType", .string("证件类型。ID type.")),
        .required("idNumber", .string("打码的证件号码。Masked ID number, e.g. 110105********0017.")),
    ])

    static func records(_ kind: String, dateKey: String) -> Schema {
        .array("已登记的\(kind)信息及核验状态。The records on file with their verification state.", of: .object("A record.", [
            .required("level", .string("Level id.")), .required("major", .string("Major.")), .required("school", .string("School.")),
            .required(dateKey, .string("Date (YYYY-MM-DD or YYYY-MM).")),
            .required("verification", .choice(VerificationUpdate.states, "核验状态。Verification state.")),
            .optional("fullTime", .boolean("Full-time (education only).")),
        ]))
    }

    static let resetToken = Schema.object("密码重置令牌。A one-time reset token for account.resetPassword (30 minutes).", [
        .required("resetToken", .string("重置令牌。The token.")),
        .required("expiresAt", timestamp("失效时间。When it lapses.")),
        .required("next", .string("Always reset-password.")),
    ])

    static let window = Schema.object("日期区间。A date window, both days included.", [
        .required("from", .string("First day (YYYY-MM-DD).")), .required("until", .string("Last day (YYYY-MM-DD).")),
    ]).nullable

    static let applicationState = Schema.choice(ApplicationState.allCases.map(\.rawValue), "报名状态。The application's state.")
}
