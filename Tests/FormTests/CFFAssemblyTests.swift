import FormLayout
import Foundation
import PDFExport
import Testing

/// Each document's CFF subset is assembled from cached desubroutinised charstrings; it must draw exactly what
/// HarfBuzz's own subset draws.
@Suite struct CFFAssemblyTests {
    @Test func assembledFontsRenderPixelForPixelLikeHarfBuzzSubsets() throws {
        let fonts = try Shared.fonts.get()
        let layouter = try renderer().layouter
        let assembled = try PDFWriter(fonts: fonts, assemblesCFF: true)
        let subset = try PDFWriter(fonts: fonts, assemblesCFF: false)
        let folder = try temporaryFolder()
        var compared = 0
        for (name, form) in try FormPDFTests.forms() where ["longest-values", "rare-mixed", "passport-latin-name"].contains(name) {
            let document = try layouter.layout(form)
            var images: [Data] = []
            for (kind, writer) in [("assembled", assembled), ("subset", subset)] {
                let pdf = folder.appendingPathComponent("\(name)-\(kind).pdf")
                try Data(writer.write(document)).write(to: pdf)
                let base = folder.appendingPathComponent("\(name)-\(kind)").path
                let render = try run("pdftoppm", ["-r", "110", "-gray", "-singlefile", pdf.path, base])
                #expect(render.status == 0 && render.stderr.isEmpty, "\(name) \(kind): \(render.stderr)")
                images.append(try Data(contentsOf: URL(fileURLWithPath: base + ".pgm")))
            }
            #expect(images[0] == images[1], "\(name): the assembled font draws differently")
            compared += 1
        }
        #expect(compared == 3)
    }
}
