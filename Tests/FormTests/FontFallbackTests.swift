import FormLayout
import Testing

/// Per-character fallback along Fonts/fonts.yaml, and a precise error for a character no face has.
@Suite struct FontFallbackTests {
    @Test func eachCharacterTakesTheFirstFaceThatHasIt() throws {
        let fonts = try Shared.fonts.get()
        let shaper = Shaper(fonts: fonts)
        let faces = try shaper.shape("王𠮷𪚥䶮").map { fonts.faces[$0.face].name }
        #expect(faces == ["Noto Sans CJK SC", "Noto Sans CJK SC", "HanaMinA", "Noto Sans CJK SC"])
        // 𠀁 (U+20001, Extension B) is in HanaMin B only (fc-query charsets).
        #expect(try shaper.shape("\u{20001}").map { fonts.faces[$0.face].name } == ["HanaMinB"])
    }

    @Test func theConfigurationNamesVerifiedFaces() throws {
        let configuration = try FontConfiguration.load(from: repositoryRoot.appendingPathComponent("Fonts/fonts.yaml"))
        #expect(configuration.faces.first?.name == "Noto Sans CJK SC")
        #expect(configuration.faces.first?.index == 2)  // fc-query: 0 JP, 1 KR, 2 SC
        #expect(configuration.faces.map(\.name) == ["Noto Sans CJK SC", "HanaMinA", "HanaMinB"])
    }

    @Test func aCharacterNoFaceHasIsAnErrorNamingIt() throws {
        let shaper = Shaper(fonts: try Shared.fonts.get())
        #expect(throws: FontError.missingCharacter("\u{10FFFD}", codePoint: "U+10FFFD")) { try shaper.shape("王\u{10FFFD}") }
        let description = FontError.missingCharacter("\u{10FFFD}", codePoint: "U+10FFFD").description
        #expect(description.contains("U+10FFFD") && description.contains("fonts.yaml"))

        var form = SampleApplications.base("BK2026000200", name: "王\u{10FFFD}")
        form.qrPayload = Shared.verifier.payload(for: form)
        do {
            _ = try renderer().render(form)
            Issue.record("a character no font has must be an error")
        } catch let error as FormError {
            #expect(error == .text(field: "姓名", .missingCharacter("\u{10FFFD}", codePoint: "U+10FFFD")))
            #expect("\(error)".hasPrefix("姓名: no configured font has the character"))
        }
    }

    @Test func coverageCanBeCheckedBeforePrinting() throws {
        let fonts = try Shared.fonts.get()
        try fonts.checkCoverage("王𠮷𪚥䶮·[沛]")
        #expect(throws: FontError.missingCharacter("\u{E000}", codePoint: "U+E000")) { try fonts.checkCoverage("王\u{E000}") }
    }

    @Test func controlCharactersPrintNothingAndNeverCrash() throws {
        let shaper = Shaper(fonts: try Shared.fonts.get())
        let clusters = try shaper.shape("王\u{0}\u{7}晓\u{200B}明")
        #expect(clusters.map(\.text).joined() == "王晓明")
    }

    @Test func aMissingFontFileIsAnError() throws {
        #expect(throws: FontError.self) { try FontFace(.init(name: "nothing", path: "/nonexistent/font.ttf")) }
        #expect(throws: FontError.self) { try FontFace(.init(name: "bad index", path: "/usr/share/fonts/truetype/hanazono/HanaMinA.ttf", index: 7)) }
    }
}
