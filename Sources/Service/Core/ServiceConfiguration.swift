import Foundation

/// Everything about the service that an operator or a test may set. The defaults are production values.
public struct ServiceConfiguration: Sendable {
    /// Off when the calling system checks its own captcha (`--captcha off`); captchas are then not asked for.
    public var captchaEnabled = true
    /// Cost of the password and recovery-answer hashes. Production default: N = 2^17, r = 8, p = 1 (128 MiB,
    /// about a third of a second); tests lower it. Each hash keeps the parameters it was made with.
    public var scrypt = ScryptParameters.production
    public var photo = PhotoRules()
    public var captchaLifetime: TimeInterval = 5 * 60
    public var smsCodeLifetime: TimeInterval = 5 * 60
    public var smsMinimumInterval: TimeInterval = 60
    public var smsDailyLimit = 10
    public var smsWrongTriesAllowed = 5
    public var sessionIdleTimeout: TimeInterval = 2 * 3600
    /// How long a session lasts however busy it is, from its login.
    public var sessionLifetime: TimeInterval = 12 * 3600
    /// SMS sent by the whole service: at most this many per minute and per hour (`sms-rate-limited`,
    /// `scope: global`); a burst beyond them is an attack or a fault, not candidates.
    public var smsGlobalPerMinute = 120
    public var smsGlobalPerHour = 3000
    /// SMS requested by one client (`client` param, or the account for `change-phone`) per hour.
    public var smsClientPerHour = 10
    public var loginFailuresBeforeLock = 5
    public var lockDuration: TimeInterval = 15 * 60
    public var resetTokenLifetime: TimeInterval = 30 * 60
    public var maximumEducationRecords = 5
    public var maximumDegreeRecords = 5
    /// Scripted demonstrations (`baokao serve --demo`, `make demo`): a script piped in cannot read an SMS off
    /// a phone or a token out of an earlier answer, so SMS codes are `246810` and tokens predictable
    /// (`demo-session-USERNAME-N`, `demo-reset-USERNAME-N`, N counting from 1). Never in production.
    public var demoMode = false

    public static let demoSMSCode = "246810"

    /// The key the payment gateway signs its notifications with (HMAC-SHA256 over the body); without one,
    /// `payment.notify` refuses everything. `--payment-key` / `$BAOKAO_PAYMENT_KEY`; `--demo` uses `demoPaymentKey`.
    public var paymentKey: String?
    public static let demoPaymentKey = "demo-payment-key"
    /// Largest proof document (4.3) accepted by `application.uploadProof`.
    public var proofMaximumBytes = 2 * 1024 * 1024
    /// How long an idle reviewer session lasts.
    public var reviewerIdleTimeout: TimeInterval = 2 * 3600

    /// The rule set for `eligibility.evaluate` and `rules.list`, loaded on first use (accounts need none).
    public var rules: RulesSource?
    /// The key of the forms' QR verification code (`baokao verify-form` checks it); nil uses the public demo key.
    public var formKey: String?
    /// The registration-form renderer, made on first use (fonts load once per process).
    public var forms = FormsSource()

    /// Group commit and back-pressure (`RequestPipeline`).
    public var writes = WritePolicy()

    public init() {}
}

/// How write requests share transactions, and how long a request waits for a busy database.
public struct WritePolicy: Sendable {
    /// Most requests one transaction carries.
    public var maximumGroup = 256
    /// A group takes no more savepoints once it has held the write lock this long (seconds): others wait on it.
    public var groupTimeBudget: TimeInterval = 0.002
    /// Tries of a transaction that found the database locked (each after the busy handler's wait,
    /// `Store.defaultLockWait`), before its requests are refused `server-busy`. The store may try more, with
    /// pauses of its own (`ServiceStore.pauseBeforeRetry`: PostgreSQL's serialisation failures come at once).
    public var attempts = 3
    /// The `retryAfter` of `server-busy`, in seconds.
    public var retryAfter = 1

    public init() {}
}

/// The manual's photo: a 1-inch JPEG of 295×413 pixels, at most 100 KB.
public struct PhotoRules: Sendable {
    public var width = 295
    public var height = 413
    public var maximumBytes = 100 * 1024

    public init() {}

    public init(width: Int, height: Int, maximumBytes: Int) {
        self.width = width
        self.height = height
        self.maximumBytes = maximumBytes
    }
}
