import FormLayout
import Foundation
import PDFExport
import Testing

/// The repository root, from this file's path.
let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// Fonts and renderer are loaded once for all tests (as bulk printing does).
enum Shared {
    static let fonts: Result<FontSet, any Error> = Result {
        try FontSet(configuration: FontConfiguration.load(from: repositoryRoot.appendingPathComponent("Fonts/fonts.yaml")))
    }
    static let renderer: Result<FormRenderer, any Error> = Result { try FormRenderer(fonts: fonts.get()) }
    static let verifier = FormVerifier(key: "test-key-for-forms")
}

func renderer() throws -> FormRenderer { try Shared.renderer.get() }

func fixture(_ name: String) throws -> [UInt8] {
    let url = try #require(Bundle.module.url(forResource: name, withExtension: nil, subdirectory: "Fixtures"))
    return Array(try Data(contentsOf: url))
}

/// A fresh folder for one test's files.
func temporaryFolder(_ name: String = #function) throws -> URL {
    let cleaned = name.filter { $0.isLetter || $0.isNumber }
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("baokao-form-tests/\(cleaned)-\(UUID().uuidString.prefix(8))")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

struct ToolRun {
    let status: Int32
    let stdout: String
    let stderr: String
}

/// Runs an outside tool (qpdf, pdffonts, pdftotext, pdftoppm, zbarimg — installed by scripts/bootstrap).
func run(_ tool: String, _ arguments: [String]) throws -> ToolRun {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [tool] + arguments
    let out = Pipe(), err = Pipe()
    process.standardOutput = out
    process.standardError = err
    try process.run()
    let stdout = out.fileHandleForReading.readDataToEndOfFile()
    let stderr = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return ToolRun(status: process.terminationStatus, stdout: String(decoding: stdout, as: UTF8.self), stderr: String(decoding: stderr, as: UTF8.self))
}

/// Renders a form into a folder and returns the PDF's path.
func writePDF(_ form: RegistrationForm, to folder: URL, name: String) throws -> URL {
    let url = folder.appendingPathComponent("\(name).pdf")
    try Data(renderer().render(form)).write(to: url)
    return url
}

/// The text a reader extracts, with all blanks and line breaks removed (a long value wraps inside its cell).
func extractedText(_ pdf: URL) throws -> String {
    let result = try run("pdftotext", ["-raw", "-enc", "UTF-8", pdf.path, "-"])
    #expect(result.status == 0, "pdftotext failed: \(result.stderr)")
    return withoutBlanks(result.stdout)
}

func withoutBlanks(_ text: String) -> String {
    String(text.unicodeScalars.filter { !$0.properties.isWhitespace }.map(Character.init))
}
