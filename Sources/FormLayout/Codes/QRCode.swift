internal import CQREncode

/// A QR code's modules, from libqrencode (error correction level M, byte mode, the smallest version that fits).
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
        guard let code = bytes.withUnsafeBufferPointer({ QRcode_encodeData(Int32($0.count), $0.baseAddress, 0, QR_ECLEVEL_M) }) else {
            throw .encoderFailed
        }
        defer { QRcode_free(code) }
        let width = Int(code.pointee.width)
        size = width
        modules = (0..<(width * width)).map { code.pointee.data[$0] & 1 == 1 }
    }

    /// The dark modules as rectangles in a square of side `side` at `origin` (bottom left), one rectangle per
    /// horizontal run so the content stream stays small.
    public func rects(origin: Point, side: Double) -> [Rect] {
        let module = side / Double(size)
        var rects: [Rect] = []
        for row in 0..<size {
            var column = 0
            while column < size {
                guard modules[row * size + column] else { column += 1; continue }
                let start = column
                while column < size, modules[row * size + column] { column += 1 }
                rects.append(Rect(x: origin.x + Double(start) * module, y: origin.y + side - Double(row + 1) * module,
                                  width: Double(column - start) * module, height: module))
            }
        }
        return rects
    }
}
