import Foundation
@testable import Service
import Testing

/// `Docs/openrpc.json`: what `baokao openrpc` prints now, byte for byte, and an OpenRPC 1.2.6 document in shape.
@Suite struct OpenRPCDocumentTests {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let checkedIn = repository.appendingPathComponent("Docs/openrpc.json")

    @Test func theCheckedInDocumentIsWhatTheCodeGeneratesNow() throws {
        let onDisk = try String(contentsOf: Self.checkedIn, encoding: .utf8)
        let generated = OpenRPCDocument.make().pretty
        let firstDifference = zip(onDisk.split(separator: "\n", omittingEmptySubsequences: false),
                                  generated.split(separator: "\n", omittingEmptySubsequences: false))
            .enumerated().first { $1.0 != $1.1 }
            .map { "line \($0 + 1): checked in \($1.0.debugDescription), generated \($1.1.debugDescription)" }
        let current = onDisk == generated  // not compared inside #expect, which would print both documents whole
        #expect(current, """
            Docs/openrpc.json is out of date with the method catalogue — regenerate it with `make openrpc` \
            (or `swift run baokao openrpc > Docs/openrpc.json`) and commit it. \
            \(firstDifference ?? "lengths differ: \(onDisk.utf8.count) vs \(generated.utf8.count) bytes")
            """)
    }

    @Test func theDocumentHasTheShapeOfOpenRPC() throws {
        let document = try JSONParser.parse(try String(contentsOf: Self.checkedIn, encoding: .utf8))
        #expect(document["openrpc"] == "1.2.6")
        #expect(document["info"]?["title"]?.stringValue?.isEmpty == false)
        #expect(document["info"]?["version"]?.stringValue?.isEmpty == false)
        let methods = try #require(document["methods"]?.arrayValue)
        #expect(methods.compactMap { $0["name"]?.stringValue } == MethodRegistry.standard.names)
        for method in methods {
            let name = method["name"]?.stringValue ?? "?"
            #expect(method["summary"]?.stringValue?.isEmpty == false, "\(name): summary")
            #expect(method["paramStructure"] == "by-name", "\(name): paramStructure")
            let params = try #require(method["params"]?.arrayValue, "\(name): params")
            for param in params {
                #expect(param["name"]?.stringValue?.isEmpty == false && param["schema"]?.objectValue != nil && param["required"]?.boolValue != nil,
                        "\(name): a param without name, schema or required: \(param.serialized)")
            }
            #expect(Set(params.compactMap { $0["name"]?.stringValue }).count == params.count, "\(name): params named twice")
            #expect(method["result"]?["name"]?.stringValue?.isEmpty == false && method["result"]?["schema"]?.objectValue != nil, "\(name): result")
            for error in try #require(method["errors"]?.arrayValue, "\(name): errors") {
                #expect(error["code"]?.intValue != nil && error["message"]?.stringValue?.isEmpty == false, "\(name): error \(error.serialized)")
            }
            #expect(["read", "write"].contains(method["x-access"]?.stringValue ?? ""), "\(name): x-access")
        }
    }

    /// Read or write is not declared in the catalogue: the document takes it from the registry.
    @Test func accessAndDomainErrorsComeFromTheCode() throws {
        let document = OpenRPCDocument.make()
        for method in document["methods"]?.arrayValue ?? [] {
            let name = try #require(method["name"]?.stringValue)
            let registered = try #require(MethodRegistry.standard[name])
            #expect(method["x-access"]?.stringValue == (registered.access == .read ? "read" : "write"), "\(name)")
            let description = try #require(MethodCatalog.description(of: name))
            let codes = (method["errors"]?.arrayValue ?? []).compactMap { $0["data"]?["code"]?.stringValue }
            for code in description.errors {
                #expect(codes.contains(code.rawValue), "\(name): \(code.rawValue)")
                #expect((method["errors"]?.arrayValue ?? []).contains { $0["code"]?.intValue == code.number }, "\(name): \(code.number)")
            }
        }
        let login = try #require(document["methods"]?.arrayValue?.first { $0["name"] == "account.login" })
        #expect(login["x-captcha"] == "always" && login["x-caller"] == "anonymous")
        #expect(login["errors"]?.arrayValue?.contains { $0["code"] == -32015 && $0["data"]?["code"] == "login-failed" } == true)
    }

    @Test func baokaoOpenrpcPrintsTheDocument() throws {
        let process = Process()
        process.executableURL = baokaoExecutable()
        process.arguments = ["openrpc"]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: data, as: UTF8.self) == OpenRPCDocument.make().pretty)
    }
}
