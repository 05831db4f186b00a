import FormLayout
import Foundation
import PDFExport
import Testing

/// The QR code, read back by zbarimg from a 300 dpi rendering, verifies; an altered payload does not.
@Suite struct QRVerificationTests {
    @Test(arguments: ["typical-with-photo", "longest-values", "rare-zhe-extension-b"])
    func zbarimgDecodesThePayloadAndItVerifies(name: String) throws {
        let forms = try FormPDFTests.forms()
        let form = try #require(forms.first { $0.name == name }?.form)
        let folder = try temporaryFolder(name)
        let pdf = try writePDF(form, to: folder, name: name)
        let image = folder.appendingPathComponent("page")
        let render = try run("pdftoppm", ["-r", "300", "-png", "-singlefile", pdf.path, image.path])
        #expect(render.status == 0, "\(render.stderr)")
        let scan = try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image.path + ".png"])
        let payload = scan.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(payload == form.qrPayload, "zbarimg read “\(payload)”: \(scan.stderr)")
        #expect(Shared.verifier.verify(payload) == .genuine(applicationNumber: form.applicationNumber))
        #expect(Shared.verifier.verify(payload, matches: form))
        // The command an audit point runs on what it scanned; one altered character is rejected.
        let accepted = try run(baokaoExecutable().path, ["verify-form", "--key", "test-key-for-forms", payload])
        #expect(accepted.status == 0 && accepted.stdout == "genuine \(form.applicationNumber)\n", "\(accepted.stderr)")
        let altered = payload.replacingOccurrences(of: form.applicationNumber, with: form.applicationNumber.dropLast() + "9")
        let rejected = try run(baokaoExecutable().path, ["verify-form", "--key", "test-key-for-forms", altered])
        #expect(altered != payload && rejected.status == 1)

        let barcode = try run("zbarimg", ["--quiet", "--raw", "-Sdisable", "-Scode128.enable", image.path + ".png"])
        #expect(barcode.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == form.applicationNumber)
    }

    @Test func alteredPayloadsAreRejected() throws {
        let form = try #require(try FormPDFTests.forms().first?.form)
        let payload = form.qrPayload
        let verifier = Shared.verifier
        #expect(verifier.verify(payload) == .genuine(applicationNumber: form.applicationNumber))
        // Another application number with the same code.
        #expect(verifier.verify(payload.replacingOccurrences(of: "BK2026000001", with: "BK2026000002")) == .forged)
        // One character of the code changed, at every position.
        let dash = payload.lastIndex(of: "-")!
        for offset in 1..<payload.distance(from: dash, to: payload.endIndex) {
            var characters = Array(payload)
            let index = payload.distance(from: payload.startIndex, to: dash) + offset
            characters[index] = characters[index] == "A" ? "B" : "A"
            #expect(verifier.verify(String(characters)) == .forged, "altered at \(index)")
        }
        #expect(verifier.verify("BK2026000001") == .malformed)
        #expect(verifier.verify("") == .malformed)
        #expect(verifier.verify(payload + "A") == .malformed)
        // Another key.
        #expect(FormVerifier(key: "another key").verify(payload) == .forged)
        // The printed key fields must be those the code was issued for.
        var edited = form
        edited.name = "王晓朋"
        #expect(!verifier.verify(payload, matches: edited))
        #expect(verifier.verify(payload, matches: form))
    }

    @Test func verifyFormCommandAcceptsAndRejects() throws {
        let form = try #require(try FormPDFTests.forms().first?.form)
        let executable = baokaoExecutable().path
        let good = try run(executable, ["verify-form", "--key", "test-key-for-forms", form.qrPayload])
        #expect(good.status == 0, "\(good.stderr)")
        #expect(good.stdout == "genuine \(form.applicationNumber)\n")
        let altered = try run(executable, ["verify-form", "--key", "test-key-for-forms", String(form.qrPayload.dropLast()) + "Q"])
        #expect(altered.status == 1)
        #expect(altered.stderr.contains("does not match"))
        let wrongKey = try run(executable, ["verify-form", "--key", "other", form.qrPayload])
        #expect(wrongKey.status == 1)
        let malformed = try run(executable, ["verify-form", "--key", "test-key-for-forms", "hello"])
        #expect(malformed.status == 1)
        #expect(malformed.stderr.contains("not a form payload"))
    }

    /// The public demo key is no default: anyone can sign with it, so a form signed with it is "genuine" only
    /// when the checker asks for demonstrations with `--demo`.
    @Test func theDemoKeyIsUsedOnlyWithDemo() throws {
        var form = SampleApplications.base("BK2026999999", name: "王晓明")
        form.qrPayload = FormVerifier(key: FormVerifier.demoKey).payload(for: form)
        let refused = try run(baokaoExecutable().path, ["verify-form", form.qrPayload])
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("no form key: set BAOKAO_FORM_KEY"))
        let result = try run(baokaoExecutable().path, ["verify-form", "--demo", form.qrPayload])
        #expect(result.status == 0)
        #expect(result.stderr.contains("demo key"))
    }
}

/// The `baokao` binary built beside the tests.
func baokaoExecutable() -> URL {
    var folder = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
    while folder.path != "/" {
        let candidate = folder.appendingPathComponent("baokao")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
        folder.deleteLastPathComponent()
    }
    return repositoryRoot.appendingPathComponent(".build/debug/baokao")
}
