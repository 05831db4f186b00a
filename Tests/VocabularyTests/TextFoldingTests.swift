import Foundation
import Testing
@testable import Vocabulary

@Suite struct TextFoldingTests {
    /// `trimmingSpaces` replaces Foundation's `trimmingCharacters(in: .whitespaces)` in the parsers and
    /// the rule loader: it must trim exactly what that one trims — tabs and every space separator, not
    /// line breaks, nothing inside.
    @Test(arguments: ["", " ", "\t \t", "土木工程", " 土木工程 ", "\u{3000}北京市\u{3000}", "\u{00A0}a\u{00A0}",
                      "\u{2003}x y\u{2009}", "\n110000\n", " \r\n ", "a\u{200B}", "\u{FEFF}a", " 中 文 ", "\u{1680}z"])
    func trimsWhatFoundationTrims(text: String) {
        #expect(text.trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
        #expect(text[...].trimmingSpaces() == text.trimmingCharacters(in: .whitespaces))
    }

    @Test func everySpaceSeparatorAndNothingElseIsASpace() {
        for value in UInt32(0)...0x3100 {
            guard let scalar = Unicode.Scalar(value) else { continue }
            #expect(scalar.isSpace == CharacterSet.whitespaces.contains(scalar), "U+\(String(value, radix: 16))")
        }
    }
}
