import ArgumentParser
import CommandSupport
import Foundation
import HTTPService
import Persistence
import Service

/// `baokao-server`: the JSON-RPC service of `baokao serve` over HTTP, with the payment gateway's callback,
/// the forms as PDF, health, readiness and metrics. A separate executable, so that `baokao` links no
/// networking. Routes and their statuses: Docs/openapi.json. Started by `ServerMain` when the first argument is
/// not an operator command.
struct BaokaoServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "baokao-server",
        abstract: "The registration service over HTTP (JSON-RPC at POST /rpc), persisted in SQLite or PostgreSQL.",
        discussion: """
            POST /rpc takes what `baokao serve` takes on a line and answers what it writes. Also: \
            POST /payment/notify/{gateway}, GET /forms/{number}.pdf (Authorization: Bearer TOKEN), \
            GET /health, GET /ready, GET /metrics. SIGTERM or SIGINT: the requests in flight are answered, \
            then the server exits 0. Operator commands, on SQLite or PostgreSQL: `baokao-server admin …` \
            (add-reviewer, disable-reviewer, reset-reviewer-password, release-id) and `baokao-server verify-form`; \
            see `baokao-server admin --help`.
            """
    )

    @Option(help: ArgumentHelp(
        "The database: a SQLite file (created and migrated when missing) or postgres://user@host:port/database.",
        discussion: "Default: $BAOKAO_DB, else baokao.sqlite. The password of a postgres:// URL may come from PGPASSWORD."))
    var db: String?

    /// `--db`, else `BAOKAO_DB`, else `baokao.sqlite`.
    var database: String { db ?? ServerDatabases.defaultDatabase }

    @OptionGroup var options: ServiceOptions

    @Option(help: "The address to listen on (default 127.0.0.1: put a load balancer in front to expose it).")
    var host: String = "127.0.0.1"

    @Option(help: "The port to listen on; 0 picks a free one (the log's `listening` line names it).")
    var port: Int = 8080

    @Option(help: "Worker threads running the service, each with its own connection to the database (default: one per core).")
    var workers: Int = ProcessInfo.processInfo.activeProcessorCount

    @Option(help: "Requests that may wait for a worker; beyond that a request is answered 503 with Retry-After at once.")
    var queue: Int = 64

    @Option(name: .customLong("payment-gateway"),
            help: "A name accepted in POST /payment/notify/{gateway} (repeatable; default: default).")
    var paymentGateways: [String] = []

    @Option(name: .customLong("trusted-proxy"),
            help: "The address of a load balancer whose X-Forwarded-For names the client (repeatable). Others' headers are ignored.")
    var trustedProxies: [String] = []

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port wants 0…65535") }
        guard workers >= 1, workers <= 256 else { throw ValidationError("--workers wants 1…256") }
        guard queue >= 0 else { throw ValidationError("--queue wants 0 or more") }
        for name in paymentGateways where name.isEmpty || !name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) {
            throw ValidationError("--payment-gateway wants letters, digits, - and _ (got “\(name)”)")
        }
    }

    func run() async throws {
        signal(SIGPIPE, SIG_IGN)
        let setup = try options.setup(command: "baokao-server")
        let store: any ServiceStore
        do {
            store = try openStore(database, workers: workers)
        } catch {
            // The error names the server without its password (PostgresURL.redacted); the URL itself may hold one.
            let named = CommandDatabase.isPostgresURL(database) ? "" : " \(database)"
            FileOutput.standardError.write("baokao-server: cannot open database\(named): \(error)\n")
            throw ExitCodes.ioFailure
        }
        var configuration = HTTPServerConfiguration()
        configuration.host = host
        configuration.port = port
        configuration.workers = workers
        configuration.queueCapacity = queue
        if !paymentGateways.isEmpty { configuration.paymentGateways = Set(paymentGateways) }
        configuration.trustedProxies = Set(trustedProxies)
        let log = setup.log, clock = setup.clock
        let core = ServerCore(configuration: configuration, store: store, service: setup.configuration, clock: clock, log: log)
        log.write("start", at: clock.now(), [
            "db": .string(store.location), "captcha": .string(options.captcha.rawValue), "demo": .bool(options.demo),
            "formKey": .string(setup.formKeySource), "paymentKey": .string(setup.paymentKeySource ?? "none: payment.notify refuses everything"),
            "transport": "http", "allocator": .string(MemoryAllocator.name),
        ])
        let server = BaokaoServer(core: core, log: log, clock: clock)
        do {
            try await server.run()
        } catch {
            log.write("stop", at: clock.now(), ["reason": .string("error: \(String(describing: error).prefix(300))"), "cpuSeconds": ServiceOptions.cpuSeconds()])
            FileOutput.standardError.write("baokao-server: \(error)\n")
            throw ExitCodes.ioFailure
        }
        log.write("stop", at: clock.now(), ["reason": "signal", "cpuSeconds": ServiceOptions.cpuSeconds()])
    }
}
