import Eligibility

/// Eligibility (`MethodRegistry.eligibility`) and seed manual section 4 (`MethodRegistry.applications`):
/// from choosing an exam to payment.
extension MethodCatalog {
    static let fee = Schema.object("考试费用（单位：分）。The fee, in fen.", [
        .required("total", .integer("Total, fen.", example: 24200)), .required("currency", .string("Always CNY.")),
        .required("unit", .string("Always fen.")),
        .required("items", .array("Per subject.", of: .object("An item.", [
            .optional("subject", .string("Subject id.")), .required("name", .string("Subject name.")),
            .required("amount", .integer("Amount, fen.", example: 6050)),
        ]))),
        .optional("example", .boolean("The fee table is an example, not an official figure.")),
    ])

    static let verdict = Schema.object("报考资格判定（与 baokao eval 的输出相同，INTERFACE.md §2）。The verdict, as baokao eval writes it.", [
        .required("id", Schema.string("The application's id, echoed.").nullable),
        .required("eligible", .boolean("Whether the candidate may sit the exam.")),
        .optional("route", .choice(["auto", "online-review", "onsite-review"], "How the application is verified.")),
        .optional("routeReason", .string("Why that route.")),
        .required("subjects", .array("Subjects to sit.", of: .string("Subject id."))),
        .required("exempted", .array("Subjects exempted.", of: .string("Subject id."))),
        .optional("exemption", .string("The exemption applied.")),
        .optional("fee", fee),
        .optional("decidedBy", .object("The condition that made the candidate eligible.", [])),
        .required("reasons", .array("Every failed condition (eligible: false).", of: .object("A reason.", [
            .required("code", .string("Reason code.")), .required("rule", .string("The rule.")),
            .required("message", .string("Chinese text.")), .required("source", .string("file:line:column of the rule.")),
            .optional("basis", .string("The policy document.")),
        ]))),
        .required("warnings", .array("Warnings (e.g. major-not-in-catalog).", of: .object("A warning.", [
            .required("code", .string("Warning code.")), .required("message", .string("Chinese text.")),
        ]))),
        .optional("advice", .array("Advice for the candidate.", of: .string("Chinese text."))),
        .required("rules", .string("The revision (hash) of the rule set that decided.")),
        .optional("trace", .array("Each rule tried (explain: true).", of: .object("A step.", []))),
    ])

    /// The confirmation box of 4.2 (`application.save`, `application.confirm`).
    static let applicationSummary: [Schema.Property] = [
        .required("application", .integer("The application's id.")),
        .required("state", applicationState),
        .required("summary", .object("The confirmation box: ID, name, exam, level, specialty, subjects.", [
            .required("idType", .string("ID type.")), .required("idNumber", .string("ID number.")), .required("name", .string("Name.")),
            .required("exam", .string("Exam name.")), .required("level", Schema.string("Level name.").nullable),
            .required("specialty", Schema.string("Specialty name.").nullable),
            .required("subjects", .array("Subjects to sit.", of: .object("A subject.", [.required("id", .string("Id.")), .required("name", .string("Name."))]))),
            .required("exempted", .array("Subjects exempted.", of: .string("Subject id."))),
        ])),
        .required("fee", fee.nullable),
        .required("route", .string("auto, online-review or onsite-review.")),
        .required("routeReason", Schema.string("Why that route.").nullable),
        .required("warnings", .array("Warnings.", of: .object("A warning.", [.required("code", .string("Code.")), .required("message", .string("Text."))]))),
    ] + next

    static let applicationStatus = Schema.object("一条报名的状态页（图4.2-6）。One application's status page.", [
        .required("application", .integer("Id.")), .required("exam", .string("Exam id.")), .required("examName", .string("Exam name.")),
        .required("year", .integer("Exam year.", example: 2026)), .required("province", .string("Province code.")),
        .required("city", Schema.string("City code.").nullable), .required("auditPoint", Schema.string("Audit point id.").nullable),
        .required("level", Schema.string("Level id.").nullable), .required("specialty", Schema.string("Specialty id.").nullable),
        .required("state", applicationState), .required("stateText", .string("状态的中文说明。")),
        .required("route", Schema.string("Route, once saved.").nullable), .required("fee", Schema.integer("Fee in fen, once saved.").nullable),
        .required("photo", .choice(["missing", "pending", "approved", "rejected"], "Photo review state.")),
        .required("proofs", .integer("Proofs uploaded.", example: 0)),
        .required("reasons", .array("Reviewers' refusals and photo rejections.", of: .object("A note.", [
            .required("at", timestamp("When.")), .required("kind", .string("review-rejected or photo-rejected.")), .required("message", .string("Chinese text.")),
        ]))),
        .required("allowed", .array("Actions allowed in this state.", of: .choice(ApplicationAction.allCases.map(\.rawValue), "An action."))),
        .optional("payment", .object("The payment, once paid.", [
            .required("orderId", .string("Order.")), .required("amount", .integer("Fen.")), .required("paidAt", timestamp("When.")),
        ])),
    ] + next)

    static let eligibility: [MethodDescription] = [
        MethodDescription(
            "eligibility.evaluate", "Evaluates an application against the rules: the same verdict as baokao eval.", "报考资格判定",
            detail: "The params are an application (INTERFACE.md §2) plus explain. The application is checked when evaluated: an application that cannot be evaluated is -32602 naming the field (e.g. candidate.education[0].graduated).",
            caller: .anonymous,
            params: [
                .optional("id", .string("由调用方选择，判定中原样返回。Chosen by the caller, echoed in the verdict.", example: "case-1")),
                .optional("exam", .string("考试（id 或中文名称）；判定时必填。The exam (id or Chinese name); needed to evaluate.", example: "demo")),
                .optional("year", .integer("考试年度。The exam year.", example: 2026)),
                .optional("province", .string("省份（代码或名称）。The province (code or name).", example: "110000")),
                .optional("level", .string("报考级别。The level id.", example: "yiji")),
                .optional("specialty", .string("报考专业。The specialty id.", example: "jianzhu")),
                .optional("basis", .choice(Application.Basis.allCases.map(\.rawValue), "报考类型，默认 full。full, exempt or add-specialty.")),
                .optional("relevantWorkYears", .number("专业工作年限。Declared years of relevant work.", example: "5")),
                .optional("candidate", .object("考生信息（INTERFACE.md §2）；判定时必填。The candidate; needed to evaluate.", [
                    .optional("name", personName), .optional("idType", idType), .optional("idNumber", idNumber),
                    .optional("education", .array("学历。Education records.", of: .object("A record.", [
                        .required("level", educationRecord.property("level")!.schema),
                        .optional("major", .string("专业。The major.", example: "土木工程")),
                        .optional("school", .string("学校。The school.", example: "清华大学")),
                        .optional("graduated", date("毕业日期", example: "2012-07-01")),
                        .optional("fullTime", .boolean("是否全日制。Full-time.")),
                        .optional("verification", .choice(VerificationUpdate.states, "核验状态。Verification state.")),
                    ]))),
                    .optional("degrees", .array("学位。Degree records.", of: .object("A record.", [
                        .required("level", degreeRecord.property("level")!.schema),
                        .optional("major", .string("专业。The major.", example: "土木工程")),
                        .optional("awarded", date("授予日期", example: "2012-07")),
                        .optional("verification", .choice(VerificationUpdate.states, "核验状态。Verification state.")),
                    ]))),
                    .optional("workStart", date("参加工作时间", example: "2012-08-01")),
                ])),
                .optional("explain", .boolean("返回判定过程。Add the trace of every rule tried.", example: false)),
            ],
            result: verdict, refusals: [.rulesUnavailable], checkedWhenRun: true),
        MethodDescription(
            "rules.list", "What a front end needs to build its forms: exams with levels, specialties and subjects; provinces with cities and audit points.",
            "报考规则目录", caller: .anonymous,
            result: .object("The rule set.", [
                .required("revision", .string("The rule set's revision (hash).")),
                .required("exams", .array("Exams.", of: .object("An exam.", [
                    .required("id", .string("Id.")), .required("name", .string("Name.")), .required("commitment", .boolean("告知承诺制.")),
                    .required("levels", .array("Levels with subjects and specialties.", of: .object("A level.", []))),
                    .required("provinces", .array("Province codes offering it.", of: .string("Code."))),
                ]))),
                .required("provinces", .array("Provinces.", of: .object("A province.", [
                    .required("code", .string("Code.")), .required("name", .string("Name.")), .required("authority", .string("考试机构.")),
                    .required("cities", .array("Cities.", of: .object("A city.", []))),
                    .required("auditPoints", .array("Audit points.", of: .object("An audit point.", []))),
                ]))),
            ]),
            refusals: [.rulesUnavailable]),
    ]

    static let applications: [MethodDescription] = [
        MethodDescription(
            "exam.list", "The exams whose registration window is open today, with the provinces where it is open.", "选择报考列表",
            caller: .anonymous,
            params: [.optional("province", .string("只看该省（代码或名称）。Only this province (code or name).", example: "110000"))],
            result: .object("Open exams.", [
                .required("today", .string("Today in China (YYYY-MM-DD).")),
                .required("exams", .array("Exams open today.", of: .object("An exam.", [
                    .required("id", .string("Id.")), .required("name", .string("Name.")), .required("commitment", .boolean("告知承诺制.")),
                    .required("provinces", .array("Where it is open.", of: .object("A province.", [
                        .required("code", .string("Code.")), .required("name", .string("Name.")), .required("year", .integer("Year.")),
                        .required("registration", window), .required("payment", window),
                    ]))),
                ]))),
            ]),
            refusals: [.rulesUnavailable]),
        MethodDescription(
            "application.start", "Picks an exam and a province: a new application (one per candidate, exam and year).", "选择报考",
            caller: .candidate,
            params: [sessionToken, .required("exam", .string("考试（id 或中文名称）。The exam.", example: "demo", maxLength: 40)),
                     .required("province", .string("省份（代码或名称）。The province.", example: "110000", maxLength: 40))],
            result: .object("Started.", [
                .required("application", .integer("The new application's id.")), .required("exam", .string("Exam id.")),
                .required("examName", .string("Exam name.")), .required("year", .integer("Exam year.", example: 2026)),
                .required("province", .string("Province code.")), .required("state", applicationState),
            ] + next),
            refusals: [.rulesUnavailable, .examUnavailable, .registrationClosed, .photoMissing, .identityNotVerified,
                       .educationNotVerified, .degreeNotVerified, .alreadyApplied]),
        MethodDescription(
            "application.acceptNotice", "Accepts the commitment notice, then the exam notice; or abandons the application.", "阅读告知书、报考须知或放弃报名",
            caller: .candidate,
            params: [sessionToken, application,
                     .required("document", .choice(["commitment-notice", "exam-notice", "abandon"], "接受哪份文书，或放弃报名。What is accepted, or abandon."))],
            result: .object("The new state.", [.required("state", applicationState)] + next),
            refusals: [.applicationNotFound, .illegalTransition]),
        MethodDescription(
            "application.save", "Saves the entries of 4.2 after the evaluator judged them on the account's records; ineligible saves nothing.",
            "填写并保存报考信息", caller: .candidate, captcha: .always,
            params: [sessionToken, application,
                     .required("city", .string("所在地市（代码）。The city code.", example: "110100", maxLength: 40)),
                     .required("auditPoint", .string("审核点。The audit point id.", example: "bj-01", maxLength: 60)),
                     .optional("level", .string("报考级别；只有一个级别时可省。The level id.", example: "yiji")),
                     .optional("specialty", .string("报考专业。The specialty id.", example: "jianzhu")),
                     .optional("subjects", .array("考试科目；省略为全部须考科目。Subjects; absent means all.", of: .string("Subject id.", example: "jingji"))),
                     .optional("basis", .choice(Application.Basis.allCases.map(\.rawValue), "报考类型，默认 full。full, exempt or add-specialty.")),
                     .optional("exemption", .string("免考依据。The exemption.", example: "senior-title")),
                     .optional("relevantWorkYears", .number("专业工作年限。Declared years of relevant work.", example: "5")),
                     .optional("workPeriods", .array("工作经历。Work periods.", of: .object("A period.", [
                        .optional("from", date("开始", example: "2012-08-01")), .optional("to", date("结束", example: "2020-12-31")),
                     ]))),
                     .optional("workStart", date("参加工作时间", example: "2012-08-01")),
                     .optional("titles", .array("职称。Titles.", of: .object("A title.", [
                        .optional("name", .string("Name.", example: "工程师")), .optional("level", .string("Level.", example: "intermediate")),
                        .optional("series", .string("Series.", example: "工程")), .optional("obtained", date("取得时间", example: "2018-12-01")),
                     ]))),
                     .optional("certificates", .array("证书。Certificates.", of: .object("A certificate.", [
                        .optional("name", .string("Name.", example: "示例建造师资格证书")), .optional("obtained", date("取得时间", example: "2019-06-01")),
                     ]))),
            ] + captchaFields,
            result: .object("Saved: the confirmation box, fee and route.", applicationSummary + [
                .required("integrityRecord", .boolean("失信: acknowledge with application.sign instead of signing.")),
            ]),
            refusals: [.applicationNotFound, .illegalTransition, .rulesUnavailable, .examUnavailable, .registrationClosed, .notEligible]),
        MethodDescription(
            "application.sign", "Signs the 报考承诺书 (sign), stops for now (later), or — with an integrity record — acknowledges with a second confirmation.",
            "签订报考承诺书", caller: .candidate,
            params: [sessionToken, application,
                     .required("action", .choice(["sign", "later", "acknowledge"], "签订、暂不提交或（失信人员）二次确认。sign, later or acknowledge.",
                                                 example: "acknowledge")),
                     .optional("confirmation", .object("action 为 acknowledge 时必填：再次录入姓名和证件号码。Required for acknowledge.", [
                        .required("name", personName), .required("idNumber", idNumber),
                     ]))],
            result: .object("The new state.", [
                .required("application", .integer("Id.")), .required("state", applicationState), .required("signed", .boolean("Commitment signed.")),
            ] + next),
            refusals: [.applicationNotFound, .illegalTransition, .integrityRecord, .confirmationMismatch],
            cases: [.refuses("acknowledge needs the confirmation", ["action": "acknowledge", "confirmation": nil], field: "confirmation"),
                    .accepts("sign and later need none", ["action": "sign", "confirmation": nil])]),
        MethodDescription(
            "application.uploadProof", "Uploads proof of a record the national service cannot verify: a PDF or a JPEG.", "上传证明材料",
            caller: .candidate,
            params: [sessionToken, application,
                     .required("kind", .choice(["identity", "education", "degree", "other"], "证明什么。What it proves.")),
                     .optional("record", .integer("第几条学历或学位（从0起）。The record's position, from 0.", example: 0, minimum: 0)),
                     .required("file", .base64("application/pdf", "PDF 或 JPG 文件，base64编码。A PDF or JPEG, base64.", example: "JVBERi0xLjcK"))],
            result: .object("Uploaded.", [
                .required("uploaded", .boolean("Always true.")), .required("mimeType", .choice(["application/pdf", "image/jpeg"], "As the bytes say.")),
                .required("proofs", .integer("Proofs on the application now.")),
            ]),
            refusals: [.applicationNotFound, .illegalTransition, .proofTooLarge, .proofNotAccepted],
            cases: [.refuses("the file must be base64", ["file": "abc"], field: "file")]),
        MethodDescription(
            "application.confirm", "报名信息确认: locks the application once the photo is approved and starts verification (auto, online or on-site).",
            "报名信息确认", caller: .candidate,
            params: [sessionToken, application,
                     .optional("majorConfirmed", .boolean("专业不在目录中时再次确认。Confirms a major outside the exam's catalogue.", example: false))],
            result: .object("Confirmed.", applicationSummary),
            refusals: [.applicationNotFound, .illegalTransition, .rulesUnavailable, .examUnavailable, .registrationClosed,
                       .photoNotApproved, .notEligible, .majorConfirmationRequired]),
        MethodDescription(
            "application.status", "The status page: state, reasons, route, fee and the next step; without application, every application.",
            "查看报考状态", caller: .candidate,
            params: [sessionToken, .optional("application", .integer("报名记录编号；省略则列出全部。The application; absent: all of them.", minimum: 1))],
            result: .oneOf("One application, or all of them.", [
                applicationStatus,
                .object("Every application of the candidate.", [.required("applications", .array("Each status.", of: applicationStatus))]),
            ]),
            refusals: [.applicationNotFound, .rulesUnavailable, .examUnavailable]),
        MethodDescription(
            "application.form", "The registration form PDF (base64) with its verification QR code, once confirmed.", "打印报名表",
            caller: .candidate, params: [sessionToken, application],
            result: .object("The form.", [
                .required("applicationNumber", .string("BK + year + province + id.")), .required("contentType", .string("Always application/pdf.")),
                .required("bytes", .integer("PDF size.")), .required("qr", .string("The QR code's payload (for review.verifyForm).")),
                .required("pdf", .base64("application/pdf", "The PDF.")),
            ]),
            refusals: [.applicationNotFound, .formNotAvailable, .formFailed, .rulesUnavailable, .examUnavailable]),
        MethodDescription(
            "application.reopen", "修改报名信息: before approval and payment, cancels the confirmation and any review.", "修改报名信息",
            caller: .candidate, params: [sessionToken, application],
            result: .object("Back to editing.", [.required("application", .integer("Id.")), .required("state", applicationState)] + next),
            refusals: [.applicationNotFound, .illegalTransition, .rulesUnavailable, .examUnavailable, .registrationClosed]),
        MethodDescription(
            "payment.create", "An order for the verdict's fee, after approval and inside the payment window; asked again, the same open order.",
            "缴费（生成支付订单）", caller: .candidate, params: [sessionToken, application],
            result: .object("The order.", [
                .required("orderId", .string("Order id.")), .required("amount", .integer("Fen.", example: 24200)),
                .required("currency", .string("Always CNY.")), .required("unit", .string("Always fen.")),
                .required("application", .integer("Id.")), .required("state", .string("Always pending.")),
            ]),
            refusals: [.applicationNotFound, .illegalTransition, .rulesUnavailable, .examUnavailable, .paymentClosed]),
        MethodDescription(
            "payment.notify", "The payment gateway's signed callback; the same notification twice pays once.", "支付结果通知（支付网关回调）",
            caller: .paymentGateway,
            params: [.required("body", .string("网关的 JSON 文本 {orderId, amount（分）, transactionId}。The gateway's JSON text.",
                                               example: "{\"amount\":24200,\"orderId\":\"demo-order-1\",\"transactionId\":\"T1\"}")),
                     .required("signature", .string("HMAC-SHA256(支付密钥, body) 的小写十六进制。Lowercase hex HMAC-SHA256 of body under the payment key.",
                                                    example: String(repeating: "0", count: 64), pattern: "^[0-9a-fA-F]{64}$"))],
            result: .object("Paid.", [
                .required("paid", .boolean("Always true.")), .required("orderId", .string("Order id.")), .required("application", .integer("Id.")),
                .required("duplicate", .boolean("This order was already paid: nothing changed.")),
            ]),
            refusals: [.paymentNotFound, .paymentAmountMismatch, .illegalTransition]),
    ]
}
