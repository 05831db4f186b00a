import Foundation

/// A candidate's name as it must appear on the ID document and the registration form.
///
/// Normalisation: NFC; full-width ASCII folded (`［沛］` → `[沛]`, `【沛】` too); the look-alike dots of
/// minority names (• ‧ ･ ・ ⋅ ∙ …, or a full stop between two Chinese characters) become U+00B7 `·`; blanks
/// trimmed, removed next to Chinese characters and dots, collapsed to one between Latin words.
///
/// Validation: no control or format characters, letters only (any script, rare characters beyond the BMP
/// such as 𠮷 and 𪚥 included), `·` only between name parts, and the seed manual's convention for a
/// character that cannot be typed: a homophone in square brackets, one character per pair (`王晓[沛]`).
public struct PersonName: Hashable, Sendable, CustomStringConvertible {
    /// The normalised name.
    public let value: String

    public static let maximumLength = 50

    public init(_ text: String) throws {
        // Most names are already normalised and plainly valid (see `isPlain`): skip the Unicode property
        // look-ups then. `PersonNameTests` checks the shortcut against the full path.
        if PersonName.isPlain(text) {
            value = text
            return
        }
        value = try PersonName.normalised(text)
    }

    /// True when the full path would return `text` unchanged: 1 to ``maximumLength`` scalars, each a Han
    /// character of the unified blocks (U+4E00–U+9FFF, Extension A U+3400–U+4DBF, Extension B
    /// U+20000–U+2A6DF) or an ASCII letter, with `·` between two parts, `[X]` around one Han character, and
    /// a single space, `-` or `'` between two ASCII letters. Nothing there is changed by NFC, folding or
    /// the handling of marks and blanks, and each rule of ``validate(_:)`` holds. Anything else — which
    /// may be valid too — takes the full path.
    static func isPlain(_ text: String) -> Bool {
        var count = 0
        var bracket = 0          // 1: after "[", 2: after "[" and its character
        var previous: Unicode.Scalar = " "
        for s in text.unicodeScalars {
            let v = s.value
            let han = (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            let letter = (0x41...0x5A).contains(v) || (0x61...0x7A).contains(v)
            let afterLetter = (0x41...0x5A).contains(previous.value) || (0x61...0x7A).contains(previous.value)
            if previous == " " || previous == "-" || previous == "'", count > 0, !letter { return false }
            switch s {
            case _ where han:
                if bracket == 2 { return false }
                if bracket == 1 { bracket = 2 }
            case _ where letter:
                if bracket != 0 { return false }
            case "[":
                if bracket != 0 { return false }
                bracket = 1
            case "]":
                if bracket != 2 { return false }
                bracket = 0
            case "\u{00B7}":
                if bracket != 0 || count == 0 || previous == "\u{00B7}" { return false }
            case " ", "-", "'":
                if !afterLetter { return false }
            default:
                return false
            }
            previous = s
            count += 1
        }
        return count > 0 && count <= PersonName.maximumLength && bracket == 0
            && previous != "\u{00B7}" && previous != " " && previous != "-" && previous != "'"
    }

    /// The full normalisation and validation.
    static func normalised(_ text: String) throws -> String {
        // NFC leaves ASCII-range Latin and unified CJK ideographs alone: skip Foundation's normaliser then.
        let stable = text.unicodeScalars.allSatisfy { s in
            s.value < 0x300 || (s.properties.isIdeographic && !(0xF900...0xFAFF).contains(s.value) && !(0x2F800...0x2FA1F).contains(s.value))
                || PersonName.dots.contains(s.value) || (0x3000...0x303F).contains(s.value) || (0xFF01...0xFF5E).contains(s.value)
        }
        let composed = stable ? text : text.precomposedStringWithCanonicalMapping
        var scalars = Array(composed.foldingFullWidthASCII().unicodeScalars)
        scalars = PersonName.normaliseMarks(scalars)
        scalars = PersonName.normaliseBlanks(scalars)
        guard !scalars.isEmpty else { throw ValidationError(.empty, "姓名不能为空") }
        try PersonName.validate(scalars)
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        let value = String(view)
        guard value.count <= PersonName.maximumLength else {
            throw ValidationError(.nameTooLong, "姓名过长：\(value.count)个字符，最多\(PersonName.maximumLength)个")
        }
        return value
    }

    /// The homophones standing in brackets for characters that could not be typed (`王晓[沛]` → `["沛"]`).
    public var placeholders: [Character] {
        var result: [Character] = []
        var inside = false
        for character in value {
            if character == "[" { inside = true } else if character == "]" { inside = false } else if inside { result.append(character) }
        }
        return result
    }

    /// Characters outside the Basic Multilingual Plane (CJK Extension B and later: 𠮷, 𪚥), which need a
    /// font that has them.
    public var supplementaryCharacters: [Character] {
        value.filter { $0.unicodeScalars.contains { $0.value > 0xFFFF } }
    }

    public var description: String { value }

    static let dots: Set<UInt32> = [0x00B7, 0x2022, 0x2027, 0xFF65, 0x30FB, 0x22C5, 0x2219, 0x0387, 0x2E31, 0x16EB, 0x318D]

    private static func isHan(_ s: Unicode.Scalar) -> Bool { s.properties.isIdeographic }

    /// Dots to U+00B7 (a full stop too when it sits between two Chinese characters); 【】 to [].
    private static func normaliseMarks(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out = input
        for (i, s) in input.enumerated() {
            if dots.contains(s.value) {
                out[i] = "\u{00B7}"
            } else if s == "." || s == "\u{3002}" {
                let before = input[..<i].last(where: { !$0.properties.isWhitespace })
                let after = input[(i + 1)...].first(where: { !$0.properties.isWhitespace })
                if let before, let after, isHan(before), isHan(after) { out[i] = "\u{00B7}" }
            } else if s == "\u{3010}" {
                out[i] = "["
            } else if s == "\u{3011}" {
                out[i] = "]"
            }
        }
        return out
    }

    /// Blanks trimmed; dropped beside Chinese characters, dots and brackets; single between Latin words.
    private static func normaliseBlanks(_ input: [Unicode.Scalar]) -> [Unicode.Scalar] {
        var out: [Unicode.Scalar] = []
        var pendingBlank = false
        for s in input {
            if s.properties.isWhitespace && !(s.properties.generalCategory == .control && s != "\t" && s != "\n") {
                if s == "\t" || s == "\n" || s == "\r" { out.append(s); continue } // rejected later, named
                pendingBlank = !out.isEmpty
                continue
            }
            if pendingBlank, let last = out.last, separatedByBlank(last, s) { out.append(" ") }
            pendingBlank = false
            out.append(s)
        }
        return out
    }

    private static func separatedByBlank(_ a: Unicode.Scalar, _ b: Unicode.Scalar) -> Bool {
        let joins: Set<Unicode.Scalar> = ["\u{00B7}", "[", "]"]
        return !isHan(a) && !isHan(b) && !joins.contains(a) && !joins.contains(b)
    }

    private static func codePoint(_ s: Unicode.Scalar) -> String {
        "U+" + String(s.value, radix: 16, uppercase: true).leftPadded(to: 4)
    }

    private static func validate(_ scalars: [Unicode.Scalar]) throws {
        var insideBracket = false
        var bracketCount = 0
        for (i, s) in scalars.enumerated() {
            let category = s.properties.generalCategory
            switch category {
            case .control, .format, .lineSeparator, .paragraphSeparator, .surrogate, .privateUse, .unassigned:
                throw ValidationError(.nameControlCharacter, "姓名中含有不可见的控制字符\(codePoint(s))，请删除后重新输入")
            default: break
            }
            let previous = i > 0 ? scalars[i - 1] : nil
            let next = i + 1 < scalars.count ? scalars[i + 1] : nil
            switch s {
            case "[":
                guard !insideBracket else {
                    throw ValidationError(.nameBracket, "姓名中的中括号不能嵌套：每个无法输入的字用一对中括号括起一个同音字，如“王晓[沛]”")
                }
                insideBracket = true
                bracketCount = 0
            case "]":
                guard insideBracket else {
                    throw ValidationError(.nameBracket, "姓名中的“]”没有对应的“[”：无法输入的字请写成“[同音字]”，如“王晓[沛]”")
                }
                guard bracketCount == 1 else {
                    let what = bracketCount == 0 ? "中括号内是空的" : "一对中括号内只能有一个同音字"
                    throw ValidationError(.nameBracket, "姓名格式不正确：\(what)，如“王晓[沛]”")
                }
                insideBracket = false
            case "\u{00B7}":
                guard let previous, let next, previous != "\u{00B7}", next != "\u{00B7}", previous != " ", next != " " else {
                    throw ValidationError(.nameDot, "姓名中的间隔号“·”只能位于两段姓名之间，如“阿依古丽·买买提”")
                }
            case "-", "'", " ":
                guard let previous, let next, !isHan(previous), !isHan(next),
                      previous.properties.isAlphabetic, next.properties.isAlphabetic
                else {
                    let shown = s == " " ? "空格" : "“\(s)”"
                    throw ValidationError(.nameInvalidCharacter, "姓名中的\(shown)只能用于外文姓名的两个字母之间")
                }
            default:
                let isMark = [.nonspacingMark, .spacingMark, .enclosingMark].contains(category)
                guard s.properties.isAlphabetic || isHan(s) || (isMark && previous != nil) else {
                    throw ValidationError(.nameInvalidCharacter, "姓名中不能含有“\(Character(s))”（\(codePoint(s))）：只能使用汉字、字母、间隔号“·”和表示生僻字的中括号")
                }
                if insideBracket { bracketCount += isMark ? 0 : 1 }
            }
        }
        if insideBracket {
            throw ValidationError(.nameBracket, "姓名中的“[”没有闭合：无法输入的字请写成“[同音字]”，如“王晓[沛]”")
        }
    }
}

extension String {
    func leftPadded(to width: Int, with pad: Character = "0") -> String {
        count >= width ? self : String(repeating: pad, count: width - count) + self
    }
}
