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
    /// Original glyph ID → the text it prints in the shared ToUnicode (a glyph printing other text goes to
    /// the document's own subset, so copying always gives the right characters).
    let glyphTexts: [UInt32: String]
    let objects: [(number: Int, bytes: [UInt8], isStream: Bool)]

    init(face: Int, target: GlyphTarget, glyphTexts: [UInt32: String], objects: [(number: Int, bytes: [UInt8], isStream: Bool)]) {
        self.face = face
        self.target = target
        self.glyphTexts = glyphTexts
        self.objects = objects
    }
}
