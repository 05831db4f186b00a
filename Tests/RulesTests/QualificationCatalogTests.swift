import Foundation
import Testing
@testable import Rules

/// The shipped catalogue of qualifications: every name and variant recognised as its own entry, in the
/// forms candidates type it, and no two entries ever taken for one another — above all not two levels or
/// grades of one certificate.
@Suite struct QualificationCatalogTests {
    static let shipped = RuleLoader(root: Fixtures.packageRoot.appendingPathComponent("Rules"), displayRoot: "Rules").load().ruleSet!.qualifications
    var catalog: QualificationCatalog { Self.shipped }

    struct Named: CustomTestStringConvertible, Sendable {
        let entry: Int
        let id: String
        let name: String
        var testDescription: String { "\(id): \(name)" }
    }

    static let everyName: [Named] = shipped.entries.enumerated().flatMap { index, entry in
        entry.names.map { Named(entry: index, id: entry.id, name: $0) }
    }

    /// How the same name arrives from a form: full-width or half-width brackets, stray blanks, with or
    /// without the 证书 suffix.
    static func spellings(of name: String) -> [String] {
        let halfWidth = name.replacingOccurrences(of: "（", with: "(").replacingOccurrences(of: "）", with: ")")
        let lenticular = name.replacingOccurrences(of: "（", with: "【").replacingOccurrences(of: "）", with: "】")
        let spaced = " " + name.replacingOccurrences(of: "（", with: " （") + "\u{3000}"
        var forms = [name, halfWidth, lenticular, spaced]
        if name.hasSuffix("）"), let open = name.lastIndex(of: "（") {
            let head = name[..<open], tail = name[open...]
            if head.hasSuffix("证书") { forms.append(String(head.dropLast(2)) + tail) } else { forms.append(head + "证书" + tail) }
        } else if name.hasSuffix("证书") {
            forms.append(String(name.dropLast(2)))
        }
        return forms
    }

    @Test(arguments: everyName)
    func everyNameAndVariantIsItsEntry(_ named: Named) {
        for form in Self.spellings(of: named.name) {
            let found = catalog.identify(name: form)
            #expect(found == named.entry, "\"\(form)\" → \(found.map { catalog.entries[$0].id } ?? "nothing"), expected \(named.id)")
        }
    }

    @Test func noTwoEntriesShareAComparisonKey() {
        var owner: [String: String] = [:]
        for named in Self.everyName {
            let key = QualificationCatalog.key(named.name)
            if let other = owner[key], other != named.id {
                Issue.record("\(named.id) and \(other) share the key \(key)")
            }
            owner[key] = named.id
        }
    }

    /// Every pair of entries, held apart: no name of one is recognised as the other.
    @Test func everyPairOfEntriesIsHeldApart() {
        let entries = catalog.entries
        // What each entry's names are recognised as, looked up once per name.
        let recognised = entries.map { entry in Set(entry.names.compactMap { catalog.identify(name: $0) }) }
        var pairs = 0
        for a in entries.indices {
            for b in entries.indices where a < b {
                pairs += 1
                #expect(!recognised[a].contains(b), "a name of \(entries[a].id) is taken for \(entries[b].id)")
                #expect(!recognised[b].contains(a), "a name of \(entries[b].id) is taken for \(entries[a].id)")
            }
        }
        #expect(pairs == entries.count * (entries.count - 1) / 2)
    }

    /// A name with its level or grade changed is never recognised as the original entry: it is the entry
    /// of the other level, or nothing.
    @Test func aChangedLevelOrGradeIsAnotherQualification() {
        let words = ["初级", "中级", "高级", "一级", "二级", "甲级", "乙级", "丙级"]
        var tried = 0
        for named in Self.everyName {
            for word in words where named.name.contains(word) && !named.name.contains("正" + word) {
                for other in words where other != word && other.hasSuffix("级") {
                    let changed = named.name.replacingOccurrences(of: word, with: other)
                    tried += 1
                    guard let found = catalog.identify(name: changed) else { continue }
                    #expect(found != named.entry, "\"\(changed)\" taken for \(named.id)")
                    let entry = catalog.entries[found]
                    #expect(entry.level?.chinese == other || entry.grade?.chinese == other, "\"\(changed)\" → \(entry.id)")
                }
            }
        }
        #expect(tried > 50)
    }

    @Test func theLevelsTheIssueFoundConfusedAreApart() {
        #expect(catalog.identify(name: "公路工程造价人员资格证书（乙级）").map { catalog.entries[$0].id } == "gonglu-zaojia-b")
        #expect(catalog.identify(name: "公路工程造价人员资格证书（甲级）").map { catalog.entries[$0].id } == "gonglu-zaojia-a")
        #expect(catalog.identify(name: "经济专业技术资格证书（初级）").map { catalog.entries[$0].id } == "jingji-junior")
        #expect(catalog.identify(name: "经济专业技术资格（中级）").map { catalog.entries[$0].id } == "jingji-intermediate")
        #expect(catalog.identify(name: "经济专业技术资格证书") == nil, "a name without its level is no entry")
        #expect(catalog.identify(name: "社会工作者职业水平证书（助理社会工作师）").map { catalog.entries[$0].id } == "shegong-assistant")
    }

    @Test func titlesBySeriesAndRank() {
        for (index, entry) in catalog.entries.enumerated() {
            guard let series = entry.series, let level = entry.level else {
                #expect(entry.kind == .certificate, "title \(entry.id) without series or level")
                continue
            }
            #expect(catalog.identifyTitle(series: series, level: level) == index, "\(series) \(level.chinese) → \(entry.id)")
            #expect(catalog.identifyTitle(series: " \(series) ", level: level) == index)
        }
        #expect(catalog.identifyTitle(series: "工程", level: .intermediate).map { catalog.entries[$0].id } == "engineer")
        #expect(catalog.identifyTitle(series: "会计", level: .intermediate).map { catalog.entries[$0].id } == "kuaiji-intermediate")
        #expect(catalog.identifyTitle(series: "星际", level: .senior) == nil)
    }

    @Test(arguments: [
        ("经济专业技术资格证书（中级）", "经济专业技术(中级)"),
        ("经济专业技术资格 (中级) 证书", "经济专业技术(中级)"),
        ("公路工程造价人员资格证书【甲级】", "公路工程造价人员(甲级)"),
        ("ＡＢＣ资格证书", "ABC"),
        ("咨询工程师（投资）职业资格证书", "咨询工程师(投资)职业"),
        ("证书", "证书"),
    ])
    func comparisonKey(_ text: String, _ key: String) {
        #expect(QualificationCatalog.key(text) == key)
    }
}
