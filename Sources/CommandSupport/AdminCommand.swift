import ArgumentParser
import Foundation
import Persistence
import Service

/// `admin`: operator commands on the service's database (not reachable over JSON-RPC). `baokao admin` on a
/// SQLite file and `baokao-server admin` on SQLite or PostgreSQL are this one command.
public struct AdminCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "admin",
            abstract: "Operator commands on the service's database.",
            subcommands: [AddReviewerCommand<Database>.self, ReleaseIDCommand<Database>.self,
                          DisableReviewerCommand<Database>.self, ResetReviewerPasswordCommand<Database>.self]
        )
    }

    public init() {}

    /// `baokao admin`, `baokao-server admin`: the start of every message.
    static var command: String { "\(Database.program) admin" }

    /// Opens `--db` (or the program's default) for an admin subcommand named `subcommand`.
    static func open(_ db: String?, subcommand: String) throws -> any ServiceStore {
        try CommandDatabase.open(db ?? Database.defaultDatabase, Database.self, command: command,
                                 instead: "`baokao-server admin \(subcommand) --db postgres://…`")
    }

    /// The hidden `--scrypt N,r,p` of the operator commands (tests use cheap hashes).
    static func scrypt(_ text: String?) throws -> ScryptParameters {
        guard let text else { return .production }
        let parts = text.split(separator: ",").compactMap { Int($0) }
        guard parts.count == 3, parts[0] > 1, parts[0] & (parts[0] - 1) == 0, parts[1] > 0, parts[2] > 0 else {
            throw ValidationError("--scrypt wants N,r,p with N a power of two, e.g. 32768,8,1")
        }
        return ScryptParameters(rounds: parts[0], blockSize: parts[1], parallelism: parts[2])
    }
}

/// `admin add-reviewer --province 110000 [--city 110100] --username … --password …`: a reviewer of an
/// examination authority, scoped to a province (and a city); `--role verifier` for the account the national
/// verification service uses to call `verification.update`.
public struct AddReviewerCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "add-reviewer", abstract: "Create a reviewer account scoped to a province (and optionally a city).")
    }

    @Option(help: ArgumentHelp(Database.databaseHelp + " Created and migrated when missing.", valueName: "db"))
    var db: String?

    @Option(help: "Province code, e.g. 110000.")
    var province: String

    @Option(help: "City code within the province, e.g. 110100 (default: the whole province).")
    var city: String?

    @Option(help: "Login name of the reviewer.")
    var username: String

    @Option(help: "Password (8 characters or more).")
    var password: String

    @Option(help: "reviewer (reviews applications and photos in scope) or verifier (reports national verification results).")
    var role: String = "reviewer"

    @Option(help: ArgumentHelp("scrypt cost N,r,p of the password hash (default 131072,8,1).", visibility: .hidden))
    var scrypt: String?

    public init() {}

    public func run() throws {
        let parameters = try AdminCommand<Database>.scrypt(scrypt)
        let store = try AdminCommand<Database>.open(db, subcommand: "add-reviewer")
        defer { store.closeConnections() }
        do {
            let id = try Reviewers.add(username: username, password: password, role: role, province: province, city: city,
                                       scrypt: parameters, store: store)
            print("reviewer \(username) (id \(id), \(role)) scoped to \(province)\(city.map { "/\($0)" } ?? "")")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}

/// `admin release-id --id-type resident-id --id-number … --reason …`: the examination authority's reset of a
/// document registered by someone else (Docs/service.md, "The examination authority's side").
public struct ReleaseIDCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(
            commandName: "release-id",
            abstract: "Close the account holding an ID document so that the document can register again.",
            discussion: """
                For a candidate whose ID number is already registered by someone else, after the authority checked \
                the candidate's papers in person. The old account keeps its history but logs in no more, and its \
                phone is unbound.
                """
        )
    }

    @Option(help: ArgumentHelp(Database.databaseHelp, valueName: "db"))
    var db: String?

    @Option(help: "The ID type: resident-id, passport, … (or its Chinese name).")
    var idType: String = "resident-id"

    @Option(help: "The document number.")
    var idNumber: String

    @Option(help: "Why (for the audit), e.g. the case number of the authority's check.")
    var reason: String

    public init() {}

    public func run() throws {
        let store = try AdminCommand<Database>.open(db, subcommand: "release-id")
        defer { store.closeConnections() }
        do {
            let released = try AccountRelease.release(idType: idType, idNumber: idNumber, reason: reason, store: store)
            print("released \(released.maskedIDNumber): account \(released.username) (id \(released.accountID)) closed; the document may register again")
        } catch let error as Reviewers.AdminError {
            FileOutput.standardError.write("\(AdminCommand<Database>.command) release-id: \(error.description)\n")
            throw ExitCodes.inputWrong
        }
    }
}
