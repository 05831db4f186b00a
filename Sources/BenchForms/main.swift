import FormLayout
import Foundation
import PDFExport

let start = Date()
let renderer = try FormRenderer()
print("prepared in \(Date().timeIntervalSince(start))s")
let bytes = try renderer.render(SampleForms.form(Int(CommandLine.arguments.dropFirst().first ?? "1") ?? 1))
FileManager.default.createFile(atPath: "/tmp/pdf-sample.pdf", contents: Data(bytes))
print(bytes.count)
