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
    public enum Code: String, Sendable, CaseIterable {
        case captchaMismatch = "captcha-mismatch"
        case captchaExpired = "captcha-expired"
        case smsCodeMismatch = "sms-code-mismatch"
        case smsCodeExpired = "sms-code-expired"
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
        /// The rule files could not be loaded (eligibility methods use -32090…-32099).
        case rulesUnavailable = "rules-unavailable"

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
            case .rulesUnavailable: -32090
            }
        }
    }
}
