import Testing
@testable import Vocabulary

@Suite struct EducationTests {
    @Test func levelsAreOrderedLowToHigh() {
        #expect(EducationLevel.allCases.sorted() == [.highSchool, .associate, .bachelor, .secondBachelor, .master, .doctor])
        #expect(EducationLevel.associate < .bachelor)
        #expect(EducationLevel.doctor > .master)
    }

    @Test(arguments: [
        ("high-school", EducationLevel.highSchool), ("中专", .highSchool), ("技校", .highSchool),
        ("associate", .associate), ("大专", .associate), ("高职", .associate),
        ("本科", .bachelor), ("双学士", .secondBachelor), ("研究生班", .secondBachelor),
        ("硕士", .master), ("doctor", .doctor), ("博士", .doctor),
    ])
    func levelByIdOrName(text: String, level: EducationLevel) throws {
        #expect(try EducationLevel(idOrName: text) == level)
    }

    @Test func unknownLevelListsTheKnownOnes() {
        let error = #expect(throws: ValidationError.self) { try EducationLevel(idOrName: "幼儿园") }
        #expect(error?.code == .educationLevelUnknown)
        #expect(error?.message.contains("bachelor（本科）") == true)
    }

    @Test func degreesAndVerification() throws {
        #expect(try DegreeLevel(idOrName: "学士") == .bachelor)
        #expect(try DegreeLevel(idOrName: "master") == .master)
        #expect(throws: ValidationError.self) { try DegreeLevel(idOrName: "本科") }
        #expect(try VerificationStatus(idOrName: "verified") == .verified)
        #expect(throws: ValidationError.self) { try VerificationStatus(idOrName: "ok") }
    }
}
