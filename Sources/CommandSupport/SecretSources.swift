import ArgumentParser
import Foundation

/// Where the commands' secrets come from, and what they say about it on stderr.
///
/// A secret on the command line is visible to every user of the machine (`ps`, `/proc/PID/cmdline`); one in
/// the environment or a file readable only by the operator is not. The public demo keys are used only when
/// asked for with `--demo`: a service that signs with a published key silently lets anyone forge its forms.
public enum SecretSources {
    /// A secret and a description of its source for the start log (never the secret itself).
    public struct Secret: Sendable {
        public let value: String
        public let source: String
    }

    public static func environment(_ name: String) -> String? {
        ProcessInfo.processInfo.environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    /// The form key: `--key` (form, verify-form), else `$BAOKAO_FORM_KEY`, else — with `--demo` only — the
    /// public demo key. Without any, the command refuses to start (exit 64) and says what to set. `command` is
    /// the program as the user typed it (`baokao serve`, `baokao-server`), for the message.
    public static func formKey(option: String?, demo: Bool, command: String, demoKey: String) throws -> Secret {
        if let option, !option.isEmpty { return Secret(value: option, source: "--key") }
        if let key = environment("BAOKAO_FORM_KEY") { return Secret(value: key, source: "$BAOKAO_FORM_KEY") }
        if demo { return Secret(value: demoKey, source: "the public demo key (--demo): anyone can forge these forms' QR codes") }
        FileOutput.standardError.write("""
            \(command): no form key: set BAOKAO_FORM_KEY to a secret of your own (the forms' QR codes are signed with it); \
            --demo uses the public demo key, for demonstrations and tests only\n
            """)
        throw ExitCodes.usage
    }

    /// The payment gateway's key: `--payment-key-file FILE` (its first line), else `--payment-key` (kept for
    /// tests, with a warning: the process list shows it), else `$BAOKAO_PAYMENT_KEY`, else the demo key with
    /// `--demo`; nil when there is none (payments then cannot be notified).
    public static func paymentKey(file: String?, option: String?, demo: Bool, demoKey: String, command: String) throws -> Secret? {
        if file != nil, option != nil {
            FileOutput.standardError.write("\(command): give --payment-key-file or --payment-key, not both\n")
            throw ExitCodes.usage
        }
        if let file {
            guard let data = FileManager.default.contents(atPath: file) else {
                FileOutput.standardError.write("\(command): cannot read --payment-key-file \(file)\n")
                throw ExitCodes.ioFailure
            }
            let key = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
            guard !key.trimmingCharacters(in: .whitespaces).isEmpty else {
                FileOutput.standardError.write("\(command): --payment-key-file \(file) is empty\n")
                throw ExitCodes.usage
            }
            return Secret(value: key, source: "--payment-key-file")
        }
        if let option, !option.isEmpty {
            FileOutput.standardError.write("""
                \(command): warning: --payment-key is visible to every user of this machine in the process list; \
                use --payment-key-file FILE or $BAOKAO_PAYMENT_KEY\n
                """)
            return Secret(value: option, source: "--payment-key (visible in the process list)")
        }
        if let key = environment("BAOKAO_PAYMENT_KEY") { return Secret(value: key, source: "$BAOKAO_PAYMENT_KEY") }
        return demo ? Secret(value: demoKey, source: "the public demo key (--demo)") : nil
    }
}
