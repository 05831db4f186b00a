// `make bench` (scripts/bench-scaleout, under scripts/with-postgres): the registration service scaled out (issue #15).
//
//   BenchScaleOut [BIN] [--seconds S] [--clients C] [--instances 1,2,3] [--rules DIR]
//
// requests/s, p50 and p99 of account.login (production scrypt), application.save and application.status through
// 1, 2 and 3 `baokao-server` instances on the PostgreSQL database of $BAOKAO_TEST_POSTGRES, and the same through
// one `baokao serve` on SQLite, side by side. C clients (one candidate each, their own application) send one
// request after another for S seconds per point, after a short warm-up: over keep-alive HTTP connections spread
// over the instances, or as C requests in flight on serve's pipes. Errors (any JSON-RPC error, any status but
// 200) are counted, not timed.
import Foundation
import LoopbackTesting
import Persistence
import PostgresStore
import Service

struct Options {
    var bin = ".build/release"
    var seconds = 20.0
    var clients = 16
    var instances = [1, 2, 3]
    var rules = "Rules"

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        if let first = rest.first, !first.hasPrefix("--") { bin = first; rest = rest.dropFirst() }
        while let flag = rest.popFirst() {
            let value = rest.popFirst() ?? ""
            switch flag {
            case "--seconds" where Double(value).map({ $0 > 0 }) == true: seconds = Double(value)!
            case "--clients" where Int(value).map({ $0 > 0 }) == true: clients = Int(value)!
            case "--instances" where !value.split(separator: ",").compactMap({ Int($0) }).isEmpty:
                instances = value.split(separator: ",").compactMap { Int($0) }.filter { $0 > 0 }
            case "--rules": rules = value
            default:
                FileHandle.standardError.write(Data("usage: BenchScaleOut [BIN] [--seconds S] [--clients C] [--instances 1,2,3] [--rules DIR]\n".utf8))
                exit(64)
            }
        }
    }
}

@main
enum BenchScaleOut {
    static func main() async {
        do {
            try await run()
        } catch {
            FileHandle.standardError.write(Data("BenchScaleOut: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run() async throws {
        let options = Options(CommandLine.arguments)
        guard let postgres = ProcessInfo.processInfo.environment["BAOKAO_TEST_POSTGRES"], !postgres.isEmpty else {
            throw BenchFailure("BAOKAO_TEST_POSTGRES is not set; run it through scripts/bench-scaleout (scripts/with-postgres)")
        }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-benchscaleout-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        /// Inside the registration window of the rules' yijian exam in Beijing.
        let instant = Date(timeIntervalSince1970: 1_782_954_000)
        let environment = ["BAOKAO_FORM_KEY": "bench-only-form-key"]
        let serviceArguments = ["--captcha", "off", "--clock", String(Int(instant.timeIntervalSince1970)), "--rules", options.rules]
        let warmUp = min(2, options.seconds / 5)

        let load = (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
        print("machine: \(ProcessInfo.processInfo.activeProcessorCount) cores; load average \(load); \(options.clients) clients, "
              + "\(Int(options.seconds)) s a point after \(warmUp) s of warm-up; each baokao-server with its default workers (one per core)")

        // The same candidates in both stores, through the service itself (production hashing: a few seconds).
        let sqlitePath = folder.appendingPathComponent("bench.sqlite").path
        let sqliteStore = try Store(path: sqlitePath)
        let sqliteCandidates = try BenchCandidate.seed(options.clients, in: sqliteStore, rules: options.rules, instant: instant)
        sqliteStore.closeConnections()
        let postgresStore = try PostgresStore(url: postgres, connections: 2)
        let postgresCandidates = try BenchCandidate.seed(options.clients, in: postgresStore, rules: options.rules, instant: instant)
        postgresStore.closeConnections()

        /// One column of the table: a configuration's three measurements.
        var columns: [(title: String, points: [BenchMethod: Measurement])] = []

        func runPoints(_ measure: (BenchMethod, Double) -> Measurement) -> [BenchMethod: Measurement] {
            var points: [BenchMethod: Measurement] = [:]
            for method in BenchMethod.allCases {
                _ = measure(method, warmUp)
                points[method] = measure(method, options.seconds)
                let m = points[method]!
                FileHandle.standardError.write(Data(String(format: "  %@ %.1f/s p50 %.2f p99 %.2f ms, %d errors\n", method.rawValue, m.rate,
                                                           m.percentile(0.5), m.percentile(0.99), m.errors).utf8))
            }
            return points
        }

        // One `baokao serve` on SQLite.
        FileHandle.standardError.write(Data("baokao serve, SQLite\n".utf8))
        let serve = try ServeChild(options.bin + "/baokao", ["serve", "--db", sqlitePath, "--log", folder.appendingPathComponent("serve.log").path] + serviceArguments,
                                   environment: environment)
        columns.append(("serve, SQLite", runPoints { measureServe(serve, clients: sqliteCandidates, method: $0, seconds: $1) }))
        serve.finish()

        // 1, 2, 3 … instances of baokao-server on PostgreSQL.
        for count in options.instances {
            FileHandle.standardError.write(Data("\(count) × baokao-server, PostgreSQL\n".utf8))
            var servers: [ServerProcess] = []
            for n in 0..<count {
                servers.append(try await ServerProcess.start(["--db", postgres] + serviceArguments,
                                                             log: folder.appendingPathComponent("server-\(count)-\(n).log"), environment: environment,
                                                             executable: URL(fileURLWithPath: options.bin + "/baokao-server")))
            }
            let ports = servers.map(\.port)
            columns.append(("\(count) × server, PostgreSQL", runPoints { measureHTTP(ports: ports, clients: postgresCandidates, method: $0, seconds: $1) }))
            for server in servers { await server.stop() }
        }

        // The table: a row per method, a column per configuration.
        func cell(_ m: Measurement?) -> String {
            guard let m else { return "-" }
            return String(format: "%7.1f/s %6.1f %7.1f", m.rate, m.percentile(0.5), m.percentile(0.99))
        }
        let width = 28
        print("")
        print("method".padding(toLength: 20, withPad: " ", startingAt: 0) + columns.map { $0.title.padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
        print("".padding(toLength: 20, withPad: " ", startingAt: 0) + columns.map { _ in "req/s  p50 ms  p99 ms".padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
        for method in BenchMethod.allCases {
            print(method.rawValue.padding(toLength: 20, withPad: " ", startingAt: 0)
                  + columns.map { cell($0.points[method]).padding(toLength: width, withPad: " ", startingAt: 0) }.joined())
        }
        var failures = 0
        for column in columns {
            for method in BenchMethod.allCases {
                guard let m = column.points[method], m.errors > 0 else { continue }
                failures += m.errors
                print("errors: \(column.title), \(method.rawValue): \(m.errors); first: \(m.firstError ?? "")")
            }
        }
        if failures == 0 { print("errors: none (every answer a result)") }
    }
}
