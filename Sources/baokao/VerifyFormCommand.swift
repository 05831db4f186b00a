import CommandSupport
import ArgumentParser
import FormLayout
import Foundation
import Persistence
import Service

/// `baokao verify-form PAYLOAD`: checks the payload of a form's QR code (`<application number>-<code>`) under
/// the form key. Prints `genuine <application number>` and exits 0, or says why not and exits 1.
///
/// With `--db`, also prints (JSON) the key fields the service's record prints for that application — masked
/// name and ID number, exam, level, subjects … — to compare with the paper: a genuine code copied onto an
/// edited form passes the code check alone.
struct VerifyForm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-form",
        abstract: "Check the QR payload of a registration form (genuine, or altered/forged); with --db, print its key fields.",
        discussion: """
            The key is --key, else $BAOKAO_FORM_KEY; without one the command refuses unless --demo asks for \
            the public demo key "\(FormVerifier.demoKey)". The code covers only the application number and a \
            short digest of the key fields: compare the fields --db prints with the paper.
            """
    )

    @OptionGroup var rules: RulesOption

    @Option(help: "The form key (default: $BAOKAO_FORM_KEY).")
    var key: String?

    @Flag(help: "Without a form key, check against the public demo key (demonstrations and tests only).")
    var demo = false

    @Option(help: "The database of `baokao serve`: print the key fields its record prints for this form (JSON).")
    var db: String?

    @Argument(help: "The payload read from the form's QR code.")
    var payload: String

    func run() throws {
        let key = try SecretSources.formKey(option: self.key, demo: demo, command: "baokao verify-form", demoKey: FormVerifier.demoKey)
        if key.value == FormVerifier.demoKey { FileOutput.standardError.write("baokao verify-form: using the public demo key (--demo)\n") }
        let payload = self.payload.trimmingCharacters(in: .whitespacesAndNewlines)
        switch FormVerifier(key: key.value).verify(payload) {
        case .genuine(let number):
            guard let db else {
                print("genuine \(number)")
                return
            }
            try printKeyFields(db: db, key: key.value)
        case .malformed:
            FileOutput.standardError.write("baokao verify-form: not a form payload: expected <application number>-<24-character code>\n")
            throw ExitCode(1)
        case .forged:
            FileOutput.standardError.write("baokao verify-form: the code does not match: the payload was altered, or issued under another key\n")
            throw ExitCode(1)
        }
    }

    /// The record's key fields, through the same lookup as `review.verifyForm` (operator scope: every province).
    func printKeyFields(db: String, key: String) throws {
        guard FileManager.default.fileExists(atPath: db) else {
            FileOutput.standardError.write("baokao verify-form: no database \(db)\n")
            throw ExitCodes.ioFailure
        }
        let store: Store
        do { store = try Store(path: db) } catch {
            FileOutput.standardError.write("baokao verify-form: cannot open database \(db): \(error)\n")
            throw ExitCodes.ioFailure
        }
        var configuration = ServiceConfiguration()
        configuration.formKey = key
        let (folder, display) = rules.folder()
        configuration.rules = RulesSource(folder: folder, display: display)
        switch FormCheck.keyFields(payload: payload, service: BaokaoService(store: store, configuration: configuration)) {
        case .success(let fields):
            print(fields.serialized)
            if fields["matchesRecord"] != .bool(true) {
                FileOutput.standardError.write("baokao verify-form: the record no longer prints the fields this code was issued for: the paper is an older version\n")
                throw ExitCode(1)
            }
        case .failure(let error):
            FileOutput.standardError.write("baokao verify-form: \(error.message)\(error.data.map { " \($0.serialized)" } ?? "")\n")
            throw ExitCode(1)
        }
    }
}
