import FormLayout

/// Renders registration forms to PDF, many per process: fonts are loaded once, the form's fixed texts are
/// shaped once and their glyphs subset once (`PDFWriter`'s shared subset), so each form only shapes its values
/// and embeds the few glyphs the shared subset lacks (from a per-glyph cache that fills as forms go by).
///
/// `render` is safe to call from several threads; the same form always gives the same bytes.
public final class FormRenderer: Sendable {
    public let layouter: FormLayouter
    public let writer: PDFWriter
    public let options: PDFOptions

    /// Characters that values print often enough to share across forms (digits, the ID letter X, date and fee
    /// signs). Every shared glyph costs each PDF its bytes, so this stays short; measured in `scripts/bench-forms`.
    public static let defaultSharedCharacters = "0123456789X-.@年月日元族汉合计（）；"

    public init(fonts: FontSet, sharedCharacters: String = FormRenderer.defaultSharedCharacters, options: PDFOptions = PDFOptions()) throws {
        layouter = try FormLayouter(fonts: fonts)
        let shaper = Shaper(fonts: fonts)
        var shared: [Int: [UInt32: String]] = [:]
        for text in FormLayouter.templateTexts + [sharedCharacters] {
            for cluster in try shaper.shape(text) where !cluster.isHardBreak {
                for (index, glyph) in cluster.glyphs.enumerated() where glyph.id != 0 {
                    let glyphText = index == 0 ? cluster.text : ""
                    if shared[cluster.face, default: [:]][glyph.id]?.isEmpty ?? true {
                        shared[cluster.face, default: [:]][glyph.id] = glyphText
                    }
                }
            }
        }
        writer = try PDFWriter(fonts: fonts, sharedGlyphs: shared)
        self.options = options
    }

    /// Loads `Fonts/fonts.yaml` from its default place and prepares everything.
    public convenience init(options: PDFOptions = PDFOptions()) throws {
        try self.init(fonts: FontSet.loadDefault(), options: options)
    }

    /// The PDF of one form. Throws `FormError` for content that cannot be printed (a character no font has,
    /// a bad photo, a form too long for one page), `PDFExportError` when a font cannot be embedded.
    public func render(_ form: RegistrationForm) throws -> [UInt8] {
        try writer.write(layouter.layout(form), options: options)
    }
}
