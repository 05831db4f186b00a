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

    /// An outside JSON Schema implementation (python3-jsonschema): every schema is valid draft 7 and every
    /// example validates against its schema; a broken copy is refused, so the check can fail.
    @Test func anOutsideValidatorAcceptsTheSchemasAndTheirExamples() throws {
        let good = try checkOpenRPC(Self.checkedIn.path)
        #expect(good.status == 0, "\(good.output)")
        #expect(good.output.contains("\(MethodRegistry.standard.names.count) methods") && good.output.contains(": 0 problems"), "\(good.output)")

        let document = OpenRPCDocument.make()
        guard case .object(var root) = document, case .array(var methods)? = root["methods"],
              case .object(var first) = methods[0], case .array(var params)? = first["params"] else {
            Issue.record("unexpected document shape")
            return
        }
        // An example that is not of its schema's type.
        params[0] = params[0].replacing(at: [.key("schema"), .key("examples")], with: [["not": "a string"]])
        first["params"] = .array(params)
        methods[0] = .object(first)
        root["methods"] = .array(methods)
        let broken = FileManager.default.temporaryDirectory.appendingPathComponent("openrpc-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: broken) }
        try JSONValue.object(root).pretty.write(to: broken, atomically: true, encoding: .utf8)
        let refused = try checkOpenRPC(broken.path)
        #expect(refused.status == 1, "\(refused.output)")
        #expect(refused.output.contains("example"), "\(refused.output)")
    }

    func checkOpenRPC(_ path: String) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.repository.appendingPathComponent("scripts/check-openrpc").path, path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
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
