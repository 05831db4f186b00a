import FormLayout
import Foundation
import PDFExport
import Testing

/// Bad input never crashes: every form either renders to a PDF that qpdf accepts or throws a named error.
@Suite struct RobustnessTests {
    /// A deterministic generator, so a failure can be replayed.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static let pools: [ClosedRange<UInt32>] = [
        0x20...0x7E, 0x00...0x1F, 0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF, 0x3000...0x303F,
        0xFF01...0xFF5E, 0x0300...0x036F, 0xFE00...0xFE0F, 0x0600...0x06FF, 0x1F600...0x1F64F, 0xE000...0xE0FF,
    ]

    /// Blocks the configured fonts cover (a few code points aside).
    static let coveredPools: [ClosedRange<UInt32>] = [0x20...0x7E, 0x00...0x1F, 0x4E00...0x9FA5, 0x3000...0x3011, 0xFF01...0xFF5E]

    static func randomText(_ generator: inout SplitMix, maximumLength: Int, pools: [ClosedRange<UInt32>] = RobustnessTests.pools) -> String {
        var scalars = String.UnicodeScalarView()
        for _ in 0..<Int.random(in: 0...maximumLength, using: &generator) {
            let pool = pools.randomElement(using: &generator)!
            if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &generator)) { scalars.append(scalar) }
        }
        return String(scalars)
    }

    @Test func randomFieldsRenderOrFailWithANamedError() throws {
        var generator = SplitMix(state: 2026)
        var rendered = 0, refused = 0
        let folder = try temporaryFolder()
        for index in 0..<120 {
            var form = SampleApplications.base("BK2026\(500000 + index)", name: "王晓明")
            let pools = index % 2 == 0 ? Self.coveredPools : Self.pools
            form.name = Self.randomText(&generator, maximumLength: 12, pools: pools)
            form.workUnit = Self.randomText(&generator, maximumLength: 90, pools: pools)
            form.auditPoint = Self.randomText(&generator, maximumLength: 40, pools: pools)
            form.email = Self.randomText(&generator, maximumLength: 30, pools: pools)
            form.subjects = (0..<Int.random(in: 0...6, using: &generator)).map { _ in Self.randomText(&generator, maximumLength: 16, pools: pools) }
            form.commitment = Self.randomText(&generator, maximumLength: 120, pools: pools)
            form.qrPayload = Shared.verifier.payload(for: form)
            do {
                let bytes = try renderer().render(form)
                rendered += 1
                if rendered <= 10 {
                    let pdf = folder.appendingPathComponent("random-\(index).pdf")
                    try Data(bytes).write(to: pdf)
                    let check = try run("qpdf", ["--check", pdf.path])
                    #expect(check.status == 0 && check.stderr.isEmpty, "form \(index): \(check.stdout) \(check.stderr)")
                }
            } catch let error as FormError {
                refused += 1
                #expect(!"\(error)".isEmpty)
            }
        }
        #expect(rendered > 0 && refused > 0, "rendered \(rendered), refused \(refused)")
    }

    @Test func emptyFieldsStillMakeAForm() throws {
        var form = RegistrationForm(
            applicationNumber: "BK0", examName: "", year: 2026, name: "", gender: "", birthDate: "", ethnicGroup: "",
            idType: "", idNumber: "", phone: "", email: "", workUnit: "", education: [], degrees: [], relevantWorkYears: "",
            level: "", specialty: "", subjects: [], exempted: [], province: "", city: "", auditPoint: "", route: "",
            feeTotal: .zero, feeItems: [], commitment: "", printDate: "")
        form.qrPayload = ""
        let bytes = try renderer().render(form)
        #expect(String(decoding: bytes.prefix(8), as: UTF8.self) == "%PDF-1.7")
    }

    @Test func applicationNumbersTheBarcodeCannotCarryAreRefused() throws {
        var form = SampleApplications.base("报名2026", name: "王晓明")
        #expect(throws: FormError.barcode(.unsupportedCharacter("报"))) { try renderer().render(form) }
        form.applicationNumber = String(repeating: "9", count: 60)
        #expect(throws: FormError.barcode(.tooLong(60))) { try renderer().render(form) }
    }

    @Test func aDocumentNamingAnUnknownFaceIsAnError() throws {
        let writer = try renderer().writer
        let run = TextRun(face: 9, size: 10, origin: Point(x: 10, y: 10), glyphs: [.init(id: 1, x: 0, y: 0, text: "a")])
        let document = LaidOutDocument(title: "t", pages: [Page(width: 100, height: 100, items: [.text(run)])])
        #expect(throws: PDFExportError.unknownFace(9)) { try writer.write(document) }
    }

    @Test func concurrentRenderingGivesTheSameBytes() async throws {
        let forms = try FormPDFTests.forms().map(\.form)
        let sequential = try forms.map { try renderer().render($0) }
        let concurrent = try await withThrowingTaskGroup(of: (Int, [UInt8]).self) { group in
            for (index, form) in forms.enumerated() {
                group.addTask { (index, try renderer().render(form)) }
                group.addTask { (index, try renderer().render(form)) }
            }
            var results: [(Int, [UInt8])] = []
            for try await result in group { results.append(result) }
            return results
        }
        for (index, bytes) in concurrent { #expect(bytes == sequential[index], "form \(index) differs when rendered concurrently") }
    }
}
