/// A laid-out document: pages of positioned items, in PDF points (1/72 inch), origin at the bottom left.
///
/// The item kinds form a closed set, as in typst's frames: the PDF writer turns each into drawing operators and
/// knows nothing of forms.
public struct LaidOutDocument: Sendable {
    public var title: String
    public var pages: [Page]

    public init(title: String, pages: [Page]) {
        self.title = title
        self.pages = pages
    }
}

public struct Page: Sendable {
    public var width: Double
    public var height: Double
    public var items: [PageItem]

    /// ISO A4 in points.
    public static let a4 = (width: 595.276, height: 841.89)

    public init(width: Double, height: Double, items: [PageItem]) {
        self.width = width
        self.height = height
        self.items = items
    }
}

public struct Point: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public init(x: Double, y: Double) { self.x = x; self.y = y }
}

public struct Rect: Hashable, Sendable {
    public var x: Double
    public var y: Double
    public var width: Double
    public var height: Double
    public init(x: Double, y: Double, width: Double, height: Double) {
        self.x = x; self.y = y; self.width = width; self.height = height
    }
    public var maxX: Double { x + width }
    public var maxY: Double { y + height }
}

public enum PageItem: Sendable {
    /// Shaped glyphs of one face on one baseline.
    case text(TextRun)
    /// A straight line.
    case line(from: Point, to: Point, width: Double)
    /// A rectangle, stroked and/or filled with a gray level (0 black … 1 white).
    case box(Rect, stroke: Double?, fillGray: Double?)
    /// A one-bit picture (QR code modules, barcode bars) stretched over a rectangle, dark bits painted black.
    /// Far smaller than a rectangle per module: a QR code is 150 bytes instead of 10 KB of path operators.
    case bitmap(Rect, Bitmap)
    /// A JPEG image drawn into a rectangle.
    case image(Rect, JPEGImage)
}

/// Glyphs of one face, each at its own x; the writer embeds the face and maps each glyph back to `text`.
public struct TextRun: Sendable {
    public struct Glyph: Hashable, Sendable {
        public var id: UInt32
        /// Pen position, in points, relative to the run's origin.
        public var x: Double
        public var y: Double
        /// What this glyph prints: the cluster's characters on its first glyph, empty on the others.
        public var text: String

        public init(id: UInt32, x: Double, y: Double, text: String) {
            self.id = id
            self.x = x
            self.y = y
            self.text = text
        }
    }

    public var face: Int
    public var size: Double
    public var origin: Point
    public var glyphs: [Glyph]
    /// Drawn a little heavier (fill and stroke), for the title and headings: one weight of font is embedded.
    public var emphasised: Bool

    public init(face: Int, size: Double, origin: Point, glyphs: [Glyph], emphasised: Bool = false) {
        self.face = face
        self.size = size
        self.origin = origin
        self.glyphs = glyphs
        self.emphasised = emphasised
    }
}

/// Rows of dark (`true`) and light bits, top row first.
public struct Bitmap: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public let bits: [Bool]

    public init(width: Int, height: Int, bits: [Bool]) {
        precondition(bits.count == width * height, "a bitmap needs width × height bits")
        self.width = width
        self.height = height
        self.bits = bits
    }

    public subscript(x: Int, y: Int) -> Bool { bits[y * width + x] }

    /// Rows packed most significant bit first, each padded to a whole byte (the PDF image sample layout).
    public var packedRows: [UInt8] {
        let rowBytes = (width + 7) / 8
        var packed = [UInt8](repeating: 0, count: rowBytes * height)
        for y in 0..<height {
            for x in 0..<width where bits[y * width + x] {
                packed[y * rowBytes + x / 8] |= 0x80 >> UInt8(x % 8)
            }
        }
        return packed
    }
}
