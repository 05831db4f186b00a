import Foundation
import Testing

/// `baokao` (eval, check, form, serve on SQLite) links no networking: the PostgreSQL store and its NIO stack
/// live in `PostgresStore`, which only the server side depends on (issue #15). Their module names appear in the
/// type metadata of any binary that links them, as the benchmark binary beside it shows.
@Test func theCommandLineLinksNoNetworking() throws {
    let binary = try Data(contentsOf: baokaoExecutable())
    for module in ["PostgresNIO", "NIOPosix", "PostgresStore"] {
        #expect(binary.range(of: Data(module.utf8)) == nil, "baokao links \(module)")
    }
    // The control: a binary that does link it (built by `swift build --build-tests` like every product).
    let withPostgres = baokaoExecutable().deletingLastPathComponent().appendingPathComponent("BenchStores")
    #expect(try Data(contentsOf: withPostgres).range(of: Data("PostgresNIO".utf8)) != nil)
}
