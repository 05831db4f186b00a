import ArgumentParser
import Foundation
import Service

/// `baokao openrpc`: the published API, an OpenRPC 1.2.6 document of the service's methods, generated from
/// the method catalogue and registry. `Docs/openrpc.json` is its output, checked in; a test fails when the
/// two differ (`make openrpc` writes it again).
struct OpenRPC: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "openrpc",
        abstract: "Print the OpenRPC document of the JSON-RPC service's methods (Docs/openrpc.json)."
    )

    func run() throws {
        FileHandle.standardOutput.write(Data(OpenRPCDocument.make().pretty.utf8))
    }
}
