/// What a caller must know of one method to call it, for the published API (`Docs/openrpc.json`): its
/// params and result as JSON Schemas, who may call it and what it may refuse.
///
/// Descriptions live in the catalogue (`MethodCatalog`), not in the method files, and are held to the code by
/// tests (`MethodCatalogTests`): every registered method has one and no other; the example params it gives
/// pass the method's real `Params` parser; removing any required member, or sending a value outside an
/// enum, is refused `-32602` naming that member; and each rule in `cases` is answered as it says. Whether it
/// reads or writes is not declared here at all: it is taken from the registry (`RegisteredMethod.access`).
public struct MethodDescription: Sendable {
    public let name: String
    /// One line in English, and one in Chinese (the language of the candidate manual).
    public let summary: String
    public let summaryChinese: String
    public var detail: String?
    public var params: [Schema.Property]
    public var result: Schema
    public var caller: Caller
    public var captcha: CaptchaNeed
    /// Domain refusals (`DomainError`) this method answers besides those of its caller and captcha, which
    /// `errors` adds.
    public var refusals: [DomainError.Code]
    /// Rules across members that the schemas cannot say, each with a tried example.
    public var cases: [ParamCase]
    /// True when the `Params` parser takes the params whole and the method checks them as it runs
    /// (`eligibility.evaluate` hands them to the evaluator): the tests then call the method itself.
    public var checkedWhenRun: Bool

    /// Who may call: the credential a call must carry.
    public enum Caller: String, Sendable {
        /// Anyone: no token.
        case anonymous
        /// A logged-in candidate: `token` from `account.login`.
        case candidate
        /// Staff of the examination authority with role `reviewer`: `token` from `review.login`.
        case reviewer
        /// The national verification service (a reviewer account with role `verifier`): `token` from `review.login`.
        case verifier
        /// Any reviewer account (either role): `token` from `review.login`.
        case staff
        /// The payment gateway: the body signed with the shared payment key.
        case paymentGateway = "payment-gateway"

        /// The refusal of a missing, unknown or lapsed credential.
        var refusals: [DomainError.Code] {
            switch self {
            case .anonymous: []
            case .candidate: [.sessionInvalid]
            case .reviewer, .verifier: [.reviewerSessionInvalid, .outOfScope]
            case .staff: [.reviewerSessionInvalid]
            case .paymentGateway: [.paymentNotConfigured, .paymentSignatureInvalid]
            }
        }
    }

    /// Whether a call passes a picture captcha (`captchaId` + `captcha`, from `captcha.issue`) first, when the
    /// service has captchas on.
    public enum CaptchaNeed: Sendable, Equatable {
        case never
        case always
        /// Only in some calls, as the text says.
        case when(String)

        var refusals: [DomainError.Code] { self == .never ? [] : [.captchaMismatch, .captchaExpired] }
    }

    /// A rule across members, with the change to the example params that shows it: `refusedField` nil when
    /// the changed params are accepted, else the field a `-32602` names.
    public struct ParamCase: Sendable {
        public let rule: String
        /// Members to set (`.some`) or to remove (`nil`), by top-level name.
        public let changes: [String: JSONValue?]
        public let refusedField: String?

        public static func accepts(_ rule: String, _ changes: [String: JSONValue?]) -> ParamCase {
            ParamCase(rule: rule, changes: changes, refusedField: nil)
        }

        public static func refuses(_ rule: String, _ changes: [String: JSONValue?], field: String) -> ParamCase {
            ParamCase(rule: rule, changes: changes, refusedField: field)
        }
    }

    public init(_ name: String, _ summary: String, _ summaryChinese: String, detail: String? = nil,
                caller: Caller, captcha: CaptchaNeed = .never, params: [Schema.Property] = [], result: Schema,
                refusals: [DomainError.Code] = [], cases: [ParamCase] = [], checkedWhenRun: Bool = false) {
        self.name = name
        self.summary = summary
        self.summaryChinese = summaryChinese
        self.detail = detail
        self.caller = caller
        self.captcha = captcha
        self.params = params
        self.result = result
        self.refusals = refusals
        self.cases = cases
        self.checkedWhenRun = checkedWhenRun
    }

    /// Every domain refusal the method may answer: the caller's, the captcha's, its own, and `server-busy`
    /// (any request, when the database stays locked), without repeats, in code order.
    public var errors: [DomainError.Code] {
        var seen = Set<String>()
        let all = caller.refusals + captcha.refusals + refusals + [.serverBusy]
        return all.filter { seen.insert($0.rawValue).inserted }.sorted { $0.number > $1.number }
    }

    /// The params object of a valid call: every param's example (optional ones too).
    public var exampleParams: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: params.map { ($0.name, $0.schema.exampleValue) }))
    }
}
