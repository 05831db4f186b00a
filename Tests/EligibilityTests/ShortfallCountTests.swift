import Testing
@testable import Eligibility
@testable import Rules

/// The failure report compares education records by counting their shortfalls on the requirement's
/// reference-free form; the count must be what the full check lists, or the report would explain a row by
/// the wrong record.
@Suite struct ShortfallCountTests {
    @Test func theCountIsWhatTheFullCheckLists() throws {
        var compared = 0
        for testCase in RuleCaseTests.cases {
            guard case .success(let app) = ApplicationDecoder.decode(testCase.application),
                  let c = try? Support.evaluator.prepare(app) else { continue }
            // Condition rows, and the requirements of exemptions and routes (which name qualifications to hold).
            let requirements = (c.exam.conditions + (c.overlay?.extraConditions ?? [])).map(\.requirement)
                + c.exam.exemptions.flatMap(\.alternatives) + c.exam.addSpecialty.flatMap(\.alternatives)
            for q in requirements {
                let records: [Int?] = q.needsRecord ? Array(c.education.indices) : [nil]
                for i in records {
                    let counted = Support.evaluator.shortfallCount(RequirementCore(q), holds: q.holds, c, record: i)
                    let listed = Support.evaluator.check(q, c, record: i.map { c.education[$0] }).shortfalls.count
                    #expect(counted == listed, "\(testCase.name), \(q.location), record \(String(describing: i))")
                    compared += 1
                }
            }
        }
        #expect(compared > 100)
    }
}
