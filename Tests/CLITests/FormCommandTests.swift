import Foundation
import Testing

/// `baokao form` end to end: applications and verdicts become PDFs that outside tools accept.
@Suite struct FormCommandTests {
    static let root = RulesCommandTests.root
    static let application = RulesCommandTests.application

    func tool(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = Pipe()
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }

    func temporaryFolder() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cli-forms-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test func oneApplicationGivesAFormThatOutsideToolsAcceptAndTheQRCodeVerifies() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let pdf = folder.appendingPathComponent("form.pdf").path
        let photo = Self.root.appendingPathComponent("Examples/photo.jpg").path
        let run = try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--key", "k1",
                                 "--photo", photo, "-o", pdf], stdin: Self.application)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try tool(["qpdf", "--check", pdf]).status == 0)
        let fonts = try tool(["pdffonts", pdf]).output
        #expect(fonts.split(separator: "\n").dropFirst(2).allSatisfy { $0.contains(" yes yes yes ") })
        let text = try tool(["pdftotext", pdf, "-"]).output
        for value in ["2026年度示例建造师考试报名表", "王𠮷", "11010519491231002X", "1949年12月31日", "土木工程", "北京市", "2026年11月24日"] {
            #expect(text.contains(value), "\(value) missing from the text")
        }
        let image = folder.appendingPathComponent("page").path
        #expect(try tool(["pdftoppm", "-r", "300", "-png", "-singlefile", pdf, image]).status == 0)
        let payload = try tool(["zbarimg", "--quiet", "--raw", "-Sdisable", "-Sqrcode.enable", image + ".png"]).output
            .trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(payload.hasPrefix("a-"))
        #expect(try runBaokao(["verify-form", "--key", "k1", payload]).stdout == "genuine a\n")
        #expect(try runBaokao(["verify-form", "--key", "k2", payload]).status == 1)
        let again = folder.appendingPathComponent("again.pdf").path
        _ = try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--key", "k1",
                           "--photo", photo, "-o", again], stdin: Self.application)
        #expect(FileManager.default.contents(atPath: pdf) == FileManager.default.contents(atPath: again), "the same input gives the same bytes")
    }

    @Test func bulkPrintingNamesPDFsByIdAndReportsRefusedLines() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let photo = try Data(contentsOf: Self.root.appendingPathComponent("Examples/photo.jpg")).base64EncodedString()
        let withPhoto = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"b/1\",\"photo\":\"\(photo)\"")
        let ineligible = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"c\"")
            .replacingOccurrences(of: "\"relevantWorkYears\":3", with: "\"relevantWorkYears\":1")
        let input = [Self.application, withPhoto, ineligible, "{not json"].joined(separator: "\n")
        let out = folder.appendingPathComponent("forms").path
        let run = try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--demo", "--out-dir", out], stdin: input)
        #expect(run.status == 1)
        let files = try FileManager.default.contentsOfDirectory(atPath: out).sorted()
        #expect(files == ["a.pdf", "b_1.pdf"])
        #expect(run.stderr.contains("line 3 (c): not eligible"))
        #expect(run.stderr.contains("line 4"))
        #expect(try tool(["qpdf", "--check", out + "/b_1.pdf"]).status == 0)
    }

    @Test(arguments: [
        ("..x..", "x.pdf"), ("a b/c", "a_b_c.pdf"), ("a:b", "a_b.pdf"), ("...", "line-1.pdf"), ("A-1_z.9", "A-1_z.9.pdf"),
    ])
    func bulkFileNamesKeepLettersDigitsAndDashesOfTheId(id: String, file: String) throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"\(id)\"")
        let out = folder.appendingPathComponent("forms").path
        let run = try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--demo", "--out-dir", out + "/"], stdin: input)
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.contentsOfDirectory(atPath: out) == [file])
        #expect(run.stdout == out + "/" + file + "\n")
    }

    @Test func bulkPrintingIntoOneTarArchiveGivesTheSamePDFsAsAFolder() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let second = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"b/1\"")
        let ineligible = Self.application.replacingOccurrences(of: "\"id\":\"a\"", with: "\"id\":\"c\"")
            .replacingOccurrences(of: "\"relevantWorkYears\":3", with: "\"relevantWorkYears\":1")
        let input = [Self.application, second, ineligible].joined(separator: "\n")
        let common = ["form", "--rules", RulesCommandTests.fixtureRules, "--print-date", "2026-11-24", "--demo"]
        let pdfs = folder.appendingPathComponent("pdfs").path
        #expect(try runBaokao(common + ["--out-dir", pdfs], stdin: input).status == 1)
        let archive = folder.appendingPathComponent("forms.tar").path
        let run = try runBaokao(common + ["--tar", archive], stdin: input)
        #expect(run.status == 1, "line 3 is refused: \(run.stderr)")
        #expect(run.stderr.contains("line 3 (c): not eligible") && run.stderr.contains("2 form(s) written to \(archive)"))
        #expect(run.stdout.isEmpty)
        #expect(!FileManager.default.fileExists(atPath: archive + ".part"))
        let listing = try tool(["tar", "-tvf", archive]).output
        #expect(listing.contains(" a.pdf") && listing.contains(" b_1.pdf") && listing.contains("2026-11-24 00:00"), "\(listing)")
        let extracted = folder.appendingPathComponent("extracted")
        try FileManager.default.createDirectory(at: extracted, withIntermediateDirectories: true)
        #expect(try tool(["tar", "-xf", archive, "-C", extracted.path]).status == 0)
        for name in ["a.pdf", "b_1.pdf"] {
            let fromTar = FileManager.default.contents(atPath: extracted.appendingPathComponent(name).path)
            #expect(fromTar != nil && fromTar == FileManager.default.contents(atPath: pdfs + "/" + name), "\(name)")
        }
        // `--tar -` streams the same archive to stdout.
        let lines = folder.appendingPathComponent("applications.jsonl")
        try Data(input.utf8).write(to: lines)
        let streamed = folder.appendingPathComponent("streamed.tar").path
        let command = ([baokaoExecutable().path] + common + ["--tar", "-", lines.path]).map { "'\($0)'" }.joined(separator: " ")
        _ = try tool(["sh", "-c", command + " > '\(streamed)'"])
        #expect(FileManager.default.contents(atPath: streamed) == FileManager.default.contents(atPath: archive))
    }

    @Test func aBadPhotoIsAnErrorNamingTheProblem() throws {
        let folder = try temporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let notJPEG = folder.appendingPathComponent("photo.jpg")
        try Data("not a jpeg".utf8).write(to: notJPEG)
        let run = try runBaokao(["form", "--rules", RulesCommandTests.fixtureRules, "--demo", "--photo", notJPEG.path,
                                 "-o", folder.appendingPathComponent("x.pdf").path], stdin: Self.application)
        #expect(run.status == 1)
        #expect(run.stderr.lowercased().contains("jpeg"))
        #expect(!FileManager.default.fileExists(atPath: folder.appendingPathComponent("x.pdf").path))
    }
}
