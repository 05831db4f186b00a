import Testing
@testable import Vocabulary

@Suite struct PersonNameTests {
    /// The shortcut for plain names must agree with the full normalisation and validation.
    @Test func plainNamesTakeTheFullPathsResult() throws {
        let ranges: [ClosedRange<UInt32>] = [0x4E00...0x9FFF, 0x3400...0x4DBF, 0x20000...0x2A6DF]
        for value in ranges.joined() {
            let text = String(Unicode.Scalar(value)!)
            #expect(PersonName.isPlain(text))
            #expect(try PersonName.normalised(text) == text)
            #expect(try PersonName.normalised("王" + text + "明") == "王" + text + "明")
        }
        let plain = ["王晓明", "王𠮷", "𪚥", "李䶮", "阿依古丽·买买提", "王晓[沛]", "[沛]晓[沛]", "JOHN SMITH", "Mary-Jane O'Neil",
                     "a", "A·B", "[沛]·买", "王A", "Ab Cd-Ef", String(repeating: "王", count: PersonName.maximumLength)]
        for text in plain {
            #expect(PersonName.isPlain(text), "\(text)")
            #expect(try PersonName.normalised(text) == text, "\(text)")
        }
        let other = ["", " 王", "王 明", "王 ", "·王", "王·", "王··明", "王[沛", "王沛]", "[]", "[沛晓]", "[A]", "[[沛]]", "[·沛]",
                     "A  B", "A -B", "A- B", "-A", "A'", "王-明", "A B C ", "王〇", "Zoë", "王。明", "王.明", "王\t明",
                     String(repeating: "王", count: PersonName.maximumLength + 1)]
        for text in other { #expect(!PersonName.isPlain(text), "\(text)") }
    }

    @Test(arguments: [
        ("王晓明", "王晓明"),
        ("  王晓明　", "王晓明"),
        ("王𠮷", "王𠮷"),
        ("𪚥", "𪚥"),
        ("李䶮", "李䶮"),
        ("阿依古丽·买买提", "阿依古丽·买买提"),
        ("阿依古丽•买买提", "阿依古丽·买买提"),
        ("阿依古丽‧买买提", "阿依古丽·买买提"),
        ("阿依古丽･买买提", "阿依古丽·买买提"),
        ("阿依古丽・买买提", "阿依古丽·买买提"),
        ("阿依古丽.买买提", "阿依古丽·买买提"),
        ("阿依古丽 · 买买提", "阿依古丽·买买提"),
        ("王晓[沛]", "王晓[沛]"),
        ("王晓［沛］", "王晓[沛]"),
        ("王晓【沛】", "王晓[沛]"),
        ("[沛]晓[沛]", "[沛]晓[沛]"),
        ("王 晓明", "王晓明"),
        ("JOHN  SMITH", "JOHN SMITH"),
        ("ＪＯＨＮ　ＳＭＩＴＨ", "JOHN SMITH"),
        ("Mary-Jane O'Neil", "Mary-Jane O'Neil"),
        ("Zoë", "Zoë"),
        ("Zoe\u{0308}", "Zoë"),
        ("王〇", "王〇"),
    ])
    func normalises(input: String, expected: String) throws {
        #expect(try PersonName(input).value == expected)
    }

    @Test(arguments: [
        ("", "empty"),
        ("   ", "empty"),
        ("王\u{0007}明", "name-control-character"),
        ("王\u{200B}明", "name-control-character"),
        ("王\t明", "name-control-character"),
        ("王晓[沛", "name-bracket"),
        ("王晓沛]", "name-bracket"),
        ("王晓[]", "name-bracket"),
        ("王晓[沛沛]", "name-bracket"),
        ("王[晓[沛]]", "name-bracket"),
        ("·买买提", "name-dot"),
        ("买买提·", "name-dot"),
        ("阿依古丽··买买提", "name-dot"),
        ("王晓明2", "name-invalid-character"),
        ("王晓明!", "name-invalid-character"),
        ("Robert'); DROP TABLE", "name-invalid-character"),
        ("王-明", "name-invalid-character"),
        (String(repeating: "王", count: 51), "name-too-long"),
    ])
    func refuses(input: String, code: String) {
        let error = #expect(throws: ValidationError.self) { try PersonName(input) }
        #expect(error?.code.rawValue == code, "\(error?.message ?? "")")
    }

    @Test func invalidCharacterIsNamedWithItsCodePoint() {
        let error = #expect(throws: ValidationError.self) { try PersonName("王晓明!") }
        #expect(error?.message.contains("U+0021") == true)
    }

    @Test func placeholdersAndSupplementaryCharacters() throws {
        #expect(try PersonName("王晓[沛]").placeholders == ["沛"])
        #expect(try PersonName("王𠮷𪚥").supplementaryCharacters == ["𠮷", "𪚥"])
        #expect(try PersonName("王晓明").supplementaryCharacters.isEmpty)
    }
}
