import Foundation
import Testing

/// `baokao` (eval, form, serve …) links no networking: Hummingbird and SwiftNIO are `baokao-server`'s alone.
/// Swift's mangled names carry the module (`7NIOCore`, `11Hummingbird`), so the binaries' bytes tell.
@Suite struct LinkageTests {
    @Test func baokaoLinksNoHummingbirdNorNIOWhileBaokaoServerDoes() throws {
        func contains(_ binary: URL, _ module: String) throws -> Bool {
            let bytes = try Data(contentsOf: binary, options: .alwaysMapped)
            return bytes.range(of: Data(module.utf8)) != nil
        }
        let baokao = builtExecutable("baokao"), server = builtExecutable("baokao-server")
        for module in ["7NIOCore", "8NIOPosix", "11Hummingbird"] {
            #expect(try !contains(baokao, module), "baokao links \(module)")
            #expect(try contains(server, module), "the check cannot see \(module) even in baokao-server")
        }
    }
}
