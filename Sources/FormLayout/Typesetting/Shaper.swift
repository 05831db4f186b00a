internal import CHarfBuzz

/// One glyph as HarfBuzz placed it, in font units.
public struct ShapedGlyph: Hashable, Sendable {
    public var id: UInt32
    public var advance: Int32
    public var xOffset: Int32
    public var yOffset: Int32
}

/// The smallest unit that lines break between: the glyphs of one or more characters, in one face.
public struct ShapedCluster: Hashable, Sendable {
    /// The characters this cluster prints (what copying or `pdftotext` must give back).
    public var text: String
    public var face: Int
    public var glyphs: [ShapedGlyph]
    /// The advance in em (font units / units per em).
    public var width: Double
    /// A line break the text asks for (`\n`): no glyphs.
    public var isHardBreak: Bool
    public var isSpace: Bool
}

/// Shapes text with HarfBuzz, face by face along the fallback list.
///
/// Ligatures and kerning are off: the form prints data, one glyph per character keeps the text extractable
/// character by character, and advances then equal the PDF widths.
public struct Shaper: Sendable {
    public let fonts: FontSet

    public init(fonts: FontSet) {
        self.fonts = fonts
    }

    private static let features: [hb_feature_t] = ["liga=0", "clig=0", "dlig=0", "kern=0"].map { text in
        var feature = hb_feature_t()
        _ = hb_feature_from_string(text, -1, &feature)
        return feature
    }

    nonisolated(unsafe) private static let language = hb_language_from_string("zh-Hans", -1)

    /// Printable ASCII and the common CJK blocks: neither controls nor marks, so the (slow) Unicode property
    /// lookups can be skipped for almost every character of a form.
    static func isPlain(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x21...0x7E, 0x3001...0x303F, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xFF01...0xFF5E, 0x20000...0x2FA1F: return true
        default: return false
        }
    }

    /// Shapes a text into clusters; a character no face has throws `FontError.missingCharacter`.
    public func shape(_ text: String) throws -> [ShapedCluster] {
        var scalars: [UInt32] = []
        var faceOfScalar: [Int] = []
        scalars.reserveCapacity(text.unicodeScalars.count)
        for scalar in text.unicodeScalars {
            var scalar = scalar
            if scalar == "\t" || scalar == "\r" { scalar = " " }
            if scalar == "\n" {
                scalars.append(scalar.value)
                faceOfScalar.append(-1)
                continue
            }
            let plain = Shaper.isPlain(scalar)
            if !plain, scalar.properties.generalCategory == .control || scalar.properties.generalCategory == .format && !scalar.attachesToPrevious {
                continue  // invisible controls print nothing
            }
            if !plain, scalar.attachesToPrevious, let previous = faceOfScalar.last, previous >= 0 {
                scalars.append(scalar.value)
                faceOfScalar.append(previous)
                continue
            }
            guard let face = fonts.faceIndex(for: scalar) else {
                throw FontError.missingCharacter(Character(scalar), codePoint: scalar.codePointText)
            }
            scalars.append(scalar.value)
            faceOfScalar.append(face)
        }

        var clusters: [ShapedCluster] = []
        clusters.reserveCapacity(scalars.count)
        guard let buffer = hb_buffer_create() else { throw FontError.shapingFailed("cannot create a buffer") }
        defer { hb_buffer_destroy(buffer) }
        var runStart = 0
        while runStart < scalars.count {
            let face = faceOfScalar[runStart]
            var runEnd = runStart + 1
            while runEnd < scalars.count, faceOfScalar[runEnd] == face, face >= 0 { runEnd += 1 }
            if face < 0 {
                clusters.append(ShapedCluster(text: "\n", face: 0, glyphs: [], width: 0, isHardBreak: true, isSpace: false))
            } else {
                try shapeRun(scalars, runStart..<runEnd, face: face, buffer: buffer, into: &clusters)
            }
            runStart = runEnd
        }
        return clusters
    }

    private func shapeRun(_ scalars: [UInt32], _ range: Range<Int>, face: Int, buffer: OpaquePointer, into clusters: inout [ShapedCluster]) throws {
        let fontFace = fonts.faces[face]
        hb_buffer_clear_contents(buffer)
        scalars.withUnsafeBufferPointer { pointer in
            hb_buffer_add_codepoints(buffer, pointer.baseAddress, Int32(pointer.count), UInt32(range.lowerBound), Int32(range.count))
        }
        hb_buffer_set_direction(buffer, HB_DIRECTION_LTR)
        hb_buffer_set_language(buffer, Shaper.language)
        hb_buffer_guess_segment_properties(buffer)
        Shaper.features.withUnsafeBufferPointer { features in
            hb_shape(fontFace.font, buffer, features.baseAddress, UInt32(features.count))
        }
        guard hb_buffer_allocation_successful(buffer) != 0 else { throw FontError.shapingFailed("out of memory") }
        var count: UInt32 = 0
        let infos = hb_buffer_get_glyph_infos(buffer, &count)!
        let positions = hb_buffer_get_glyph_positions(buffer, &count)!
        let glyphCount = Int(count)
        let unitsPerEm = Double(fontFace.unitsPerEm)
        var index = 0
        while index < glyphCount {
            let cluster = Int(infos[index].cluster)
            var glyphs: [ShapedGlyph] = []
            var advance: Int32 = 0
            var next = index
            while next < glyphCount, Int(infos[next].cluster) == cluster {
                let position = positions[next]
                if infos[next].codepoint == 0, let scalar = Unicode.Scalar(scalars[Int(infos[next].cluster)]) {
                    throw FontError.missingCharacter(Character(scalar), codePoint: scalar.codePointText)
                }
                glyphs.append(ShapedGlyph(id: infos[next].codepoint, advance: position.x_advance, xOffset: position.x_offset, yOffset: position.y_offset))
                advance += position.x_advance
                next += 1
            }
            let clusterEnd = next < glyphCount ? Int(infos[next].cluster) : range.upperBound
            var text = String.UnicodeScalarView()
            for value in scalars[cluster..<max(cluster + 1, clusterEnd)] {
                if let scalar = Unicode.Scalar(value) { text.append(scalar) }
            }
            let string = String(text)
            let isSpace = string.unicodeScalars.allSatisfy { $0 == " " || $0 == "\u{3000}" || (!$0.isASCII && !Shaper.isPlain($0) && $0.properties.isWhitespace) }
            clusters.append(ShapedCluster(text: string, face: face, glyphs: glyphs, width: Double(advance) / unitsPerEm, isHardBreak: false, isSpace: isSpace))
            index = next
        }
    }
}
