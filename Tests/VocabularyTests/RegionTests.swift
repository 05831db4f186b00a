import Foundation
import Testing
@testable import Vocabulary

@Suite struct RegionTests {
    let table = RegionTable.current

    @Test func tableHasEveryLevel() {
        #expect(table.provinces.count == 34)
        #expect(table.mainlandProvinces.count == 31)
        #expect(table.all.filter { $0.level == .prefecture }.count == 345)
        #expect(table.all.filter { $0.level == .county }.count == 3048)
    }

    @Test(arguments: ["110000", "北京市", "北京", " 北京 ", "１１００００"])
    func provinceByCodeOrName(key: String) throws {
        #expect(try table.province(key).code == "110000")
    }

    @Test(arguments: [("内蒙古", "150000"), ("广西", "450000"), ("新疆", "650000"), ("西藏自治区", "540000"), ("黑龙江", "230000")])
    func provinceShortNames(key: String, code: String) throws {
        #expect(try table.province(key).code == code)
    }

    @Test func unknownAndAmbiguousNames() {
        let unknown = #expect(throws: ValidationError.self) { try table.province("北平") }
        #expect(unknown?.code == .regionUnknown)
        let badCode = #expect(throws: ValidationError.self) { try table.province("110100") }
        #expect(badCode?.code == .regionUnknown)
        // 海南省 and 海南藏族自治州 are both 海南… but provinces only have one.
        let hubei = try! table.province("湖北")
        let ambiguous = #expect(throws: ValidationError.self) { try table.city("恩施土家族苗族自治州X", in: hubei) }
        #expect(ambiguous?.code == .regionUnknown)
    }

    @Test func ambiguousPrefixListsCandidates() throws {
        let guangdong = try table.province("广东")
        // 广州市 only; but 汕头/汕尾 share 汕.
        #expect(try table.city("广州", in: guangdong).code == "440100")
        let error = #expect(throws: ValidationError.self) { try table.city("汕", in: guangdong) }
        #expect(error?.code == .regionUnknown) // one character is never matched as a prefix
        let jilin = try table.province("吉林")
        #expect(try table.city("延边", in: jilin).name == "延边朝鲜族自治州")
    }

    @Test func citiesIncludeProvinceAdministeredUnits() throws {
        let henan = try table.province("河南")
        #expect(table.cities(of: henan).contains { $0.name == "济源市" })
        let hubei = try table.province("湖北")
        #expect(table.cities(of: hubei).contains { $0.name == "仙桃市" })
        let beijing = try table.province("北京")
        #expect(table.cities(of: beijing).map(\.code) == ["110100"])
        let chaoyang = try table.county("朝阳区", in: table.city("北京", in: beijing))
        #expect(chaoyang.code == "110105")
        #expect(table.city(containing: chaoyang)?.code == "110100")
        #expect(chaoyang.provinceCode == "110000")
    }

    @Test func historyJudgesIDRegions() {
        let history = RegionHistory.shared
        #expect(history.check("110103", birthYear: 1980) == .inUse(name: "崇文区"))
        #expect(history.check("110103", birthYear: 2012) == .retired(name: "崇文区", lastYear: 2009))
        #expect(history.check("999999", birthYear: 1980) == .unknown)
    }

    @Test func ethnicGroups() throws {
        #expect(EthnicGroup.all.count == 56)
        #expect(EthnicGroup.all.first?.name == "汉族")
        #expect(try EthnicGroup("维吾尔").name == "维吾尔族")
        #expect(try EthnicGroup("01").name == "汉族")
        #expect(throws: ValidationError.self) { try EthnicGroup("火星族") }
    }

    @Test("the embedded tables are the files of Data/ (run scripts/embed-data after editing them)")
    func embeddedDataMatchesDataFolder() throws {
        func file(_ name: String) throws -> String {
            try String(contentsOf: packageRoot.appendingPathComponent("Data/\(name)"), encoding: .utf8)
        }
        // A multi-line literal drops the final newline of the file.
        #expect(EmbeddedData.regions + "\n" == (try file("regions.tsv")))
        #expect(EmbeddedData.regionHistory + "\n" == (try file("region-history.tsv")))
        #expect(EmbeddedData.ethnicGroups + "\n" == (try file("ethnic-groups.txt")))
    }
}
