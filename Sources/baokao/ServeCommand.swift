import ArgumentParser
import FormLayout
import Foundation
import Persistence
import Service

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The JSON-RPC 2.0 service over stdin/stdout, persisted in SQLite.",
        discussion: """
            One JSON-RPC 2.0 message per line on stdin, one answer per line on stdout, logs (one JSON object \
            per line) on stderr or --log. Ends at EOF after answering everything read. Methods: Docs/service.md.
            """
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The SQLite database (created and migrated when missing).")
    var db: String = "baokao.sqlite"

    @Option(help: "on: login, photo upload, recovery-question changes and answers, anonymous SMS and the application save need a captcha; off when the calling system checks its own.")
    var captcha: Toggle = .on

    @Option(help: "Append the log here instead of stderr.")
    var log: String?

    @Option(help: "Start the service's clock at this instant (ISO 8601 or Unix seconds; default: $BAOKAO_NOW, else now). Time then runs normally.")
    var clock: String?

    @Option(help: ArgumentHelp("scrypt cost N,r,p of new password hashes (default 131072,8,1).", visibility: .hidden))
    var scrypt: String?

    @Option(help: "Largest photo accepted, in bytes (default 102400).")
    var photoMaxBytes: Int?

    @Option(help: "Photo size in pixels, WIDTHxHEIGHT (default 295x413, the manual's 1-inch photo).")
    var photoSize: String?

    @Option(help: "A file whose first line is the key the payment gateway signs payment.notify with, HMAC-SHA256 (else $BAOKAO_PAYMENT_KEY; without one payments cannot be notified).")
    var paymentKeyFile: String?

    @Option(help: ArgumentHelp("The payment key itself: for tests only, every user of the machine sees it in the process list.", visibility: .hidden))
    var paymentKey: String?

    @Flag(help: ArgumentHelp("Scripted demonstrations only, never in production: SMS codes are 246810, session tokens demo-session-USERNAME-N, reset tokens demo-reset-USERNAME-N, and forms are signed with the public demo key when $BAOKAO_FORM_KEY is not set.", visibility: .hidden))
    var demo = false

    enum Toggle: String, ExpressibleByArgument { case on, off }

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        var configuration = ServiceConfiguration()
        configuration.captchaEnabled = captcha == .on
        if let photoMaxBytes { configuration.photo.maximumBytes = photoMaxBytes }
        if let photoSize {
            let parts = photoSize.lowercased().split(separator: "x").compactMap { Int($0) }
            guard parts.count == 2, parts.allSatisfy({ $0 > 0 }) else { throw ValidationError("--photo-size wants WIDTHxHEIGHT, e.g. 295x413") }
            (configuration.photo.width, configuration.photo.height) = (parts[0], parts[1])
        }
        configuration.demoMode = demo
        let formKey = try SecretSources.formKey(option: nil, demo: demo, command: "serve", demoKey: FormVerifier.demoKey)
        configuration.formKey = formKey.value
        let payment = try SecretSources.paymentKey(file: paymentKeyFile, option: paymentKey, demo: demo, demoKey: ServiceConfiguration.demoPaymentKey)
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
                FileOutput.standardError.write("baokao serve: cannot open log file \(log)\n")
                throw ExitCode(74)
            }
            handle.seekToEndOfFile()
            logHandle = handle
        } else {
            logHandle = .standardError
        }
        let store: Store
        do {
            store = try Store(path: db)
        } catch {
            FileOutput.standardError.write("baokao serve: cannot open database \(db): \(error)\n")
            throw ExitCode(74)
        }
        let serviceLog = ServiceLog(handle: logHandle)
        let service = BaokaoService(store: store, configuration: configuration, clock: serviceClock, log: serviceLog)
        serviceLog.write("start", at: serviceClock.now(), [
            "db": .string(db), "captcha": .string(captcha.rawValue), "methods": .int(service.methods.names.count),
            "demo": .bool(demo), "formKey": .string(formKey.source), "paymentKey": .string(payment?.source ?? "none: payment.notify refuses everything"),
        ])
        do {
            try StdioLoop(service: service).run()
        } catch {
            serviceLog.write("stop", at: serviceClock.now(), ["reason": "stdout closed", "errno": .int(Int(error.errno)),
                                                              "writes": service.writeStatistics.json, "cpuSeconds": Serve.cpuSeconds()])
            throw ExitCode(74)
        }
        serviceLog.write("stop", at: serviceClock.now(), ["reason": "eof", "writes": service.writeStatistics.json, "cpuSeconds": Serve.cpuSeconds()])
    }

    /// The CPU time (user + system) this process used so far: the benchmarks divide it by the requests
    /// answered, a figure far steadier than wall time on a shared machine.
    static func cpuSeconds() -> JSONValue {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        let seconds = Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
        return .number(String(format: "%.3f", seconds))
    }
}
