import ArgumentParser
import CommandSupport
import Foundation
import Persistence
import Service

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "The JSON-RPC 2.0 service over stdin/stdout, persisted in SQLite.",
        discussion: """
            One JSON-RPC 2.0 message per line on stdin, one answer per line on stdout, logs (one JSON object \
            per line) on stderr or --log. Ends at EOF after answering everything read. Methods: Docs/service.md. \
            The same service over HTTP: baokao-server.
            """
    )

    @Option(help: "The SQLite database (created and migrated when missing).")
    var db: String = "baokao.sqlite"

    @OptionGroup var options: ServiceOptions

    func run() throws {
        signal(SIGPIPE, SIG_IGN)
        try CommandDatabase.refusePostgres(db, command: "baokao serve",
                                           instead: "`baokao-server --db postgres://…` (the same JSON-RPC over HTTP, POST /rpc)")
        let setup = try options.setup(command: "baokao serve")
        let store: Store
        do {
            store = try Store(path: db)
        } catch {
            FileOutput.standardError.write("baokao serve: cannot open database \(db): \(error)\n")
            throw ExitCode(74)
        }
        let serviceLog = setup.log, serviceClock = setup.clock
        let service = BaokaoService(store: store, configuration: setup.configuration, clock: serviceClock, log: serviceLog)
        serviceLog.write("start", at: serviceClock.now(), [
            "db": .string(db), "captcha": .string(options.captcha.rawValue), "methods": .int(service.methods.names.count),
            "demo": .bool(options.demo), "formKey": .string(setup.formKeySource),
            "paymentKey": .string(setup.paymentKeySource ?? "none: payment.notify refuses everything"),
            "allocator": .string(MemoryAllocator.name),
        ])
        let loop = StdioLoop(service: service)
        func stopFields() -> [String: JSONValue] {
            let threads = loop.threadTimes
            func seconds(_ value: Double?) -> JSONValue { value.map { .number(String(format: "%.3f", $0)) } ?? .null }
            return ["writes": service.writeStatistics.json, "cpuSeconds": ServiceOptions.cpuSeconds(),
                    "threadCpuSeconds": ["reading": seconds(threads.reading), "transactions": seconds(threads.transactions),
                                         "writing": seconds(threads.writing)]]
        }
        do {
            try loop.run()
        } catch {
            serviceLog.write("stop", at: serviceClock.now(),
                             stopFields().merging(["reason": "stdout closed", "errno": .int(Int(error.errno))]) { _, new in new })
            throw ExitCode(74)
        }
        serviceLog.write("stop", at: serviceClock.now(), stopFields().merging(["reason": "eof"]) { _, new in new })
    }
}
