import Eligibility

/// The examination authority's side (`MethodRegistry.review`): reviewer login, verification results, photo
/// and application review.
extension MethodCatalog {
    static let decision: [Schema.Property] = [
        .required("decision", .choice(["approve", "reject"], "通过或不通过。approve or reject.")),
        .optional("reason", .string("不通过的原因（考生可见），reject 时必填。The reason the candidate sees; required to reject.",
                                    example: "照片背景不是白色", maxLength: 200)),
    ]

    static let verificationItems = Schema.array("各条记录的核验结果。Verification results by record.", of: .object("A result.", [
        .required("record", .integer("第几条记录（从0起）。The record's position, from 0.", example: 0, minimum: 0)),
        .required("verification", .choice(VerificationUpdate.states, "核验结果。The result.")),
    ]))

    static let review: [MethodDescription] = [
        MethodDescription(
            "review.login", "A reviewer's username and password → a token for the review methods.", "审核人员登录",
            caller: .anonymous,
            params: [.required("username", .string("审核账号。The reviewer's username.", example: "bj-reviewer", maxLength: 40)),
                     .required("password", .string("密码。Password.", example: "Shenhe2026"))],
            result: .object("The reviewer's session.", [
                .required("token", .string("Token for the review methods.")),
                .required("role", .choice(Reviewers.roles, "reviewer (reviews applications) or verifier (the national verification service).")),
                .required("province", .string("Province code of its scope.")), .required("city", Schema.string("City code of its scope, if any.").nullable),
            ]),
            refusals: [.reviewerLoginFailed, .accountLocked]),
        MethodDescription(
            "review.logout", "Ends the reviewer's session at once.", "审核人员退出登录", caller: .staff, params: [staffToken], result: done),
        MethodDescription(
            "review.viewPhoto", "The photo to judge (JPEG, base64) and its SHA-256, which review.photo names; each view is audited.",
            "查看考生照片", caller: .reviewer, params: [staffToken, application],
            result: .object("The latest photo.", [
                .required("sha256", .string("Lowercase hex SHA-256 of the JPEG.")),
                .required("status", .choice(["pending", "approved", "rejected"], "Review state.")),
                .required("contentType", .string("Always image/jpeg.")), .required("bytes", .integer("Size.")),
                .required("width", .integer("Pixels.", example: 295)), .required("height", .integer("Pixels.", example: 413)),
                .required("uploadedAt", timestamp("When it was uploaded.")), .required("photo", .base64("image/jpeg", "The JPEG.")),
            ]),
            refusals: [.applicationNotFound, .photoMissing]),
        MethodDescription(
            "review.verifyForm", "From a paper form's QR payload, the key fields the record prints (masked) to compare with the paper.",
            "现场核验报名表二维码", caller: .reviewer,
            params: [staffToken, .required("payload", .string("报名表二维码的内容。The QR code's text.", example: "BK2026110000000001.ABCDEFGH", maxLength: 200))],
            result: .object("What the record prints.", [
                .required("genuine", .boolean("Always true (a forged code is refused).")),
                .required("applicationNumber", .string("The form's number.")), .required("state", applicationState),
                .required("matchesRecord", .boolean("The record still prints exactly the fields the code was issued for.")),
                .required("printed", Schema.object("Key fields (name and ID number masked); null when the form cannot be printed now.", []).nullable),
                .optional("detail", .string("Why the form cannot be printed now.")),
            ]),
            refusals: [.formNotGenuine, .applicationNotFound]),
        MethodDescription(
            "verification.update", "The national verification service's results for a candidate's identity, education and degree records, and 失信.",
            "核验结果回写", caller: .verifier,
            params: [staffToken,
                     .optional("username", .string("考生用户名；或给出 idNumber。The candidate's username, or give idNumber.", example: "wangxiaopei")),
                     .optional("idNumber", idNumber),
                     .optional("name", .string("与 idNumber 同用的姓名。The name, with idNumber.", example: "王晓[沛]")),
                     .optional("identity", .choice(VerificationUpdate.states, "身份核验结果。The identity result.")),
                     .optional("education", verificationItems), .optional("degrees", verificationItems),
                     .optional("integrityRecord", .boolean("列入诚信档案库（失信）。On the integrity record.", example: false))],
            result: .object("The candidate's verification state now.", [
                .required("identityVerification", .choice(VerificationUpdate.states, "Identity.")),
                .required("integrityRecord", .boolean("失信.")),
                .required("education", records("学历", dateKey: "graduated")), .required("degrees", records("学位", dateKey: "awarded")),
            ]),
            refusals: [.accountNotFound],
            cases: [.refuses("the candidate is named by username or idNumber", ["username": nil, "idNumber": nil], field: "username"),
                    .accepts("idNumber alone", ["username": nil])]),
        MethodDescription(
            "review.photo", "Approves or rejects the photo the reviewer saw, named by its SHA-256; a photo changed since is refused.",
            "照片审核", caller: .reviewer,
            params: [staffToken, application] + decision + [
                .required("sha256", .string("review.viewPhoto 返回的摘要。The sha256 from review.viewPhoto.",
                                            example: String(repeating: "ab", count: 32), pattern: "^[0-9a-fA-F]{64}$")),
            ],
            result: .object("The photo's state now.", [
                .required("photo", .choice(["approved", "rejected"], "The decision.")), .required("sha256", .string("The photo decided.")),
            ]),
            refusals: [.applicationNotFound, .photoMissing, .photoChanged],
            cases: [.refuses("a rejection needs a reason", ["decision": "reject", "reason": nil], field: "reason"),
                    .accepts("an approval needs none", ["decision": "approve", "reason": nil]),
                    .refuses("the sha256 is 64 hex digits", ["sha256": "abc"], field: "sha256")]),
        MethodDescription(
            "review.queue", "The applications in the reviewer's scope, oldest confirmation first; by default those waiting for review.",
            "待审核列表", caller: .reviewer,
            params: [staffToken,
                     .optional("route", .choice(Route.allCases.map(\.rawValue), "按核验方式筛选。Filter: a verification route.", example: "online-review")),
                     .optional("city", .string("按地市筛选。Filter: city code.", example: "110100")),
                     .optional("auditPoint", .string("按审核点筛选。Filter: audit point id.", example: "bj-01")),
                     .optional("state", .choice(ApplicationState.allCases.map(\.rawValue) + ["all"], "按状态筛选，all 为全部；默认待审核。Filter: a state, or all.", example: "online-review")),
                     .optional("exam", .string("按考试筛选。Filter: exam id.", example: "demo")),
                     .optional("limit", .integer("最多返回条数（1–1000，默认100）。At most this many (1–1000, default 100).", example: 100,
                                                 minimum: 1, maximum: 1000))],
            result: .object("The queue.", [
                .required("applications", .array("Oldest confirmation first.", of: .object("An application.", [
                    .required("application", .integer("Id.")), .required("exam", .string("Exam id.")), .required("year", .integer("Year.")),
                    .required("state", applicationState), .required("route", Schema.string("Route.").nullable),
                    .required("city", Schema.string("City.").nullable), .required("auditPoint", Schema.string("Audit point.").nullable),
                    .required("level", Schema.string("Level.").nullable), .required("specialty", Schema.string("Specialty.").nullable),
                    .required("candidate", .object("The candidate (ID number masked).", [])),
                    .required("photo", .string("Photo state.")), .required("proofs", .integer("Proofs.")),
                    .required("confirmedAt", timestamp("When confirmed.").nullable),
                ]))),
                .required("count", .integer("How many.")),
            ])),
        MethodDescription(
            "review.decide", "资格核验: approves, or rejects with a reason the candidate sees; only applications waiting for review.",
            "资格审核", caller: .reviewer,
            params: [staffToken, application] + decision,
            result: .object("The application's state now.", [.required("application", .integer("Id.")), .required("state", applicationState)]),
            refusals: [.applicationNotFound, .illegalTransition],
            cases: [.refuses("a rejection needs a reason", ["decision": "reject", "reason": nil], field: "reason")]),
    ]
}
