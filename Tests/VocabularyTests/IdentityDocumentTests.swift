import Testing
@testable import Vocabulary

@Suite struct IdentityDocumentTests {
    let today = try! CalendarDate(year: 2026, month: 11, day: 24)

    @Test(arguments: [
        ("resident-id", "11010519491231002x", "11010519491231002X"),
        ("居民身份证", "110105491231002", "11010519491231002X"),
        ("officer-id", "南字第1234567号", "南字第1234567号"),
        ("officer-id", "20011988", "20011988"),
        ("passport", "e12345678", "E12345678"),
        ("护照", "X 1234 5678", "X12345678"),
        ("hk-macau-permit", "H12345678", "H12345678"),
        ("hk-macau-permit", "m1234567801", "M1234567801"),
        ("台胞证", "12345678", "12345678"),
        ("foreign-permanent-residence", "USA310012345678", "USA310012345678"),
    ])
    func accepts(type: String, number: String, stored: String) throws {
        let document = try IdentityDocument(type: IDType(idOrName: type), number: number, today: today)
        #expect(document.number == stored)
    }

    @Test(arguments: [
        ("resident-id", "110105194912310021", "id-check-digit"),
        ("officer-id", "字第1234567号", "id-format"),
        ("officer-id", "12345", "id-format"),
        ("passport", "E1234", "id-format"),
        ("passport", "E1234567-8", "id-format"),
        ("hk-macau-permit", "A12345678", "id-format"),
        ("hk-macau-permit", "H1234567", "id-format"),
        ("taiwan-permit", "1234567", "id-format"),
        ("taiwan-permit", "T2345678", "id-format"),
        ("foreign-permanent-residence", "US3100123456789", "id-format"),
        ("foreign-permanent-residence", "USA31001234567", "id-format"),
        ("passport", "   ", "empty"),
    ])
    func refuses(type: String, number: String, code: String) throws {
        let error = #expect(throws: ValidationError.self) {
            try IdentityDocument(type: IDType(idOrName: type), number: number, today: today)
        }
        #expect(error?.code.rawValue == code)
    }

    /// The 2023 card: 9, province 11, nationality 156? no — 840 (USA), birth 1985-03-12, sequence 001.
    @Test func permanentResidence2023() throws {
        let first17 = "91184019850312001"
        let number = first17 + String(Character(Unicode.Scalar(ResidentIDNumber.checkCharacter(for: Array(first17.utf8)))))
        let document = try IdentityDocument(type: .foreignPermanentResidence, number: number, today: today)
        #expect(document.birthDate?.description == "1985-03-12")
        #expect(document.gender == .male)
        let wrong = String(number.dropLast()) + (number.last == "0" ? "1" : "0")
        let error = #expect(throws: ValidationError.self) {
            try IdentityDocument(type: .foreignPermanentResidence, number: wrong, today: today)
        }
        #expect(error?.code == .idCheckDigit)
        #expect(throws: ValidationError.self) {
            try IdentityDocument(type: .foreignPermanentResidence, number: "919840" + "19850312001" + "0", today: today)
        }
    }

    @Test func residentIDGivesGenderAndBirthDate() throws {
        let document = try IdentityDocument(type: .residentID, number: "440305198808080004", today: today)
        #expect(document.gender == .female)
        #expect(document.birthDate == (try CalendarDate(year: 1988, month: 8, day: 8)))
    }

    @Test func idTypesByIdOrName() throws {
        for type in IDType.allCases {
            #expect(try IDType(idOrName: type.rawValue) == type)
            #expect(try IDType(idOrName: type.chinese) == type)
        }
        #expect(try IDType(idOrName: "身份证") == .residentID)
        let error = #expect(throws: ValidationError.self) { try IDType(idOrName: "驾驶证") }
        #expect(error?.code == .idTypeUnknown)
    }
}
