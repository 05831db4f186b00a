import Foundation
@testable import PostgresStore
import Service
import Testing

/// The operator commands of a PostgreSQL deployment: `baokao-server admin …` acts on the database the servers
/// share, and what it does is what the servers then see; `baokao` refuses a `postgres://` URL (it links no
/// networking) and names the command to run instead.
@Suite struct OperatorCommandTests {
    @Test func theServersAdminCommandsActOnThePostgreSQLTheServersShare() async throws {
        try await withFreshPostgres { url, folder in
            let password = "Shenhe2026pg"
            let added = try runBuilt("baokao-server", ["admin", "add-reviewer", "--db", url, "--province", "110000",
                                                       "--username", "pg-reviewer", "--password", password, "--scrypt", "16,1,1"], in: folder)
            #expect(added.status == 0, "\(added.stderr)")
            #expect(added.stdout == "reviewer pg-reviewer (id 1, reviewer) scoped to 110000\n")
            // No SQLite file was made for it (the server's own --db must not have taken the command's).
            #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).allSatisfy { !$0.contains("sqlite") })

            let server = try await BuiltServer.start(in: folder, db: url, ["--workers", "2", "--scrypt", "16,1,1", "--clock", journeyClockStart])
            defer { server.stop() }
            let login = try await server.call("review.login", ["username": "pg-reviewer", "password": .string(password)])
            let token = try #require(login["result"]?["token"]?.stringValue, "\(login)")
            #expect(try await server.call("review.queue", ["token": .string(token)])["result"] != nil)

            // A new password from a file: the old session ends, the new password opens a new one.
            let passwordFile = folder.appendingPathComponent("new-password")
            try "Neues2026pg\n".write(to: passwordFile, atomically: true, encoding: .utf8)
            let reset = try runBuilt("baokao-server", ["admin", "reset-reviewer-password", "--db", url, "--username", "pg-reviewer",
                                                       "--password-file", passwordFile.path, "--scrypt", "16,1,1"], in: folder)
            #expect(reset.status == 0, "\(reset.stderr)")
            #expect(reset.stdout == "reviewer pg-reviewer: password set; 1 session(s) ended\n")
            #expect(try await server.call("review.queue", ["token": .string(token)])["error"]?["data"]?["code"] == "reviewer-session-invalid")
            let again = try await server.call("review.login", ["username": "pg-reviewer", "password": "Neues2026pg"])
            #expect(again["result"]?["token"]?.stringValue != nil, "\(again)")

            let disabled = try runBuilt("baokao-server", ["admin", "disable-reviewer", "--db", url, "--username", "pg-reviewer"], in: folder)
            #expect(disabled.status == 0, "\(disabled.stderr)")
            let refused = try await server.call("review.login", ["username": "pg-reviewer", "password": "Neues2026pg"])
            #expect(refused["error"]?["data"]?["reason"] == "disabled", "\(refused)")

            // A candidate registered through the server; the authority releases the document on PostgreSQL.
            let journey = try String(contentsOf: repositoryRoot.appendingPathComponent("Examples/journey.jsonl"), encoding: .utf8)
                .split(separator: "\n").prefix(5) // up to "5 registered"
            for line in journey { _ = try await LoopbackClient.post(port: server.port, "/rpc", String(line)) }
            let before = try await server.call("account.login", ["username": "wangxiaopei", "password": "Kaoshi2026"])
            #expect(before["result"]?["token"] != nil, "\(before)")
            let released = try runBuilt("baokao-server", ["admin", "release-id", "--db", url, "--id-number", "11010519491231002X",
                                                          "--reason", "case 2026-001"], in: folder)
            #expect(released.status == 0, "\(released.stderr)")
            #expect(released.stdout.contains("account wangxiaopei"), "\(released.stdout)")
            let after = try await server.call("account.login", ["username": "wangxiaopei", "password": "Kaoshi2026"])
            #expect(after["error"] != nil, "\(after)")
        }
    }

    /// `BAOKAO_DB` names the database of the operator commands as it does the server's.
    @Test func theServersAdminCommandsReadBAOKAO_DBLikeTheServer() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let db = folder.appendingPathComponent("from-env.sqlite").path
        let process = Process()
        process.executableURL = builtExecutable("baokao-server")
        process.arguments = ["admin", "add-reviewer", "--province", "110000", "--username", "env-reviewer", "--password", "Shenhe2026x", "--scrypt", "16,1,1"]
        process.environment = ProcessInfo.processInfo.environment.merging(["BAOKAO_DB": db]) { $1 }
        process.currentDirectoryURL = folder
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(FileManager.default.fileExists(atPath: db))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("baokao.sqlite").path))
    }

    /// Server options before an operator command would be silently dropped: refused instead.
    @Test func serverOptionsBeforeAnOperatorCommandAreRefused() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBuilt("baokao-server", ["--db", "other.sqlite", "admin", "disable-reviewer", "--username", "someone"], in: folder)
        #expect(run.status == 64)
        #expect(run.stderr.contains("Error:"), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty)
    }

    /// `baokao` given a PostgreSQL URL: exit 64, a message naming the `baokao-server` command, no file made.
    @Test(arguments: [
        (["admin", "add-reviewer", "--db", "postgres://ops@db.example:5432/baokao", "--province", "110000", "--username", "someone",
          "--password", "Shenhe2026x"], "baokao-server admin add-reviewer"),
        (["admin", "disable-reviewer", "--db", "postgresql://ops@db.example/baokao", "--username", "someone"], "baokao-server admin disable-reviewer"),
        (["admin", "reset-reviewer-password", "--db", "postgres://ops@db.example/baokao", "--username", "someone", "--password", "Shenhe2026x"],
         "baokao-server admin reset-reviewer-password"),
        (["admin", "release-id", "--db", "postgres://ops@db.example/baokao", "--id-number", "11010519491231002X", "--reason", "r"],
         "baokao-server admin release-id"),
        (["serve", "--db", "postgres://ops@db.example/baokao", "--demo"], "baokao-server --db postgres://"),
        (["verify-form", "--demo", "--db", "postgres://ops@db.example/baokao", "BK2026110000000001-\(String(repeating: "A", count: 24))"],
         "baokao-server verify-form"),
    ])
    func theCommandLineRefusesPostgreSQLAndNamesTheServer(arguments: [String], instead: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let run = try runBuilt("baokao", arguments, in: folder)
        #expect(run.status == 64, "\(run.stderr)")
        #expect(run.stderr.contains("PostgreSQL"), "\(run.stderr)")
        #expect(run.stderr.contains(instead), "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: folder.path).isEmpty, "a file was made for the URL")
    }
}

func temporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-operator-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// An empty database of its own on the server `scripts/with-postgres` started (`BAOKAO_TEST_POSTGRES`; without
/// it the test fails, never skips), and a temporary folder; both removed afterwards.
func withFreshPostgres(_ body: (_ url: String, _ folder: URL) async throws -> Void) async throws {
    let text = try #require(ProcessInfo.processInfo.environment["BAOKAO_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 },
                            "BAOKAO_TEST_POSTGRES is not set: run the tests through `make test` or `scripts/with-postgres swift test`")
    let server = try PostgresURL(text)
    let name = "baokao_ops_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    let admin = try PostgresStore(url: server, connections: 1, migrate: false)
    defer { admin.closeConnections() }
    try admin.withSession { _ = try $0.run("CREATE DATABASE \(name)") }
    defer { _ = try? admin.withSession { try $0.run("DROP DATABASE IF EXISTS \(name) WITH (FORCE)") } }
    let folder = try temporaryFolder()
    defer { try? FileManager.default.removeItem(at: folder) }
    try await body(server.with(database: name).redacted, folder) // trust logins: no password to lose
}
