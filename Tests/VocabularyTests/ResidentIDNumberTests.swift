import Testing
@testable import Vocabulary

struct ResidentIDCase: Decodable, CustomTestStringConvertible, Sendable {
    let note: String
    let input: String
    let number: String?
    let birth: String?
    let gender: String?
    let legacy: Bool?
    let warning: String?
    let error: String?
    var testDescription: String { note }
}

struct ResidentIDFixture: Decodable {
    let today: String
    let cases: [ResidentIDCase]
}

@Suite struct ResidentIDNumberTests {
    static let fixture: ResidentIDFixture = try! Vocabulary_fixture()
    static let today = try! CalendarDate.parse(fixture.today)

    @Test("the fixture covers every check character and at least 30 cases")
    func fixtureIsComplete() {
        let cases = Self.fixture.cases
        #expect(cases.count >= 30)
        let finals = Set(cases.compactMap { $0.number?.last })
        #expect(finals == Set("0123456789X"))
    }

    @Test(arguments: fixture.cases)
    func residentID(_ c: ResidentIDCase) throws {
        if let code = c.error {
            let error = #expect(throws: ValidationError.self) { try ResidentIDNumber(c.input, today: Self.today) }
            #expect(error?.code.rawValue == code, "\(error?.message ?? "")")
            #expect(error?.message.isEmpty == false)
            return
        }
        let id = try ResidentIDNumber(c.input, today: Self.today)
        #expect(id.value == c.number)
        #expect(id.birthDate.description == c.birth)
        #expect(id.gender.rawValue == c.gender)
        #expect(id.convertedFromLegacy == (c.legacy ?? false))
        #expect(id.warnings.map(\.code) == (c.warning.map { [$0] } ?? []))
    }

    @Test func checkCharacterFollowsMOD11_2() {
        #expect(ResidentIDNumber.checkCharacter(for: Array("11010519491231002".utf8)) == UInt8(ascii: "X"))
        #expect(ResidentIDNumber.checkCharacter(for: Array("44030519880808123".utf8)) == UInt8(ascii: "4"))
    }

    @Test func maskedHidesTheBirthDate() throws {
        let id = try ResidentIDNumber("11010519491231002X", today: Self.today)
        #expect(id.masked == "110105********002X")
    }

    @Test func errorNamesTheExpectedCheckCharacter() {
        let error = #expect(throws: ValidationError.self) { try ResidentIDNumber("110105194912310021", today: Self.today) }
        #expect(error?.message.contains("应为X") == true)
    }
}

func Vocabulary_fixture() throws -> ResidentIDFixture { try fixture("resident-ids.json") }
