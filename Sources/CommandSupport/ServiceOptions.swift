import ArgumentParser
import FormLayout
import Foundation
import Service

/// The options of the service that `baokao serve` (stdio) and `baokao-server` (HTTP) both take, and what they
/// make: the service's configuration, its clock, its log and the sources of its keys.
///
/// One group, so the two transports cannot drift apart: a flag added here is a flag of both.
public struct ServiceOptions: ParsableArguments {
    @OptionGroup public var rules: RulesOption

    @Option(help: "on: login, photo upload, recovery-question changes and answers, anonymous SMS and the application save need a captcha; off when the calling system checks its own.")
    public var captcha: Toggle = .on

    @Option(help: "Append the log here instead of stderr.")
    public var log: String?

    @Option(help: "Start the service's clock at this instant (ISO 8601 or Unix seconds; default: $BAOKAO_NOW, else now). Time then runs normally.")
    public var clock: String?

    @Option(help: ArgumentHelp("scrypt cost N,r,p of new password hashes (default 131072,8,1).", visibility: .hidden))
    public var scrypt: String?

    @Option(help: "Largest photo accepted, in bytes (default 102400).")
    public var photoMaxBytes: Int?

    @Option(help: "Photo size in pixels, WIDTHxHEIGHT (default 295x413, the manual's 1-inch photo).")
    public var photoSize: String?

    @Option(help: "A file whose first line is the key the payment gateway signs payment.notify with, HMAC-SHA256 (else $BAOKAO_PAYMENT_KEY; without one payments cannot be notified).")
    public var paymentKeyFile: String?

    @Option(help: ArgumentHelp("The payment key itself: for tests only, every user of the machine sees it in the process list.", visibility: .hidden))
    public var paymentKey: String?

    @Flag(help: ArgumentHelp("Scripted demonstrations only, never in production: SMS codes are 246810, session tokens demo-session-USERNAME-N, reset tokens demo-reset-USERNAME-N, and forms are signed with the public demo key when $BAOKAO_FORM_KEY is not set.", visibility: .hidden))
    public var demo = false

    public enum Toggle: String, ExpressibleByArgument, Sendable { case on, off }

    public init() {}

    /// What the options make, ready for a `BaokaoService` (or one per worker thread: they share all of it).
    public struct Setup: Sendable {
        public var configuration: ServiceConfiguration
        public let clock: any ServiceClock
        public let log: ServiceLog
        /// For the start line of the log: where each key came from, never the key.
        public let formKeySource: String
        public let paymentKeySource: String?
    }

    /// Reads the options, the keys' sources and the log file. `command` names the program in messages
    /// (`baokao serve`, `baokao-server`). Throws a usage error (64) or an I/O failure (74) with its message
    /// already on stderr.
    public func setup(command: String) throws -> Setup {
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = captcha == .on
        if let photoMaxBytes { configuration.photo.maximumBytes = photoMaxBytes }
        if let photoSize {
            let parts = photoSize.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--photo-size wants WIDTHxHEIGHT, e.g. 295x413") }
            (configuration.photo.width, configuration.photo.height) = (parts[0], parts[1])
        }
        configuration.demoMode = demo
        let formKey = try SecretSources.formKey(option: nil, demo: demo, command: command, demoKey: FormVerifier.demoKey)
        configuration.formKey = formKey.value
        let payment = try SecretSources.paymentKey(file: paymentKeyFile, option: paymentKey, demo: demo,
                                                   demoKey: ServiceConfiguration.demoPaymentKey, command: command)
        configuration.paymentKey = payment?.value
        let (rulesFolder, rulesDisplay) = rules.folder()
        configuration.rules = RulesSource(folder: rulesFolder, display: rulesDisplay)
        if let scrypt {
            let parts = scrypt.split(separator: ",").compactMap { Int($0) }
            guard parts.count == 3, parts[0] > 1, parts[0] & (parts[0] - 1) == 0, parts[1] > 0, parts[2] > 0 else {
                throw ValidationError("--scrypt wants N,r,p with N a power of two, e.g. 131072,8,1")
            }
            configuration.scrypt = ScryptParameters(rounds: parts[0], blockSize: parts[1], parallelism: parts[2])
        }
        var serviceClock: any ServiceClock = SystemClock()
        if let start = clock ?? ProcessInfo.processInfo.environment["BAOKAO_NOW"] {
            guard let instant = OffsetClock.parseInstant(start) else {
                throw ValidationError("--clock / BAOKAO_NOW: cannot read “\(start)” as ISO 8601 (2026-03-01T09:00:00+08:00) or Unix seconds")
            }
            serviceClock = OffsetClock(start: instant)
        }
        let logHandle: FileHandle
        if let log {
            if !FileManager.default.fileExists(atPath: log) { _ = FileManager.default.createFile(atPath: log, contents: nil) }
            guard let handle = FileHandle(forWritingAtPath: log) else {
                FileOutput.standardError.write("\(command): cannot open log file \(log)\n")
                throw ExitCode(74)
            }
            handle.seekToEndOfFile()
            logHandle = handle
        } else {
            logHandle = .standardError
        }
        return Setup(configuration: configuration, clock: serviceClock, log: ServiceLog(handle: logHandle),
                     formKeySource: formKey.source, paymentKeySource: payment?.source)
    }

    /// The CPU time (user + system) this process used so far: the benchmarks divide it by the requests
    /// answered, a figure far steadier than wall time on a shared machine.
    public static func cpuSeconds() -> JSONValue {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return .number(String(format: "%.3f", seconds))
    }
}
