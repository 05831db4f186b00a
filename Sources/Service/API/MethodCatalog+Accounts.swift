import Vocabulary

/// Seed manual sections 1–3 (`MethodRegistry.accounts`): registration, login, recovery, maintenance, the photo.
extension MethodCatalog {
    static let username = Schema.string("用户名：4–20个字符，字母开头，只含字母、数字和下划线。4–20 characters: a letter, then letters, digits or _.",
                                        example: "wangxiaopei", pattern: "^[A-Za-z][A-Za-z0-9_]{3,19}$")

    static func password(_ description: String) -> Schema {
        .string(description + "：8–20位字母和数字，两者都有，不含用户名和证件号码。8–20 letters and digits, both, containing neither the username nor the ID number.",
                example: "Kaoshi2026", pattern: "^(?=.*[A-Za-z])(?=.*[0-9])[A-Za-z0-9]{8,20}$")
    }

    static let recoveryQuestion = Schema.choice(Recovery.questions, "密码找回问题，须从列表中选择。The recovery question, chosen from the list.",
                                                example: "您小学的校名是？")

    static let identity: [Schema.Property] = [
        .required("name", personName), .required("idType", idType), .required("idNumber", idNumber),
    ]

    static let accounts: [MethodDescription] = [
        MethodDescription(
            "captcha.issue", "A new picture captcha: single use, valid five minutes.", "获取图片验证码（一次有效，5分钟内有效）",
            caller: .anonymous,
            result: .object("The captcha.", [
                .required("captchaId", .string("Pass back as captchaId with the digits read as captcha.")),
                .required("image", .string("The picture (SVG text).")),
                .required("mimeType", .string("Always image/svg+xml.")),
                .required("expiresAt", timestamp("When it lapses.")),
                .required("required", .boolean("Whether the service checks captchas (false in some test setups).")),
            ])),
        MethodDescription(
            "sms.send", "Sends a 6-digit code for a purpose (valid five minutes), within per-phone, per-client and global limits.",
            "发送短信验证码（注册、找回密码、修改手机号）",
            detail: "register and recover pass a captcha; change-phone needs the session instead. The answer never tells whether a phone is bound.",
            caller: .anonymous, captcha: .when("purpose register or recover"),
            params: [
                .required("phone", phone),
                .required("purpose", .choice(SMSPurpose.allCases.map(\.rawValue), "短信用途。What the code is for.")),
                .optional("token", .string("purpose 为 change-phone 时必填：会话令牌。Required for change-phone: the session token.",
                                           example: "demo-session-wangxiaopei-1")),
                .optional("client", .string("前端看到的用户地址（仅存其密钥哈希），用于按用户限流。The end user's address as the front end sees it, for the per-client limit; stored only as a keyed hash.",
                                            example: "203.0.113.7", maxLength: 100)),
            ] + captchaFields,
            result: .object("Accepted (whether a code, a notice or nothing was sent is not told).", [
                .required("sent", .boolean("Always true.")),
                .required("expiresAt", timestamp("When the code lapses.")),
                .required("resendAfter", .integer("Seconds before the next code to this phone.", example: 60)),
            ]),
            refusals: [.sessionInvalid, .smsTooSoon, .smsDailyLimit, .smsRateLimited],
            cases: [
                .refuses("change-phone needs the session token", ["purpose": "change-phone", "token": nil], field: "token"),
                .accepts("change-phone with the session token", ["purpose": "change-phone"]),
            ]),
        MethodDescription(
            "account.register", "Registers a candidate account: the form, an SMS code, and the identifying fields entered a second time.",
            "注册（含二次确认）",
            detail: "Name, ID type and ID number can never change afterwards. A document registers once, a phone binds one account.",
            caller: .anonymous,
            params: [
                .optional("agreementAccepted", .boolean("已阅读并接受网上报名协议（须为 true）。The agreement accepted: must be true.")),
                .optional("noticeAccepted", .boolean("已阅读注册须知（须为 true）。The notice read: must be true.")),
                .required("username", username),
                .required("password", password("密码")),
            ] + identity + [
                .required("email", .string("电子邮箱。E-mail address.", example: "wxp@example.com", format: "email")),
                .required("phone", phone),
                .required("smsCode", smsCode),
                .required("recoveryQuestion", recoveryQuestion),
                .required("recoveryAnswer", .string("密码找回答案。The answer (compared trimmed, case-folded).", example: "Xinhua Primary", maxLength: 50)),
                .required("education", .array("学历信息，至少一条，最多五条。Education records: one at least, five at most.", of: educationRecord)),
                .optional("degrees", .array("学位信息，最多五条。Degree records, five at most.", of: degreeRecord)),
                .required("confirmation", .object("二次确认：再次录入姓名、证件和学历学位，须与上面一致。The second entry of the identifying fields; must match.", [
                    .required("name", personName), .required("idType", idType), .required("idNumber", idNumber),
                    .optional("education", .array("The education records again (same count and fields).", of: educationRecord)),
                    .optional("degrees", .array("The degree records again.", of: degreeRecord)),
                ])),
            ],
            result: .object("Registered.", [
                .required("registered", .boolean("Always true.")), .required("username", .string("The username.")),
                .required("next", .string("Always login.")), .required("message", .string("给考生的提示。")),
            ]),
            refusals: [.agreementNotAccepted, .noticeNotAccepted, .tooManyRecords, .confirmationMismatch, .smsCodeExpired,
                       .smsCodeBurnt, .smsCodeMismatch, .usernameTaken, .phoneAlreadyBound, .idAlreadyRegistered],
            cases: [
                .refuses("one education record at least", ["education": []], field: "education"),
                .refuses("the password must not contain the username", ["password": "wangxiaopei1"], field: "password"),
            ]),
        MethodDescription(
            "account.login", "Username, password and captcha → a session; five wrong passwords lock the account for fifteen minutes.",
            "登录", caller: .anonymous, captcha: .always,
            params: [.required("username", .string("用户名。Username.", example: "wangxiaopei")), .required("password", .string("密码。Password.", example: "Kaoshi2026"))]
                + captchaFields,
            result: .object("The session, and where the manual sends the candidate next.", [
                .required("token", .string("The session token for the candidate's methods.")),
                .required("expiresAt", timestamp("When it lapses unless used.")),
                .required("photoRequired", .boolean("No photo on file, or the last one was rejected.")),
                .required("mustCompleteEducation", .boolean("An account taken over without education records.")),
                .required("next", .choice(["complete-education", "upload-photo", "choose-exam"], "The next page.")),
                .required("account", accountSummary),
            ]),
            refusals: [.loginFailed, .accountLocked]),
        MethodDescription(
            "account.logout", "Ends the session.", "退出登录", caller: .candidate, params: [sessionToken], result: done),
        MethodDescription(
            "account.profile", "The candidate's registration data (ID number and phone masked), records and photo state.",
            "查看注册信息", caller: .candidate, params: [sessionToken],
            result: .object("The registration-maintenance page.", accountSummary.properties + [
                .required("email", .string("E-mail.")),
                .required("phone", Schema.string("Masked phone, or null when none is bound.").nullable),
                .required("recoveryQuestion", .string("The recovery question.")),
                .required("identityVerification", .choice(VerificationUpdate.states, "Identity verification state.")),
                .required("education", records("学历", dateKey: "graduated")),
                .required("degrees", records("学位", dateKey: "awarded")),
                .required("photo", .object("The latest photo.", [
                    .required("status", .choice(["missing", "pending", "approved", "rejected"], "Photo review state.")),
                    .optional("reason", Schema.string("Why it was rejected.").nullable),
                    .optional("uploadedAt", timestamp("When it was uploaded.")),
                ])),
            ])),
        MethodDescription(
            "account.recoverByQuestion", "Password recovery by question: name and ID → the question; the same with answer (and captcha) → a reset token.",
            "通过密码找回问题找回密码",
            detail: "Answers alike whether or not the identity is registered; five wrong answers close recovery by question for fifteen minutes.",
            caller: .anonymous, captcha: .when("answer is given"),
            params: identity + [.optional("answer", .string("问题的答案；不给则返回问题。The answer; without it the question is returned.", example: "Xinhua Primary"))]
                + captchaFields,
            result: .oneOf("The question (no answer given) or a reset token (right answer).", [
                .object("The question.", [.required("question", .string("The recovery question.")), .required("next", .string("Always answer."))]),
                resetToken,
            ]),
            refusals: [.recoveryFailed],
            cases: [.accepts("without answer: the question is asked for", ["answer": nil])]),
        MethodDescription(
            "account.recoverBySms", "Password recovery by SMS: name, ID, the bound phone and a recover code → a reset token.",
            "通过手机短信找回密码", caller: .anonymous,
            params: identity + [.required("phone", phone), .required("smsCode", smsCode)],
            result: resetToken,
            refusals: [.smsCodeExpired, .smsCodeBurnt, .smsCodeMismatch, .recoveryFailed]),
        MethodDescription(
            "account.resetPassword", "A reset token (single use, 30 minutes) and a new password; ends every session and lifts a login lock.",
            "重置密码", caller: .anonymous,
            params: [.required("resetToken", .string("找回密码得到的重置令牌。The token from recovery.", example: "demo-reset-wangxiaopei-1")),
                     .required("newPassword", password("新密码"))],
            result: done, refusals: [.resetTokenInvalid]),
        MethodDescription(
            "account.updateRecoveryQuestion", "Sets the recovery question and answer, with the current password and a captcha.",
            "修改密码找回问题", caller: .candidate, captcha: .always,
            params: [sessionToken, .required("password", .string("当前密码。The current password.", example: "Kaoshi2026")),
                     .required("question", recoveryQuestion),
                     .required("answer", .string("答案。The answer.", example: "Xinhua Primary", maxLength: 50))] + captchaFields,
            result: done, refusals: [.passwordIncorrect, .accountLocked]),
        MethodDescription(
            "account.changePhone", "Binds a new phone, proven by a change-phone code, with the current password; the old phone is told.",
            "修改手机号", caller: .candidate,
            params: [sessionToken, .required("password", .string("当前密码。The current password.", example: "Kaoshi2026")),
                     .required("phone", phone), .required("smsCode", smsCode)],
            result: .object("Changed.", [.required("ok", .boolean("Always true.")), .required("phone", .string("The new phone, masked."))]),
            refusals: [.passwordIncorrect, .accountLocked, .smsCodeExpired, .smsCodeBurnt, .smsCodeMismatch, .phoneAlreadyBound]),
        MethodDescription(
            "account.updateEducation", "Adds education and degree records (never changes or deletes them); five of each at most.",
            "补充学历、学位信息", caller: .candidate,
            params: [sessionToken,
                     .optional("education", .array("要添加的学历信息。Education records to add.", of: educationRecord)),
                     .optional("degrees", .array("要添加的学位信息。Degree records to add.", of: degreeRecord))],
            result: .object("The records on file now.", [.required("education", records("学历", dateKey: "graduated")),
                                                          .required("degrees", records("学位", dateKey: "awarded"))]),
            refusals: [.tooManyRecords],
            cases: [.refuses("one record at least, education or degree", ["education": nil, "degrees": nil], field: "education"),
                    .accepts("degrees alone", ["education": nil])]),
        MethodDescription(
            "account.changePassword", "The current password and a new one; the other sessions end.", "修改密码", caller: .candidate,
            params: [sessionToken, .required("password", .string("当前密码。The current password.", example: "Kaoshi2026")),
                     .required("newPassword", password("新密码"))],
            result: done, refusals: [.passwordIncorrect]),
        MethodDescription(
            "account.uploadPhoto", "The 1-inch photo: a JPEG of 295×413 pixels, at most 100 KB, base64; it then awaits review.",
            "上传照片", caller: .candidate, captcha: .always,
            params: [sessionToken, .required("photo", .base64("image/jpeg", "照片：JPG，295×413像素，不超过100 KB，base64编码。The JPEG, base64.",
                                                              example: "/9j/4AAQSkZJRgABAQAAAQABAAD/2wBDAA=="))] + captchaFields,
            result: .object("Uploaded.", [.required("status", .string("Always pending.")), .required("message", .string("给考生的提示。"))]),
            refusals: [.photoTooLarge, .photoNotJPEG, .photoWrongSize],
            cases: [.refuses("the photo must be base64", ["photo": "abc"], field: "photo")]),
    ]
}
