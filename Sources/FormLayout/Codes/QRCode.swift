internal import CQREncode

/// A QR code's modules, from libqrencode (error correction level M, the smallest version that fits).
public struct QRCode: Hashable, Sendable {
    /// Modules per side.
    public let size: Int
    /// Row-major, `true` for a dark module.
    public let modules: [Bool]

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case empty
        case tooLong(Int)
        case encoderFailed

        public var description: String {
            switch self {
            case .empty: "the QR payload is empty"
            case .tooLong(let bytes): "the QR payload is \(bytes) bytes; at most 1,000 fit a printable code"
            case .encoderFailed: "libqrencode could not encode the payload"
            }
        }
    }

    public init(encoding payload: String) throws(Failure) {
        let bytes = Array(payload.utf8)
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.count <= 1000 else { throw .tooLong(bytes.count) }
        // encodeString splits the text into numeric, alphanumeric and byte segments: the payload (capitals,
        // digits, `-`) then fits a smaller version — fewer modules to print and to evaluate masks on.
        let encoded = bytes.contains(0)
            ? bytes.withUnsafeBufferPointer { QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) }
            : QRcode_encodeString(payload, 0, QR_ECLEVEL_M, QR_MODE_8, 1)
        guard let code = encoded else { throw .encoderFailed }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// The modules as a bitmap, one bit per module.
    public var bitmap: Bitmap { Bitmap(width: size, height: size, bits: modules) }
}
