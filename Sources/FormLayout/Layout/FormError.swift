/// Why a form could not be laid out; each case names what to fix.
public enum FormError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A field's text cannot be printed (usually a character no configured font has).
    case text(field: String, FontError)
    case photo(JPEGImage.Failure)
    case qrCode(QRCode.Failure)
    case barcode(Code128.Failure)
    /// Even at the smallest type size the content does not fit on one A4 page.
    case doesNotFit(overflow: Double)

    public var description: String {
        switch self {
        case .text(let field, let error): "\(field): \(error)"
        case .photo(let failure): "\(failure)"
        case .qrCode(let failure): "\(failure)"
        case .barcode(let failure): "application number barcode: \(failure)"
        case .doesNotFit(let overflow): "the form does not fit on one A4 page (\(Int(overflow.rounded(.up))) pt too long); hint: shorten the longest values"
        }
    }
}
