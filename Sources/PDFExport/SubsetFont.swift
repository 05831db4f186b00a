internal import CHarfBuzz
import FormLayout

/// A subset of one face, ready to embed: the font program, the codes the content stream uses for each glyph,
/// their widths and the text each glyph stands for.
///
/// Codes (Identity-H, two bytes): for CFF outlines (Noto CJK, CID-keyed) assembled from a glyph library,
/// 1, 2, 3… (the assembled font's CIDs); subset by HarfBuzz, the ORIGINAL glyph ID, because HarfBuzz 6.0 keeps
/// the original CIDs in the subset's charset — either way embedded as a bare CFF (`CIDFontType0C`).
/// For TrueType outlines (HanaMin) the subset's new glyph ID, with `CIDToGIDMap /Identity`.
struct SubsetFont {
    let face: FontFace
    /// `ABCDEF+PostScriptName`
    let baseFont: String
    /// The font program: the bare CFF table, or the whole TrueType subset.
    let program: [UInt8]
    let isCFF: Bool
    /// Original glyph ID → code in the content stream.
    let codes: [UInt32: UInt16]
    /// Code → text (ToUnicode).
    let texts: [(code: UInt16, text: String)]


    /// Tables a PDF viewer never reads from an embedded font.
    private static let droppedTables = ["name", "GDEF", "BASE", "JSTF", "MATH", "vhea", "vmtx", "VORG", "DSIG", "hdmx", "LTSH", "VDMX", "kern", "gasp", "cmap", "GSUB", "GPOS"]

    /// Subsets `face` to `glyphs` (original IDs → the text each prints).
    init(face: FontFace, glyphs: [UInt32: String]) throws {
        self.face = face
        let sorted = glyphs.keys.sorted()
        guard let input = hb_subset_input_create_or_fail() else { throw PDFExportError.fontProgram(face: face.name, reason: "out of memory") }
        defer { hb_subset_input_destroy(input) }
        let set = hb_subset_input_glyph_set(input)
        hb_set_add(set, 0)
        for glyph in sorted { hb_set_add(set, glyph) }
        let drop = hb_subset_input_set(input, HB_SUBSET_SETS_DROP_TABLE_TAG)
        for tag in SubsetFont.droppedTables { hb_set_add(drop, FontFace.tag(tag)) }
        var flags = HB_SUBSET_FLAGS_DEFAULT.rawValue
        // Hints are dropped (CJK hinting changes nothing at form sizes) and charstrings desubroutinised (which
        // `CFFGlyphLibrary` relies on: it reuses each charstring without its subroutines): a
        // subset of a few dozen glyphs keeps whole subroutines it barely uses. Measured on the bench forms:
        // 8.1 KB instead of 8.6 KB per document subset, and 20 % faster; 24.4 KB instead of 29.8 KB shared.
        flags |= HB_SUBSET_FLAGS_NO_HINTING.rawValue | HB_SUBSET_FLAGS_DESUBROUTINIZE.rawValue
        hb_subset_input_set_flags(input, flags)
        guard let plan = hb_subset_plan_create_or_fail(face.subsetSource, input) else {
            throw PDFExportError.fontProgram(face: face.name, reason: "HarfBuzz could not plan the subset")
        }
        defer { hb_subset_plan_destroy(plan) }
        guard let subset = hb_subset_plan_execute_or_fail(plan) else {
            throw PDFExportError.fontProgram(face: face.name, reason: "HarfBuzz could not subset it")
        }
        defer { hb_face_destroy(subset) }

        isCFF = face.outlines == .cff
        let blob = isCFF ? hb_face_reference_table(subset, FontFace.tag("CFF "))! : hb_face_reference_blob(subset)!
        defer { hb_blob_destroy(blob) }
        var length: UInt32 = 0
        guard let data = hb_blob_get_data(blob, &length), length > 0 else {
            throw PDFExportError.fontProgram(face: face.name, reason: "the subset has no \(isCFF ? "CFF table" : "data")")
        }
        program = data.withMemoryRebound(to: UInt8.self, capacity: Int(length)) { Array(UnsafeBufferPointer(start: $0, count: Int(length))) }

        var codes: [UInt32: UInt16] = [:]
        let mapping = hb_subset_plan_old_to_new_glyph_mapping(plan)
        for glyph in sorted {
            let code = isCFF ? glyph : hb_map_get(mapping, glyph)
            guard code != UInt32.max, code <= 0xFFFF else {
                throw PDFExportError.fontProgram(face: face.name, reason: "glyph \(glyph) cannot be given a two-byte code")
            }
            codes[glyph] = UInt16(code)
        }
        self.codes = codes
        texts = sorted.compactMap { glyph in
            let text = glyphs[glyph] ?? ""
            return text.isEmpty ? nil : (codes[glyph]!, text)
        }.sorted { $0.code < $1.code }
        baseFont = SubsetFont.tag(face: face.name, glyphs: sorted) + "+" + face.postScriptName
    }

    /// A CFF face's subset assembled from a glyph library (no HarfBuzz subsetting per document); codes are the
    /// assembled font's CIDs: 1, 2, 3… in glyph order (`CFFGlyphLibrary.assemble`).
    init(library: CFFGlyphLibrary, glyphs: [UInt32: String]) throws {
        face = library.face
        let sorted = glyphs.keys.sorted()
        guard sorted.last.map({ $0 <= 0xFFFF }) ?? true else {
            throw PDFExportError.fontProgram(face: face.name, reason: "glyph \(sorted.last!) beyond 65,535")
        }
        do {
            program = try library.assemble(sorted)
        } catch let error as CFF.Failure {
            throw PDFExportError.fontProgram(face: face.name, reason: error.description)
        }
        isCFF = true
        var codes: [UInt32: UInt16] = [:]
        for (index, glyph) in sorted.filter({ $0 != 0 }).enumerated() { codes[glyph] = UInt16(index + 1) }
        if glyphs[0] != nil { codes[0] = 0 }
        self.codes = codes
        texts = sorted.compactMap { glyph in
            let text = glyphs[glyph] ?? ""
            return text.isEmpty ? nil : (codes[glyph]!, text)
        }
        baseFont = SubsetFont.tag(face: face.name, glyphs: sorted) + "+" + face.postScriptName
    }

    /// Width of a glyph in 1/1000 em.
    func width(_ glyph: UInt32) -> Int {
        (face.advance(glyph) * 1000 + face.unitsPerEm / 2) / face.unitsPerEm
    }

    /// Six capital letters derived from the glyph set: the same subset always gets the same tag.
    static func tag(face: String, glyphs: [UInt32]) -> String {
        var hash: UInt64 = 0xcbf29ce484222325
        func mix(_ byte: UInt8) { hash = (hash ^ UInt64(byte)) &* 0x100000001b3 }
        for byte in face.utf8 { mix(byte) }
        for glyph in glyphs { for shift in stride(from: 0, to: 32, by: 8) { mix(UInt8(truncatingIfNeeded: glyph >> UInt32(shift))) } }
        var letters = ""
        for _ in 0..<6 {
            letters.append(Character(Unicode.Scalar(UInt8(65 + hash % 26))))
            hash /= 26
        }
        return letters
    }
}
