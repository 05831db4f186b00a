import Testing
@testable import Vocabulary

@Suite struct TSVTests {
    /// The splitting the tables were read with before: the UTF-8 view split on newlines (empty lines
    /// dropped), `#` lines skipped, each line split on tabs with empty fields kept.
    static func reference(_ text: String) -> [[Substring]] {
        text.utf8.split(separator: UInt8(ascii: "\n")).filter { $0.first != UInt8(ascii: "#") }.map { line in
            line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) }
        }
    }

    @Test(arguments: [
        "", "\n", "#only a comment", "a", "a\tb\n", "110000\t北京市\n\n# 注释\n110100\t市辖区\t\n",
        "\t\t\n\t", "code\tname\told\n110000\t北京市\t\n120000\t天津市\t1980-2024\n", "末行没有换行\t𠮷", "x\r\ny\r\n",
    ])
    func rowsSplitAsBefore(text: String) {
        #expect(TSV.rows(text) == Self.reference(text))
    }

    @Test func shippedTablesSplitAsBefore() throws {
        for table in [EmbeddedData.regions, EmbeddedData.regionHistory, EmbeddedData.ethnicGroups] where !table.isEmpty {
            #expect(TSV.rows(table) == Self.reference(table))
        }
    }
}
