import Testing
import Vocabulary
@testable import Rules

@Suite struct CatalogTests {
    static let ruleSet = RuleLoader(root: Fixtures.rules, displayRoot: "rules").load().ruleSet!
    var catalog: MajorCatalog { Self.ruleSet.catalog }

    func groups(_ major: String, _ level: EducationLevel = .bachelor) -> [String] {
        guard case .known(_, let set) = catalog.classify(major, level: level) else { return [] }
        return set.indices.map { catalog.groups[$0].id }.sorted()
    }

    @Test(arguments: ["土木工程", "土木工程专业", "土木工程（建筑工程方向）", "土木工程(岩土方向)", " 土木工程 ", "081001", "工业与民用建筑"])
    func variantsOfOneMajor(text: String) {
        #expect(groups(text) == ["工学门类", "工程类"])
    }

    @Test func catalogueOfTheLevelComesFirst() {
        // 工程造价 is both a 本科 (120105) and a 高职 (440502) major.
        guard case .known(let bachelor, _) = catalog.classify("工程造价", level: .bachelor),
              case .known(let associate, _) = catalog.classify("工程造价", level: .associate) else {
            Issue.record("工程造价 not found")
            return
        }
        #expect(catalog.nodes[bachelor].code == "120105")
        #expect(catalog.nodes[associate].code == "440502")
    }

    @Test func unknownMajorsAreUnknown() {
        #expect(catalog.classify("星际工程", level: .bachelor) == .unknown)
        #expect(catalog.classify("", level: .bachelor) == .unknown)
    }

    @Test func provincesByCodeOrName() {
        #expect(Self.ruleSet.provinceCode("北京") == "110000")
        #expect(Self.ruleSet.provinceCode("广西") == "450000")
        #expect(Self.ruleSet.provinceCode("新疆") == "650000")
        #expect(Self.ruleSet.provinceCode("北平") == nil)
    }

    /// The byte lookups of exams and their parts answer as the string lookups do.
    @Test func examsAndTheirPartsByBytes() {
        let rules = Self.ruleSet
        func bytes<T>(_ key: String, _ body: (UnsafeBufferPointer<UInt8>) -> T) -> T { Array(key.utf8).withUnsafeBufferPointer(body) }
        for (index, exam) in rules.exams.enumerated() {
            for key in [exam.id, exam.name] { #expect(bytes(key, rules.examIndex(utf8:)) == index) }
            let keys = exam.levels.flatMap { [$0.id, $0.name] } + exam.specialties.flatMap { [$0.id, $0.name] }
                + exam.subjects.flatMap { [$0.id, $0.name] } + ["", "nothing", "\(exam.id) "]
            for key in keys {
                #expect(bytes(key) { rules.level(ofExam: index, utf8: $0) } == exam.level(key), "\(key)")
                #expect(bytes(key) { rules.specialty(ofExam: index, utf8: $0) } == exam.specialty(key), "\(key)")
                #expect(bytes(key) { rules.subject(ofExam: index, utf8: $0) } == exam.subject(key), "\(key)")
            }
        }
        #expect(bytes("no-such-exam", rules.examIndex(utf8:)) == nil)
    }

    /// The byte lookup the evaluator uses finds the same province as the code lookup, for every key.
    @Test(arguments: ["北京", "110000", "北京市", "广东", "440000", "广西", "广西壮族自治区", "新疆", "650000", "北平", "", "1100000"])
    func provincesByBytes(key: String) {
        let expected = Self.ruleSet.provinceCode(key).flatMap { Self.ruleSet.provinces[$0] }?.region.code
        let found = Array(key.utf8).withUnsafeBufferPointer { Self.ruleSet.province(utf8: $0) }?.region.code
        #expect(found == expected)
        // With an exam: the same province, and the exam's overlay for it from the table.
        for (index, exam) in Self.ruleSet.exams.enumerated() {
            let both = Array(key.utf8).withUnsafeBufferPointer { Self.ruleSet.province(utf8: $0, exam: index) }
            #expect(both?.rules.region.code == expected)
            #expect(both?.overlay === expected.flatMap { exam.overlays[$0] })
        }
    }

    @Test func periodsChooseTheVersionInForce() {
        let exam = Self.ruleSet.exam("demo")!
        let in2021 = exam.conditions.filter { $0.period.contains(2021) }.map(\.id)
        let in2026 = exam.conditions.filter { $0.period.contains(2026) }.map(\.id)
        #expect(in2021 == ["associate", "bachelor"])
        #expect(in2026 == ["associate", "bachelor", "master", "doctor"])
        #expect(exam.conditions.first { $0.period.contains(2021) }?.citation.basis == "示例〔2004〕1号")
        #expect(exam.conditions.first { $0.period.contains(2026) }?.citation.basis == "示例〔2022〕1号")
    }
}
