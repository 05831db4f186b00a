import Foundation
import Testing

/// `baokao form` against input it should not trust, and without the secret it signs with.
@Suite struct FormInputSafetyTests {
    let folder: URL
    let photo = RulesCommandTests.root.appendingPathComponent("Examples/photo.jpg")

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-form-safety-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder.appendingPathComponent("input"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: photo, to: folder.appendingPathComponent("input/photo.jpg"))
    }

    /// The application with `photo` set, written as `input/applications.jsonl`; returns its path.
    func input(photo reference: String) throws -> String {
        let line = RulesCommandTests.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"a\",\"photo\":\"\(reference)\"")
        let path = folder.appendingPathComponent("input/applications.jsonl").path
        try Data((line + "\n").utf8).write(to: URL(fileURLWithPath: path))
        return path
    }

    func form(_ extra: [String], stdin: String? = nil) throws -> CLIRun {
        try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--key", "k1",
                       "--out-dir", folder.appendingPathComponent("out").path] + extra, stdin: stdin)
    }

    var written: [String] { (try? FileManager.default.contentsOfDirectory(atPath: folder.appendingPathComponent("out").path)) ?? [] }

    @Test(arguments: ["/etc/hostname", "../../../../../../etc/hostname", "../photo.jpg", "input/../../photo.jpg"])
    func aPhotoPathOutsideTheInputFolderIsRefusedNamingTheField(reference: String) throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.copyItem(at: photo, to: folder.appendingPathComponent("photo.jpg"))  // exists, but outside
        let run = try form([try input(photo: reference)])
        #expect(run.status == 1)
        #expect(run.stderr.contains("line 1 (a): photo: \(reference) is outside the folders photos are read from"), "\(run.stderr)")
        #expect(written.isEmpty)
    }

    @Test func aSymbolicLinkInsideTheFolderMayNotLeadOut() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        try FileManager.default.createSymbolicLink(atPath: folder.appendingPathComponent("input/link.jpg").path, withDestinationPath: "/etc/hostname")
        let run = try form([try input(photo: "link.jpg")])
        #expect(run.status == 1)
        #expect(run.stderr.contains("photo: link.jpg is outside"), "\(run.stderr)")
    }

    @Test func aPhotoBesideTheInputOrUnderPhotosIsRead() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        let beside = try form([try input(photo: "photo.jpg")])
        #expect(beside.status == 0, "\(beside.stderr)")
        #expect(written == ["a.pdf"])
        // Reading stdin there is no input folder: only --photos DIR lends one.
        let line = RulesCommandTests.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"a\",\"photo\":\"photo.jpg\"")
        let refused = try form([], stdin: line)
        #expect(refused.status == 1 && refused.stderr.contains("photo: photo.jpg is a path, but reading stdin there is no input folder"), "\(refused.stderr)")
        let photos = try form(["--photos", folder.appendingPathComponent("input").path], stdin: line)
        #expect(photos.status == 0, "\(photos.stderr)")
        let absolute = folder.appendingPathComponent("input/photo.jpg").path
        let byPath = try form(["--photos", folder.appendingPathComponent("input").path],
                              stdin: line.replacingOccurrences(of: "\"photo.jpg\"", with: "\"\(absolute)\""))
        #expect(byPath.status == 0, "\(byPath.stderr)")
        #expect(try form(["--photos", "/nonexistent-folder"], stdin: line).status == 64)
    }

    @Test func withoutAFormKeyTheCommandRefusesUnlessDemoIsAsked() throws {
        defer { try? FileManager.default.removeItem(at: folder) }
        var environment = ProcessInfo.processInfo.environment
        environment["BAOKAO_FORM_KEY"] = nil
        let out = folder.appendingPathComponent("out.pdf").path
        let base = ["form", "--rules", RulesCommandTests.fixtureRules, "--photo", photo.path, "-o", out]
        let refused = try runBaokao(base, stdin: RulesCommandTests.application, environment: environment)
        #expect(refused.status == 64)
        #expect(refused.stderr.contains("no form key: set BAOKAO_FORM_KEY"))
        #expect(!FileManager.default.fileExists(atPath: out))
        let demo = try runBaokao(base + ["--demo"], stdin: RulesCommandTests.application, environment: environment)
        #expect(demo.status == 0)
        #expect(demo.stderr.contains("form key from the public demo key (--demo)"))
        environment["BAOKAO_FORM_KEY"] = "k-from-env"
        let keyed = try runBaokao(base, stdin: RulesCommandTests.application, environment: environment)
        #expect(keyed.status == 0)
        #expect(keyed.stderr.contains("form key from $BAOKAO_FORM_KEY"))
        #expect(!keyed.stderr.contains("k-from-env"), "the key itself is never printed")
    }
}
