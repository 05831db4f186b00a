internal import CHarfBuzz

/// One loaded face: a HarfBuzz font for shaping (with its cmap), and — for embedding — a subset source built
/// from the outline and metric tables only (no `cmap`, `GSUB`, `GPOS`), optionally preprocessed once
/// (`hb_subset_preprocess`).
///
/// Why the cmap-less source: HarfBuzz 6.0 pulls every IVS variant of a used character in through cmap format 14,
/// which triples a HanaMin subset; glyph IDs are unchanged, and a CID-keyed PDF font needs no cmap
/// (`/work/shared/notes/pdf-cjk.md`). Preprocessing costs up to a second for Noto, so it happens at most once
/// per face; see `FontSet.init(configuration:preprocess:)` for why it is off by default.
///
/// Thread safety: everything is created in `init` and HarfBuzz objects are made immutable; HarfBuzz reads
/// immutable faces and fonts from several threads safely.
public final class FontFace: @unchecked Sendable {
    /// How the outlines are stored, which decides how the PDF embeds the face.
    package enum Outlines: Sendable { case cff, trueType }

    public let name: String
    public let path: String
    package let unitsPerEm: Int
    package let outlines: Outlines
    /// The shaping font (scale = units per em, so positions are in font units).
    package let font: OpaquePointer
    /// The cmap-less, preprocessed face that subsets are cut from.
    package let subsetSource: OpaquePointer
    /// The PostScript name, for the PDF's /BaseFont.
    package let postScriptName: String
    /// Font bounding box, ascender and descender, in font units.
    package let boundingBox: (Int, Int, Int, Int)
    package let ascender: Int
    package let descender: Int

    private let blob: OpaquePointer
    private let face: OpaquePointer
    private let builder: OpaquePointer

    public init(_ configured: FontConfiguration.Face, preprocess: Bool = false) throws {
        name = configured.name
        path = configured.path
        guard let blob = hb_blob_create_from_file_or_fail(configured.path) else {
            throw FontError.unreadableFont(path: configured.path, reason: "missing or unreadable (is the font package installed? run scripts/bootstrap)")
        }
        let count = Int(hb_face_count(blob))
        guard configured.index >= 0, configured.index < max(count, 1) else {
            hb_blob_destroy(blob)
            throw FontError.unreadableFont(path: configured.path, reason: "face index \(configured.index) out of range: the file has \(count) faces")
        }
        let face = hb_face_create(blob, UInt32(configured.index))!
        guard hb_face_get_glyph_count(face) > 0 else {
            hb_face_destroy(face)
            hb_blob_destroy(blob)
            throw FontError.unreadableFont(path: configured.path, reason: "not an OpenType/TrueType font (no glyphs)")
        }
        hb_face_make_immutable(face)
        self.blob = blob
        self.face = face
        unitsPerEm = Int(hb_face_get_upem(face))
        let font = hb_font_create(face)!
        hb_font_set_scale(font, Int32(unitsPerEm), Int32(unitsPerEm))
        hb_font_make_immutable(font)
        self.font = font
        outlines = FontFace.hasTable(face, "CFF ") ? .cff : .trueType
        postScriptName = FontFace.postScriptName(face) ?? configured.name
        (boundingBox, ascender, descender) = FontFace.metrics(face: face, font: font)

        builder = FontFace.cmapLessCopy(of: face)
        if preprocess, let preprocessed = hb_subset_preprocess(builder) {
            subsetSource = preprocessed
        } else {
            subsetSource = hb_face_reference(builder)
        }
        hb_face_make_immutable(subsetSource)
    }

    deinit {
        hb_face_destroy(subsetSource)
        hb_face_destroy(builder)
        hb_font_destroy(font)
        hb_face_destroy(face)
        hb_blob_destroy(blob)
    }

    /// The glyph the cmap gives for a scalar, if the face has it.
    package func nominalGlyph(_ scalar: Unicode.Scalar) -> UInt32? {
        var glyph: hb_codepoint_t = 0
        return hb_font_get_nominal_glyph(font, scalar.value, &glyph) != 0 && glyph != 0 ? glyph : nil
    }

    /// A glyph's advance in font units.
    package func advance(_ glyph: UInt32) -> Int {
        Int(hb_font_get_glyph_h_advance(font, glyph))
    }

    package static func tag(_ text: String) -> UInt32 {
        text.utf8.prefix(4).reduce(0) { ($0 << 8) | UInt32($1) }
    }

    private static func hasTable(_ face: OpaquePointer, _ tag: String) -> Bool {
        let blob = hb_face_reference_table(face, FontFace.tag(tag))!
        defer { hb_blob_destroy(blob) }
        return hb_blob_get_length(blob) > 0
    }

    /// The tables a PDF font program needs — outlines and horizontal metrics — in a face builder: the same glyph
    /// IDs, without cmap (no IVS bloat), GSUB/GPOS, vertical metrics, names or GDEF, so that each subset
    /// processes two or three tables instead of fifteen.
    private static func cmapLessCopy(of face: OpaquePointer) -> OpaquePointer {
        let builder = hb_face_builder_create()!
        let kept = Set(["CFF ", "glyf", "loca", "head", "hhea", "hmtx", "maxp", "OS/2", "post"].map(tag))
        var tags = [hb_tag_t](repeating: 0, count: 64)
        var start: UInt32 = 0
        while true {
            var count = UInt32(tags.count)
            let total = hb_face_get_table_tags(face, start, &count, &tags)
            for tag in tags.prefix(Int(count)) where kept.contains(tag) {
                let table = hb_face_reference_table(face, tag)!
                hb_face_builder_add_table(builder, tag, table)
                hb_blob_destroy(table)
            }
            start += count
            if count == 0 || start >= total { break }
        }
        return builder
    }

    private static func postScriptName(_ face: OpaquePointer) -> String? {
        var buffer = [CChar](repeating: 0, count: 128)
        var size = UInt32(buffer.count)
        let length = hb_ot_name_get_utf8(face, hb_ot_name_id_t(HB_OT_NAME_ID_POSTSCRIPT_NAME), hb_language_from_string("en", -1), &size, &buffer)
        guard length > 0 else { return nil }
        let name = String(decoding: buffer.prefix(Int(size)).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        let cleaned = String(name.unicodeScalars.filter { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "-") })
        return cleaned.isEmpty ? nil : cleaned
    }

    private static func metrics(face: OpaquePointer, font: OpaquePointer) -> ((Int, Int, Int, Int), Int, Int) {
        var extents = hb_font_extents_t()
        hb_font_get_h_extents(font, &extents)
        let blob = hb_face_reference_table(face, tag("head"))!
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        var box = (0, Int(extents.descender), Int(hb_face_get_upem(face)), Int(extents.ascender))
        if let data = hb_blob_get_data(blob, &length), length >= 44 {
            let bytes = UnsafeRawPointer(data).assumingMemoryBound(to: UInt8.self)
            func int16(_ offset: Int) -> Int { Int(Int16(bitPattern: UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1]))) }
            box = (int16(36), int16(38), int16(40), int16(42))
        }
        return (box, Int(extents.ascender), Int(extents.descender))
    }
}
