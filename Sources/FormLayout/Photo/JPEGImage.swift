/// A JPEG photo, checked by reading its header, to be embedded as is (PDF `DCTDecode`).
///
/// The PDF carries the JPEG bytes unchanged, so whatever the header promises must be true: a file that is not
/// a JPEG, is cut short, uses a coding PDF readers do not decode (arithmetic, lossless, 12-bit), is CMYK, or is
/// absurdly large, is refused with an error that names the problem — never a broken PDF.
public struct JPEGImage: Hashable, Sendable {
    public let bytes: [UInt8]
    public let width: Int
    public let height: Int
    /// 1 (gray) or 3 (YCbCr colour).
    public let components: Int
    public let isProgressive: Bool

    public static let maximumBytes = 8 * 1024 * 1024
    public static let maximumSide = 8000

    public enum Failure: Error, Hashable, Sendable, CustomStringConvertible {
        case notJPEG
        case truncated
        case tooLarge(bytes: Int)
        case absurdDimensions(width: Int, height: Int)
        case unsupportedCoding(String)
        case unsupportedComponents(Int)
        case malformed(String)

        public var description: String {
            switch self {
            case .notJPEG: "the photo is not a JPEG file (it does not start with FF D8); hint: save it as JPEG"
            case .truncated: "the photo's JPEG data is truncated (it ends before the image data is complete); hint: upload the file again"
            case .tooLarge(let bytes): "the photo is \(bytes) bytes; at most \(JPEGImage.maximumBytes) are accepted; hint: scale it down"
            case .absurdDimensions(let width, let height): "the photo's size \(width)×\(height) pixels is not plausible; hint: use a photo of at most \(JPEGImage.maximumSide) pixels per side"
            case .unsupportedCoding(let coding): "the photo uses \(coding) JPEG coding, which PDF readers do not decode; hint: save it as baseline or progressive JPEG"
            case .unsupportedComponents(let count): count == 4 ? "the photo is CMYK (4 components), which is not supported; hint: convert it to RGB" : "the photo has \(count) colour components; only gray (1) and colour (3) are supported"
            case .malformed(let reason): "the photo's JPEG header is malformed: \(reason)"
            }
        }
    }

    public init(bytes: [UInt8]) throws(Failure) {
        guard bytes.count >= 4, bytes[0] == 0xFF, bytes[1] == 0xD8 else {
            throw bytes.count >= 2 && bytes[0] == 0xFF && bytes[1] == 0xD8 ? .truncated : .notJPEG
        }
        guard bytes.count <= JPEGImage.maximumBytes else { throw .tooLarge(bytes: bytes.count) }
        var offset = 2
        var frame: (width: Int, height: Int, components: Int, progressive: Bool)?
        // A scan cannot be decoded without its tables: a file missing them would embed as a broken image.
        var hasQuantizationTable = false, hasHuffmanTable = false
        scanning: while true {
            guard offset + 1 < bytes.count else { throw .truncated }
            guard bytes[offset] == 0xFF else { throw .malformed("expected a marker at byte \(offset)") }
            var marker = bytes[offset + 1]
            while marker == 0xFF {  // fill bytes
                offset += 1
                guard offset + 1 < bytes.count else { throw .truncated }
                marker = bytes[offset + 1]
            }
            offset += 2
            switch marker {
            case 0xD8: throw .malformed("a second start-of-image marker")
            case 0xD9: throw frame == nil ? .malformed("no frame header before the end of the image") : .truncated
            case 0x01, 0xD0...0xD7: continue  // markers without a length
            default: break
            }
            guard offset + 1 < bytes.count else { throw .truncated }
            let length = Int(bytes[offset]) << 8 | Int(bytes[offset + 1])
            guard length >= 2 else { throw .malformed("a segment length of \(length)") }
            guard offset + length <= bytes.count else { throw .truncated }
            switch marker {
            case 0xC0, 0xC1, 0xC2:
                guard length >= 8 else { throw .malformed("a frame header of \(length) bytes") }
                let precision = Int(bytes[offset + 2])
                guard precision == 8 else { throw .unsupportedCoding("\(precision)-bit") }
                let height = Int(bytes[offset + 3]) << 8 | Int(bytes[offset + 4])
                let width = Int(bytes[offset + 5]) << 8 | Int(bytes[offset + 6])
                let components = Int(bytes[offset + 7])
                guard length >= 8 + 3 * components else { throw .malformed("a frame header too short for \(components) components") }
                guard width > 0, height > 0, width <= JPEGImage.maximumSide, height <= JPEGImage.maximumSide else {
                    throw .absurdDimensions(width: width, height: height)
                }
                guard components == 1 || components == 3 else { throw .unsupportedComponents(components) }
                frame = (width, height, components, marker == 0xC2)
            case 0xC3: throw .unsupportedCoding("lossless")
            case 0xC5, 0xC6, 0xC7: throw .unsupportedCoding("hierarchical")
            case 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF: throw .unsupportedCoding("arithmetic")
            case 0xDB: hasQuantizationTable = true
            case 0xC4: hasHuffmanTable = true
            case 0xDA:
                guard frame != nil else { throw .malformed("image data before the frame header") }
                guard hasQuantizationTable else { throw .malformed("no quantization table (DQT) before the image data") }
                guard hasHuffmanTable else { throw .malformed("no Huffman table (DHT) before the image data") }
                break scanning
            default: break
            }
            offset += length
        }
        // The entropy-coded data must end with the end-of-image marker (trailing zero padding tolerated).
        var end = bytes.count
        while end > offset, bytes[end - 1] == 0 { end -= 1 }
        guard end - offset >= 2, bytes[end - 2] == 0xFF, bytes[end - 1] == 0xD9 else { throw .truncated }
        guard let frame else { throw .malformed("no frame header") }
        self.bytes = bytes
        width = frame.width
        height = frame.height
        components = frame.components
        isProgressive = frame.progressive
    }
}
