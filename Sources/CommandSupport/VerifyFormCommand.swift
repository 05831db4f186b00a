import ArgumentParser
import FormLayout
import Foundation
import Persistence
import Service

/// `verify-form PAYLOAD` (`baokao verify-form`; `baokao-server verify-form` for records in PostgreSQL): checks
/// the payload of a form's QR code (`<application number>-<code>`) under the form key. Prints `genuine <application number>` and exits 0, or says why not and exits 1.
///
/// With `--db`, also prints (JSON) the key fields the service's record prints for that application — masked
/// name and ID number, exam, level, subjects … — to compare with the paper: a genuine code copied onto an
/// edited form passes the code check alone.
public struct VerifyFormCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration { CommandConfiguration(
        commandName: "verify-form",
        abstract: "Check the QR payload of a registration form (genuine, or altered/forged); with --db, print its key fields.",
        discussion: """
            The key is --key, else $BAOKAO_FORM_KEY; without one the command refuses unless --demo asks for \
            the public demo key "\(FormVerifier.demoKey)". The code covers only the application number and a \
            short digest of the key fields: compare the fields --db prints with the paper.
            """
    ) }

    @OptionGroup var rules: RulesOption

    @Option(help: "The form key (default: $BAOKAO_FORM_KEY).")
    var key: String?

    @Flag(help: "Without a form key, check against the public demo key (demonstrations and tests only).")
    var demo = false

    @Option(help: ArgumentHelp(Database.databaseHelp + " Print the key fields its record prints for this form (JSON).", valueName: "db"))
    var db: String?

    @Argument(help: "The payload read from the form's QR code.")
    var payload: String

    public init() {}

    /// `baokao verify-form`, `baokao-server verify-form`: the start of every message.
    static var command: String { "\(Database.program) verify-form" }

    /// What to run instead when `--db` is a URL this program cannot open.
    static var instead: String { "`baokao-server verify-form --db postgres://… PAYLOAD`" }

    public func run() throws {
        // Before the code is checked: a URL this program cannot open is a mistake whatever the payload.
        if let db, Database.postgres == nil { try CommandDatabase.refusePostgres(db, command: Self.command, instead: Self.instead) }
        let key = try SecretSources.formKey(option: self.key, demo: demo, command: Self.command, demoKey: FormVerifier.demoKey)
        if key.value == FormVerifier.demoKey { FileOutput.standardError.write("\(Self.command): using the public demo key (--demo)\n") }
        let payload = self.payload.trimmingCharacters(in: .whitespacesAndNewlines)
        switch FormVerifier(key: key.value).verify(payload) {
        case .genuine(let number):
            guard let db else {
                print("genuine \(number)")
                return
            }
            try printKeyFields(db: db, key: key.value)
        case .malformed:
            FileOutput.standardError.write("\(Self.command): not a form payload: expected <application number>-<24-character code>\n")
            throw ExitCode(1)
        case .forged:
            FileOutput.standardError.write("\(Self.command): the code does not match: the payload was altered, or issued under another key\n")
            throw ExitCode(1)
        }
    }

    /// The record's key fields, through the same lookup as `review.verifyForm` (operator scope: every province).
    func printKeyFields(db: String, key: String) throws {
        let store = try CommandDatabase.open(db, Database.self, command: Self.command,
                                             instead: Self.instead, mustExist: true)
        defer { store.closeConnections() }
        var configuration = ServiceConfiguration()
        configuration.formKey = key
        let (folder, display) = rules.folder()
        configuration.rules = RulesSource(folder: folder, display: display)
        switch FormCheck.keyFields(payload: payload, service: BaokaoService(store: store, configuration: configuration)) {
        case .success(let fields):
            print(fields.serialized)
            if fields["matchesRecord"] != .bool(true) {
                FileOutput.standardError.write("\(Self.command): the record no longer prints the fields this code was issued for: the paper is an older version\n")
                throw ExitCode(1)
            }
        case .failure(let error):
            FileOutput.standardError.write("\(Self.command): \(error.message)\(error.data.map { " \($0.serialized)" } ?? "")\n")
            throw ExitCode(1)
        }
    }
}
