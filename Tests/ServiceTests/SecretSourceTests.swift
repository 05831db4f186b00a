import Foundation
@testable import Service
import Testing

/// Where `baokao serve` takes its secrets from: never silently the public demo form key, and the payment key
/// from a file or the environment rather than the command line every user of the machine can read.
@Suite struct SecretSourceTests {
    let folder = temporaryDirectory()

    /// Runs `serve` on one request with `formKey` as `$BAOKAO_FORM_KEY` (nil: none); returns status, stdout, stderr.
    func serve(_ extra: [String], formKey: String?, environment: [String: String] = [:], input: String = "") throws -> (Int32, String, String) {
        var env = ProcessInfo.processInfo.environment
        env["BAOKAO_FORM_KEY"] = formKey
        env["BAOKAO_PAYMENT_KEY"] = nil
        env.merge(environment) { _, new in new }
        let process = try ServeProcess(arguments: ["serve", "--db", folder.appendingPathComponent("s.sqlite").path, "--captcha", "off",
                                                   "--scrypt", "16,1,1"] + extra, environment: env, formKey: nil)
        try process.write(Array(input.utf8))
        try process.closeInput()
        var out = ""
        while let line = try process.readLine() { out += String(decoding: line, as: UTF8.self) + "\n" }
        return (try process.finish(), out, try process.stderrText())
    }

    /// The `start` event of the log on stderr.
    func startEvent(_ stderr: String) throws -> JSONValue {
        let line = try #require(stderr.split(separator: "\n").first { $0.contains(#""event":"start""#) })
        return try JSONParser.parse(String(line))
    }

    @Test func withoutAFormKeyServeRefusesToStartUnlessDemo() throws {
        let (status, out, stderr) = try serve([], formKey: nil, input: #"{"jsonrpc":"2.0","id":1,"method":"captcha.issue"}"# + "\n")
        #expect(status == 64)
        #expect(out.isEmpty)
        #expect(stderr.contains("no form key: set BAOKAO_FORM_KEY"))
        let (demo, _, demoLog) = try serve(["--demo"], formKey: nil)
        #expect(demo == 0)
        #expect(try startEvent(demoLog)["formKey"]?.stringValue?.hasPrefix("the public demo key (--demo)") == true)
        let (keyed, _, keyedLog) = try serve([], formKey: "secret-form-key")
        #expect(keyed == 0)
        #expect(try startEvent(keyedLog)["formKey"] == "$BAOKAO_FORM_KEY")
        #expect(!keyedLog.contains("secret-form-key"), "the key itself is never logged")
    }

    /// payment.notify for an unknown order: a valid signature gets as far as `payment-not-found`, a wrong one
    /// stops at `payment-signature-invalid` — which tells which key the service holds.
    func notification(signedWith key: String) -> String {
        let body = #"{"orderId":"none","amount":1}"#
        let params: JSONValue = ["body": .string(body), "signature": .string(PaymentNotify.signature(body: body, key: key))]
        return (["jsonrpc": "2.0", "id": 1, "method": "payment.notify", "params": params] as JSONValue).serialized + "\n"
    }

    @Test func thePaymentKeyComesFromAFileOrTheEnvironment() throws {
        let keyFile = folder.appendingPathComponent("payment.key")
        try Data("file-payment-key\n".utf8).write(to: keyFile)
        let (status, out, stderr) = try serve(["--payment-key-file", keyFile.path], formKey: "k", input: notification(signedWith: "file-payment-key"))
        #expect(status == 0)
        #expect(out.contains("payment-not-found"), "\(out)")
        #expect(try startEvent(stderr)["paymentKey"] == "--payment-key-file")
        #expect(!stderr.contains("file-payment-key") && !stderr.contains("warning"))
        let (_, wrong, _) = try serve(["--payment-key-file", keyFile.path], formKey: "k", input: notification(signedWith: "other"))
        #expect(wrong.contains("payment-signature-invalid"))

        let (_, byEnvironment, environmentLog) = try serve([], formKey: "k", environment: ["BAOKAO_PAYMENT_KEY": "env-payment-key"],
                                                           input: notification(signedWith: "env-payment-key"))
        #expect(byEnvironment.contains("payment-not-found"))
        #expect(try startEvent(environmentLog)["paymentKey"] == "$BAOKAO_PAYMENT_KEY")

        let (_, none, noneLog) = try serve([], formKey: "k", input: notification(signedWith: "anything"))
        #expect(none.contains("payment-not-configured"))
        #expect(try startEvent(noneLog)["paymentKey"]?.stringValue?.hasPrefix("none") == true)
    }

    @Test func theKeyOnTheCommandLineStillWorksButWarns() throws {
        let (status, out, stderr) = try serve(["--payment-key", "flag-payment-key"], formKey: "k", input: notification(signedWith: "flag-payment-key"))
        #expect(status == 0)
        #expect(out.contains("payment-not-found"))
        #expect(stderr.contains("warning: --payment-key is visible to every user of this machine in the process list"))
        #expect(try runOnly(["--payment-key", "a", "--payment-key-file", "/dev/null"]) == 64)
        #expect(try runOnly(["--payment-key-file", folder.appendingPathComponent("missing").path]) == 74)
        let empty = folder.appendingPathComponent("empty.key")
        try Data("\n".utf8).write(to: empty)
        #expect(try runOnly(["--payment-key-file", empty.path]) == 64)
    }

    func runOnly(_ extra: [String]) throws -> Int32 { try serve(extra, formKey: "k").0 }
}
