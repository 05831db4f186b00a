import FormLayout
import Testing

/// The page: nothing overflows; the photo sits at the top right; too much content is refused, not cut.
@Suite struct LayoutTests {
    func items(_ form: RegistrationForm) throws -> [PageItem] {
        try renderer().layouter.layout(form).pages[0].items
    }

    @Test func everyItemStaysInsideThePage() throws {
        for (name, form) in try FormPDFTests.forms() {
            for item in try items(form) {
                switch item {
                case .text(let run):
                    let end = run.origin.x + (run.glyphs.last?.x ?? 0) + run.size
                    #expect(run.origin.x >= 39 && end <= Page.a4.width - 39, "\(name): text runs off the page at x \(end)")
                    #expect(run.origin.y >= 29 && run.origin.y <= Page.a4.height - 30, "\(name): text at y \(run.origin.y)")
                case .box(let rect, _, _), .bitmap(let rect, _), .image(let rect, _):
                    #expect(rect.x >= 39 && rect.maxX <= Page.a4.width - 39 && rect.y >= 29 && rect.maxY <= Page.a4.height - 33, "\(name): \(rect)")
                case .line: break
                }
            }
        }
    }

    @Test func photoIsAtTheTopRight() throws {
        let forms = try FormPDFTests.forms()
        let form = try #require(forms.first { $0.name == "typical-with-photo" }?.form)
        let images = try items(form).compactMap { item -> Rect? in if case .image(let rect, _) = item { rect } else { nil } }
        let photo = try #require(images.first)
        #expect(photo.x > Page.a4.width / 2 && photo.y > Page.a4.height * 0.6)
    }

    @Test func absurdContentIsRefusedNotCut() throws {
        var form = SampleApplications.base("BK2026000300", name: "王晓明")
        form.workUnit = String(repeating: "中国建筑第八工程局有限公司", count: 200)
        form.qrPayload = Shared.verifier.payload(for: form)
        #expect {
            try renderer().render(form)
        } throws: { error in
            guard case FormError.doesNotFit = error else { return false }
            return "\(error)".contains("does not fit on one A4 page")
        }
    }

    @Test func longValuesWrapInsideTheirCells() throws {
        let forms = try FormPDFTests.forms()
        let form = try #require(forms.first { $0.name == "longest-values" }?.form)
        let lines = try items(form).compactMap { item -> TextRun? in if case .text(let run) = item { run } else { nil } }
        #expect(lines.count > 60)
    }
}
