import Foundation

/// Reads a fixture beside this file; fixtures are data, so cases are added without touching Swift.
func fixture<T: Decodable>(_ name: String, as type: T.Type = T.self) throws -> T {
    let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/\(name)")
    return try JSONDecoder().decode(T.self, from: Data(contentsOf: url))
}

/// The package root, for tests that compare committed files.
let packageRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
