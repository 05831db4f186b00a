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
