extension String {
    /// Full-width ASCII forms (Ｕ+FF01–FF5E) become ASCII, the ideographic space a space: what a Chinese
    /// input method produces by accident in a digit or Latin field.
    func foldingFullWidthASCII() -> String {
        guard unicodeScalars.contains(where: { $0.value >= 0x3000 }) else { return self }
        var scalars = String.UnicodeScalarView()
        for scalar in unicodeScalars {
            switch scalar.value {
            case 0xFF01...0xFF5E: scalars.append(Unicode.Scalar(scalar.value - 0xFEE0)!)
            case 0x3000: scalars.append(" ")
            default: scalars.append(scalar)
            }
        }
        return String(scalars)
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces — tabs and Unicode space separators (Zs), as
    /// Foundation's `trimmingCharacters(in: .whitespaces)` — at a fraction of its cost: that one spent
    /// some 12,000 instructions a call, 85 million at every start of `baokao`, for the rule files' scalars.
    public func trimmingSpaces() -> String {
        let scalars = unicodeScalars
        guard let first = scalars.firstIndex(where: { !$0.isSpace }) else { return "" }
        let last = scalars.lastIndex(where: { !$0.isSpace })!
        if first == scalars.startIndex && scalars.index(after: last) == scalars.endIndex { return String(self) }
        return String(String.UnicodeScalarView(scalars[first...last]))
    }
}

extension Unicode.Scalar {
    /// A tab or a space separator (Zs): what `CharacterSet.whitespaces` holds — on Linux with the zero
    /// width space (U+200B) too, a separator in Unicode before 4.0.1.
    var isSpace: Bool {
        value < 0x80 ? (value == 0x20 || value == 0x09) : (value == 0x200B || properties.generalCategory == .spaceSeparator)
    }
}
