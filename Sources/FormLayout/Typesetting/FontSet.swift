import Foundation

/// The configured faces in fallback order, loaded (and preprocessed for subsetting) once.
///
/// Each character is set in the first face whose cmap has it; a character that no face has is an error naming
/// it and its code point, never a blank box.
public final class FontSet: Sendable {
    public let faces: [FontFace]

    public init(faces: [FontFace]) throws {
        guard !faces.isEmpty else { throw FontError.configuration("no font faces configured") }
        self.faces = faces
    }

    /// Loads every face of a configuration.
    ///
    /// - Parameter preprocess: run `hb_subset_preprocess` on the primary face's subset source. Off by default,
    ///   measured with `scripts/bench-forms` (2,000 forms): when documents were still subset by HarfBuzz one by
    ///   one (~45 glyphs from a cmap-less source, whose parsed tables HarfBuzz caches on the face anyway),
    ///   preprocessing Noto CJK made no difference to the forms per CPU-second (about 1,000 either way) while
    ///   it took up to a second and raised peak memory from 38 MB to 354 MB. Since then the PDF writer cuts
    ///   each glyph out once (`CFFGlyphLibrary`), so HarfBuzz subsets the primary face only when a glyph is new.
    ///   Fallback faces are never preprocessed: they print a rare character now and then.
    public convenience init(configuration: FontConfiguration, preprocess: Bool = false) throws {
        try self.init(faces: configuration.faces.enumerated().map { index, face in
            try FontFace(face, preprocess: preprocess && index == 0)
        })
    }

    /// Loads `Fonts/fonts.yaml` from its default place (`FontConfiguration.defaultURL`).
    public static func loadDefault(preprocess: Bool = false) throws -> FontSet {
        guard let url = FontConfiguration.defaultURL() else {
            throw FontError.configuration("cannot find Fonts/fonts.yaml; set $BAOKAO_FONTS to its path")
        }
        return try FontSet(configuration: FontConfiguration.load(from: url), preprocess: preprocess)
    }

    /// The index of the first face that has this scalar.
    package func faceIndex(for scalar: Unicode.Scalar) -> Int? {
        faces.firstIndex { $0.nominalGlyph(scalar) != nil }
    }

    /// Checks that every character of a text can be printed; throws naming the first that cannot.
    public func checkCoverage(_ text: String) throws {
        _ = try Shaper(fonts: self).shape(text)
    }
}

extension Unicode.Scalar {
    /// `U+20BB7`
    var codePointText: String {
        let hex = String(value, radix: 16, uppercase: true)
        return "U+" + String(repeating: "0", count: max(0, 4 - hex.count)) + hex
    }

    /// Variation selectors, joiners and combining marks: set in the face of the character they modify.
    var attachesToPrevious: Bool {
        switch value {
        case 0xFE00...0xFE0F, 0xE0100...0xE01EF, 0x200C, 0x200D, 0x180B...0x180D: return true
        default:
            switch properties.generalCategory {
            case .nonspacingMark, .enclosingMark, .spacingMark: return true
            default: return false
            }
        }
    }
}
