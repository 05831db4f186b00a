import ArgumentParser
import Foundation
import Persistence
import Service

/// `baokao admin`: operator commands on the service's database (not reachable over JSON-RPC).
struct Admin: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "admin",
        abstract: "Operator commands on the service's database.",
        subcommands: [AddReviewer.self, ReleaseID.self, DisableReviewer.self, ResetReviewerPassword.self]
    )
}

/// `baokao admin add-reviewer --province 110000 [--city 110100] --username … --password …`: a reviewer of an
/// examination authority, scoped to a province (and a city); `--role verifier` for the account the national
/// verification service uses to call `verification.update`.
struct AddReviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "add-reviewer",
        abstract: "Create a reviewer account scoped to a province (and optionally a city)."
    )

    @Option(help: "The SQLite database of `baokao serve` (created and migrated when missing).")
    var db: String = "baokao.sqlite"

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

    func run() throws {
        let parameters = try AdminDatabase.scrypt(scrypt)
        let store = try AdminDatabase.open(db)
        do {
            let id = try Reviewers.add(username: username, password: password, role: role, province: province, city: city,
                                       scrypt: parameters, store: store)
            print("reviewer \(username) (id \(id), \(role)) scoped to \(province)\(city.map { "/\($0)" } ?? "")")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}
