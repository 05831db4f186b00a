import Eligibility
import Rules
import Vocabulary

/// SplitMix64: a seeded generator, so the same seed gives the same corpus on every machine.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Writes varied applications across every exam of a rule set, as JSON Lines.
struct CorpusGenerator {
    let rules: RuleSet
    var random: SeededGenerator
    let majors: [(name: String, catalog: CatalogKind)]
    let regions = ["110105", "310101", "440305", "510107", "650102", "320102", "330106", "420106", "370202", "110103"]
    let names = ["王晓明", "李䶮", "王𠮷", "阿依古丽·买买提", "王晓[沛]", "张伟", "刘洋", "陈静", "𪚥", "欧阳娜娜", "JOHN SMITH"]
    let unknownMajors = ["星际工程", "结构工程与防灾", "建筑工程管理与施工", "汉语国际教育（对外）"]

    init(rules: RuleSet, seed: UInt64) {
        self.rules = rules
        self.random = SeededGenerator(state: seed)
        majors = rules.catalog.nodes.filter { $0.kind == .major }.map { ($0.name, $0.catalog) }
    }

    mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
    mutating func chance(_ percent: Int) -> Bool { Int(random.next() % 100) < percent }
    mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(random.next() % UInt64(range.count)) }

    mutating func idNumber() -> String {
        let region = pick(regions)
        let birth = "\(int(1960...2002))\(String(format: "%02d", int(1...12)))\(String(format: "%02d", int(1...28)))"
        let first17 = region + birth + String(format: "%03d", int(0...999))
        return first17 + String(Character(Unicode.Scalar(ResidentIDNumber.checkCharacter(for: Array(first17.utf8)))))
    }

    mutating func line(_ index: Int) -> [UInt8] {
        var w = JSONWriter(capacity: 900)
        let exam = pick(rules.exams)
        let level = int(0...(exam.levels.count - 1))
        let province = pick(Array(rules.provinces.keys).sorted())
        w.beginObject()
        w.key("id"); w.string("app-\(index)")
        w.key("exam"); w.string(chance(20) ? exam.name : exam.id)
        w.key("year"); w.int(chance(85) ? 2026 : int(2019...2027))
        w.key("province"); w.string(province)
        w.key("level"); w.string(exam.levels[level].id)
        if let specialty = exam.levels[level].specialties.isEmpty ? nil : pick(exam.levels[level].specialties) {
            w.key("specialty"); w.string(exam.specialties[specialty].id)
        }
        let basis = int(0...99)
        w.key("basis"); w.string(basis < 85 ? "full" : basis < 93 ? "exempt" : "add-specialty")
        if chance(70) {
            w.key("relevantWorkYears"); w.int(int(0...15))
        } else {
            w.key("workPeriods"); w.beginArray()
            for _ in 0..<int(1...3) {
                w.beginObject()
                w.key("from"); w.string("\(int(1995...2025))-\(String(format: "%02d", int(1...12)))-01")
                if chance(50) { w.key("to"); w.string("\(int(2020...2026))-12-31") }
                w.endObject()
            }
            w.endArray()
        }
        w.key("candidate"); w.beginObject()
        w.key("name"); w.string(pick(names))
        w.key("idType"); w.string("resident-id")
        w.key("idNumber"); w.string(idNumber())
        w.key("phone"); w.string("13\(int(100_000_000...999_999_999))")
        w.key("email"); w.string("c\(index)@example.com")
        w.key("education"); w.beginArray()
        for _ in 0..<int(1...3) {
            let level = pick(EducationLevel.allCases)
            let major = chance(4) ? pick(unknownMajors) : pick(majors).name + (chance(10) ? "专业" : "")
            w.beginObject()
            w.key("level"); w.string(level.rawValue)
            w.key("major"); w.string(major)
            w.key("school"); w.string("示例大学")
            w.key("graduated"); w.string("\(int(1990...2025))-07-01")
            w.key("fullTime"); w.bool(chance(80))
            w.key("verification"); w.string(chance(80) ? "verified" : pick(["pending", "manual", "failed"]))
            w.endObject()
        }
        w.endArray()
        if chance(60) {
            w.key("degrees"); w.beginArray()
            w.beginObject()
            w.key("level"); w.string(pick(["bachelor", "master", "doctor"]))
            w.key("awarded"); w.string("\(int(2000...2025))-07-01")
            w.key("verification"); w.string(chance(85) ? "verified" : "pending")
            w.endObject()
            w.endArray()
        }
        w.key("workStart"); w.string("\(int(1990...2024))-07-01")
        if chance(20), let qualification = exam.qualifications.first {
            w.key("certificates"); w.beginArray()
            w.beginObject()
            w.key("name"); w.string(qualification.accepts.first.map { rules.qualifications.entries[$0].name } ?? qualification.name)
            w.key("obtained"); w.string("\(int(1998...2024))-06-01")
            w.endObject()
            w.endArray()
        }
        if chance(15) {
            w.key("titles"); w.beginArray()
            w.beginObject()
            w.key("name"); w.string("高级工程师")
            w.key("level"); w.string(pick(["intermediate", "senior"]))
            w.key("series"); w.string(pick(["工程", "经济", "卫生"]))
            w.key("obtained"); w.string("\(int(2000...2024))-12-01")
            w.endObject()
            w.endArray()
        }
        w.key("integrityRecord"); w.bool(chance(3))
        w.key("commitment"); w.bool(chance(95))
        w.endObject()
        w.endObject()
        w.newline()
        return w.bytes
    }
}
