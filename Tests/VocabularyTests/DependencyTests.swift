import Foundation
import Testing

/// The vocabulary is the bottom of the pipeline: it may not depend on YAML, SQLite, HarfBuzz or the CLI.
@Test func vocabularyImportsNothingButFoundation() throws {
    let folder = packageRoot.appendingPathComponent("Sources/Vocabulary")
    let files = try FileManager.default.subpathsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".swift") }
    #expect(!files.isEmpty)
    for file in files {
        let text = try String(contentsOf: folder.appendingPathComponent(file), encoding: .utf8)
        for line in text.split(separator: "\n") where line.hasPrefix("import ") || line.contains(" import ") {
            let module = line.split(separator: " ").last.map(String.init) ?? ""
            #expect(["Foundation"].contains(module), "\(file): \(line)")
        }
    }
}
