import FormLayout

/// One embedded font of a document, as the content stream sees it: a resource name and, per original glyph ID,
/// the two-byte code and the width (1/1000 em) the PDF knows it by.
final class GlyphTarget: @unchecked Sendable {
    let resource: [UInt8]
    let font: SubsetFont
    let metrics: [UInt32: (code: UInt16, width: Int)]

    init(resource: String, font: SubsetFont) {
        self.resource = Array(resource.utf8)
        self.font = font
        var metrics: [UInt32: (code: UInt16, width: Int)] = [:]
        metrics.reserveCapacity(font.codes.count)
        for (glyph, code) in font.codes { metrics[glyph] = (code, font.width(glyph)) }
        self.metrics = metrics
    }
}

/// A shared subset: every document embeds the same objects, serialised once.
final class SharedFont: @unchecked Sendable {
    let face: Int
    let target: GlyphTarget
    /// Original glyph ID → code, 0 where the glyph is not shared: an array, because the writer asks for every
    /// glyph of every document (a dictionary lookup per glyph was a few per cent of a form's time).
    private let codeOfGlyph: [UInt16]
    /// Code → the text it prints in the shared ToUnicode (a glyph printing other text goes to the document's
    /// own subset, so copying always gives the right characters), and its width.
    private let textOfCode: [String]
    private let widthOfCode: [Int]
    let objects: [(number: Int, bytes: [UInt8], isStream: Bool)]

    init(face: Int, target: GlyphTarget, glyphTexts: [UInt32: String], objects: [(number: Int, bytes: [UInt8], isStream: Bool)]) {
        self.face = face
        self.target = target
        self.objects = objects
        let codes = target.font.codes
        var codeOfGlyph = [UInt16](repeating: 0, count: Int(codes.keys.max() ?? 0) + 1)
        var textOfCode = [String](repeating: "", count: Int(codes.values.max() ?? 0) + 1)
        var widthOfCode = [Int](repeating: 0, count: textOfCode.count)
        for (glyph, code) in codes where code != 0 {
            codeOfGlyph[Int(glyph)] = code
            textOfCode[Int(code)] = glyphTexts[glyph] ?? ""
            widthOfCode[Int(code)] = target.font.width(glyph)
        }
        self.codeOfGlyph = codeOfGlyph
        self.textOfCode = textOfCode
        self.widthOfCode = widthOfCode
    }

    /// How the shared subset prints this glyph with this text (empty: a glyph after a cluster's first), if it does.
    func placed(_ glyph: UInt32, text: String, target index: Int) -> PlacedGlyph? {
        guard Int(glyph) < codeOfGlyph.count else { return nil }
        let code = codeOfGlyph[Int(glyph)]
        guard code != 0, text.isEmpty || textOfCode[Int(code)] == text else { return nil }
        return PlacedGlyph(target: index, code: code, width: widthOfCode[Int(code)])
    }
}

/// A glyph as the content stream writes it: which font (an index into the document's targets), its code there
/// and its width in 1/1000 em.
struct PlacedGlyph {
    var target: Int
    var code: UInt16
    var width: Int
}
