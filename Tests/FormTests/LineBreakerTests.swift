import FormLayout
import Testing

/// Chinese line breaking with the basic 禁则.
@Suite struct LineBreakerTests {
    func lines(_ text: String, width: Double) throws -> [String] {
        let clusters = try Shaper(fonts: Shared.fonts.get()).shape(text)
        return LineBreaker.lines(clusters, width: width).map { $0.map(\.text).joined() }
    }

    @Test func breaksBetweenChineseCharacters() throws {
        #expect(try lines("一二三四五六七八九十", width: 4) == ["一二三四", "五六七八", "九十"])
    }

    @Test func noLineStartsWithClosingPunctuation() throws {
        let result = try lines("一二三四，五六七八。九十", width: 4)
        #expect(result == ["一二三", "四，五六七", "八。九十"] || result.allSatisfy { !"，。、；：？！）」』》".contains($0.first!) })
        for line in try lines("本人已知晓本次考试的报考条件和有关规定，承诺以上报名信息真实、准确、完整。如有虚假，本人承担一切后果。", width: 7) {
            #expect(!"，。、；：？！）」』》".contains(line.first!), "line starts with closing punctuation: \(line)")
        }
    }

    @Test func noLineEndsWithOpeningPunctuation() throws {
        for width in stride(from: 3.0, through: 9.0, by: 1.0) {
            for line in try lines("甲乙丙（丁戊）己庚《辛壬》癸子丑「寅卯」辰巳", width: width) {
                #expect(!"（《「『".contains(line.last!), "width \(width): line ends with opening punctuation: \(line)")
            }
        }
    }

    @Test func latinWordsStayWholeUnlessTooLong() throws {
        let result = try lines("邮箱 someone@example.com 电话", width: 12)
        #expect(result.contains { $0.contains("someone@example.com") })
        let long = try lines(String(repeating: "a", count: 60), width: 5)
        #expect(long.count > 1)
        #expect(long.joined() == String(repeating: "a", count: 60))
    }

    @Test func hardBreaksAndEmptyText() throws {
        #expect(try lines("一二\n三", width: 10) == ["一二", "三"])
        #expect(try lines("", width: 10) == [""])
    }
}
