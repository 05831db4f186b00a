/// A request understood and refused: a stable code for programs, a Chinese message for the candidate, and
/// any facts that help (the field in question, when to retry).
///
/// A domain refusal commits what the handler wrote before refusing — that is how a wrong password counts
/// towards the lockout and a wrong SMS code towards burning it. Handlers therefore check everything before
/// writing the effects of success.
public struct DomainError: Error, Equatable, Sendable {
    public let code: Code
    public let message: String
    public var details: [String: JSONValue]

    public init(_ code: Code, _ message: String, _ details: [String: JSONValue] = [:]) {
        self.code = code
        self.message = message
        self.details = details
    }

    public var rpcError: RPCError {
        var data = details
        data["code"] = .string(code.rawValue)
        return RPCError(code: code.number, message: message, data: .object(data))
    }

    /// Every refusal of the service. The raw values and numbers are part of the wire contract: add, never
    /// renumber. Accounts use -32001…-32049; the application workflow (issue #7) starts at -32050.
    /// `server-busy`: the request had no effect; try again after `retryAfter` seconds.
    public static func serverBusy(retryAfter: Int) -> DomainError {
        DomainError(.serverBusy, "系统繁忙，请\(retryAfter)秒后重试", ["retryAfter": .int(retryAfter)])
    }

    public enum Code: String, Sendable, CaseIterable {
        case captchaMismatch = "captcha-mismatch"
        case captchaExpired = "captcha-expired"
        case smsCodeMismatch = "sms-code-mismatch"
        case smsCodeExpired = "sms-code-expired"
        /// No longer sent: a used code is answered `sms-code-expired` (issue #13). Kept: codes are never reused.
        case smsCodeUsed = "sms-code-used"
        case smsCodeBurnt = "sms-code-burnt"
        case smsTooSoon = "sms-too-soon"
        case smsDailyLimit = "sms-daily-limit"
        case agreementNotAccepted = "agreement-not-accepted"
        case noticeNotAccepted = "notice-not-accepted"
        case confirmationMismatch = "confirmation-mismatch"
        case idAlreadyRegistered = "id-already-registered"
        case phoneAlreadyBound = "phone-already-bound"
        case usernameTaken = "username-taken"
        case loginFailed = "login-failed"
        case accountLocked = "account-locked"
        case sessionInvalid = "session-invalid"
        case recoveryFailed = "recovery-failed"
        case resetTokenInvalid = "reset-token-invalid"
        case tooManyRecords = "too-many-records"
        case photoNotJPEG = "photo-not-jpeg"
        case photoWrongSize = "photo-wrong-size"
        case photoTooLarge = "photo-too-large"
        case passwordIncorrect = "password-incorrect"
        /// Too many SMS from one client, or from the whole service (`scope`, `retryAfter`).
        case smsRateLimited = "sms-rate-limited"
        /// The application does not exist or is not the caller's.
        case applicationNotFound = "application-not-found"
        /// The evaluator refused the application (`reasons`): nothing was saved.
        case notEligible = "not-eligible"
        /// Not possible in the application's state (`state`, `allowed`).
        case illegalTransition = "illegal-transition"
        /// Outside the registration window of the exam in the province (`window`).
        case registrationClosed = "registration-closed"
        /// No photo, or the last one was rejected (4.1).
        case photoMissing = "photo-missing"
        /// Confirmation before the photo is approved (4.4).
        case photoNotApproved = "photo-not-approved"
        /// The identity is not (yet) verified (4.1).
        case identityNotVerified = "identity-not-verified"
        /// An education record awaits verification (`record`).
        case educationNotVerified = "education-not-verified"
        /// A degree record awaits verification (`record`).
        case degreeNotVerified = "degree-not-verified"
        /// One application per candidate, exam and year (`application`).
        case alreadyApplied = "already-applied"
        /// The major is outside the exam's catalogue: confirm again with `majorConfirmed: true` (figure 4.4-7).
        case majorConfirmationRequired = "major-confirmation-required"
        /// 失信: the commitment cannot be used; `acknowledge` with the second confirmation.
        case integrityRecord = "integrity-record"
        /// The proof is neither a PDF nor a JPEG.
        case proofNotAccepted = "proof-not-accepted"
        /// The proof is over the size limit (`bytes`, `maximumBytes`).
        case proofTooLarge = "proof-too-large"
        /// Outside the payment window (`window`).
        case paymentClosed = "payment-closed"
        /// The gateway's HMAC-SHA256 signature does not match the body.
        case paymentSignatureInvalid = "payment-signature-invalid"
        /// The notified amount differs from the order's (`expected`).
        case paymentAmountMismatch = "payment-amount-mismatch"
        /// No such payment order.
        case paymentNotFound = "payment-not-found"
        /// The service has no payment key.
        case paymentNotConfigured = "payment-not-configured"
        /// Unknown reviewer or wrong password.
        case reviewerLoginFailed = "reviewer-login-failed"
        /// A reviewer token unknown or idle for 2 hours.
        case reviewerSessionInvalid = "reviewer-session-invalid"
        /// The application is outside the reviewer's province or city, or the role may not do this.
        case outOfScope = "out-of-scope"
        /// verification.update for an unknown account.
        case accountNotFound = "account-not-found"
        /// The exam is not offered in the province.
        case examUnavailable = "exam-unavailable"
        /// The rule files could not be loaded (eligibility methods use -32090…-32099).
        case rulesUnavailable = "rules-unavailable"
        /// The registration form is printed only once the application is confirmed (4.4).
        case formNotAvailable = "form-not-available"
        /// The form could not be printed (fonts missing, a character no font has, a bad photo).
        case formFailed = "form-failed"
        /// `review.photo` named another photo than the candidate's latest (`sha256` of the latest): look again.
        case photoChanged = "photo-changed"
        /// A form's QR payload that is malformed, or whose code is not ours (`reason`: `malformed`, `forged`).
        case formNotGenuine = "form-not-genuine"
        /// The database stayed locked by other processes past the documented wait (`retryAfter`, seconds):
        /// nothing was done, and the same request may be sent again as it is.
        case serverBusy = "server-busy"

        public var number: Int {
            switch self {
            case .captchaMismatch: -32001
            case .captchaExpired: -32002
            case .smsCodeMismatch: -32003
            case .smsCodeExpired: -32004
            case .smsCodeUsed: -32005
            case .smsCodeBurnt: -32006
            case .smsTooSoon: -32007
            case .smsDailyLimit: -32008
            case .agreementNotAccepted: -32009
            case .noticeNotAccepted: -32010
            case .confirmationMismatch: -32011
            case .idAlreadyRegistered: -32012
            case .phoneAlreadyBound: -32013
            case .usernameTaken: -32014
            case .loginFailed: -32015
            case .accountLocked: -32016
            case .sessionInvalid: -32017
            case .recoveryFailed: -32018
            case .resetTokenInvalid: -32019
            case .tooManyRecords: -32020
            case .photoNotJPEG: -32021
            case .photoWrongSize: -32022
            case .photoTooLarge: -32023
            case .passwordIncorrect: -32024
            case .smsRateLimited: -32025
            case .applicationNotFound: -32050
            case .notEligible: -32051
            case .illegalTransition: -32052
            case .registrationClosed: -32053
            case .photoMissing: -32054
            case .photoNotApproved: -32055
            case .identityNotVerified: -32056
            case .educationNotVerified: -32057
            case .degreeNotVerified: -32058
            case .alreadyApplied: -32059
            case .majorConfirmationRequired: -32060
            case .integrityRecord: -32061
            case .proofNotAccepted: -32062
            case .proofTooLarge: -32063
            case .paymentClosed: -32064
            case .paymentSignatureInvalid: -32065
            case .paymentAmountMismatch: -32066
            case .paymentNotFound: -32067
            case .paymentNotConfigured: -32068
            case .reviewerLoginFailed: -32069
            case .reviewerSessionInvalid: -32070
            case .outOfScope: -32071
            case .accountNotFound: -32072
            case .examUnavailable: -32073
            case .rulesUnavailable: -32090
            case .formNotAvailable: -32074
            case .formFailed: -32075
            case .photoChanged: -32080
            case .formNotGenuine: -32081
            case .serverBusy: -32000
            }
        }
    }
}
