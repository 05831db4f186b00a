import ArgumentParser
import FormLayout
import Foundation

/// `baokao verify-form PAYLOAD`: checks the payload of a form's QR code (`<application number>-<code>`) under
/// the form key. Prints `genuine <application number>` and exits 0, or says why not and exits 1.
struct VerifyForm: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-form",
        abstract: "Check the QR payload of a registration form (genuine, or altered/forged).",
        discussion: """
            The key is --key, else $BAOKAO_FORM_KEY, else the documented demo key \
            "\(FormVerifier.demoKey)" — which is public: set your own key in production.
            """
    )

    @Option(help: "The form key (default: $BAOKAO_FORM_KEY, else the public demo key).")
    var key: String?

    @Argument(help: "The payload read from the form's QR code.")
    var payload: String

    func run() throws {
        let key = self.key ?? ProcessInfo.processInfo.environment["BAOKAO_FORM_KEY"].flatMap { $0.isEmpty ? nil : $0 }
        if key == nil { FileOutput.standardError.write("baokao verify-form: using the public demo key; set BAOKAO_FORM_KEY\n") }
        let verifier = FormVerifier(key: key ?? FormVerifier.demoKey)
        switch verifier.verify(payload.trimmingCharacters(in: .whitespacesAndNewlines)) {
        case .genuine(let number):
            print("genuine \(number)")
        case .malformed:
            FileOutput.standardError.write("baokao verify-form: not a form payload: expected <application number>-<24-character code>\n")
            throw ExitCode(1)
        case .forged:
            FileOutput.standardError.write("baokao verify-form: the code does not match: the payload was altered, or issued under another key\n")
            throw ExitCode(1)
        }
    }
}
