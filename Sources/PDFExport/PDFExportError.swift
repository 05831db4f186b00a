/// Why a document could not be written as PDF. Layout errors (`FormError`) come before this stage; these are
/// documents that name a face the writer does not have, or fonts that cannot be embedded.
public enum PDFExportError: Error, Hashable, Sendable, CustomStringConvertible {
    /// A text run names a face index outside the writer's font set.
    case unknownFace(Int)
    /// A face's subset could not be made (a glyph ID beyond 65,535, a malformed or name-keyed CFF…).
    case fontProgram(face: String, reason: String)

    public var description: String {
        switch self {
        case .unknownFace(let index): "the document uses font face \(index), which the PDF writer was not given"
        case .fontProgram(let face, let reason): "cannot embed the font \(face): \(reason)"
        }
    }
}
