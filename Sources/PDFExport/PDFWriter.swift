import Crypto
import FormLayout
import Foundation

/// Writes a laid-out document as PDF bytes: a pure function of the document and the options.
///
/// Fonts are embedded as Type0/CIDFont (Identity-H) subsets with a W array and a ToUnicode CMap. A writer
/// prepared with *shared glyphs* subsets those once (the form's fixed texts) and embeds that subset, byte for
/// byte the same, in every document; each document then embeds only the glyphs the shared subset lacks, as a
/// CFF assembled from cached charstrings (`CFFGlyphLibrary`) — HarfBuzz's subsetter costs about 0.2 ms per
/// document on a 65,535-glyph CJK face, more than everything else the writer does. TrueType faces (the rare
/// character fallbacks) are subset by HarfBuzz per document.
public final class PDFWriter: Sendable {
    public let fonts: FontSet
    private let shared: [SharedFont]
    /// Per CFF face (nil for TrueType faces, which are subset by HarfBuzz per document).
    private let libraries: [CFFGlyphLibrary?]

    static let firstSharedObject = 5

    /// - Parameters:
    ///   - sharedGlyphs: per face index, glyphs (→ the text each prints) to embed in every document.
    ///   - assemblesCFF: build each document's CFF subsets from a per-glyph library (`CFFGlyphLibrary`)
    ///     rather than running the HarfBuzz subsetter per document; the same glyphs either way.
    public init(fonts: FontSet, sharedGlyphs: [Int: [UInt32: String]] = [:], assemblesCFF: Bool = true) throws {
        self.fonts = fonts
        let libraries = fonts.faces.map { assemblesCFF && $0.outlines == .cff ? CFFGlyphLibrary(face: $0) : nil }
        var shared: [SharedFont] = []
        var next = PDFWriter.firstSharedObject
        for face in sharedGlyphs.keys.sorted() where !(sharedGlyphs[face] ?? [:]).isEmpty {
            guard fonts.faces.indices.contains(face) else { throw PDFExportError.unknownFace(face) }
            let glyphs = sharedGlyphs[face]!
            let font = try libraries[face].map { try SubsetFont(library: $0, glyphs: glyphs) } ?? SubsetFont(face: fonts.faces[face], glyphs: glyphs)
            // Compressed once for every document, so at libdeflate's strongest level.
            let objects = FontObjects.serialise(font, first: next, compressionLevel: 12)
            shared.append(SharedFont(face: face, target: GlyphTarget(resource: "/S\(face)", font: font), glyphTexts: glyphs, objects: objects))
            next += FontObjects.count
        }
        self.shared = shared
        self.libraries = libraries
    }

    public func write(_ document: LaidOutDocument, options: PDFOptions = PDFOptions()) throws -> [UInt8] {
        // 1. Decide each glyph's font: the shared subset, or this document's subset of its face.
        var targets = shared.map(\.target)
        var sharedOfFace = [SharedFont?](repeating: nil, count: fonts.faces.count)
        var sharedIndexOfFace = [Int](repeating: -1, count: fonts.faces.count)
        for (index, font) in shared.enumerated() {
            sharedOfFace[font.face] = font
            sharedIndexOfFace[font.face] = index
        }
        var ownGlyphs = [[UInt32: String]](repeating: [:], count: fonts.faces.count)
        var placed: [[[PlacedGlyph]]] = []  // page → run → glyph (own fonts: target -1 - face, resolved below)
        for page in document.pages {
            var pagePlaced: [[PlacedGlyph]] = []
            for item in page.items {
                guard case .text(let run) = item else { continue }
                guard fonts.faces.indices.contains(run.face) else { throw PDFExportError.unknownFace(run.face) }
                var runPlaced: [PlacedGlyph] = []
                runPlaced.reserveCapacity(run.glyphs.count)
                let sharedFont = sharedOfFace[run.face]
                for glyph in run.glyphs {
                    if let shared = sharedFont?.placed(glyph.id, text: glyph.text, target: sharedIndexOfFace[run.face]) {
                        runPlaced.append(shared)
                    } else {
                        if ownGlyphs[run.face][glyph.id]?.isEmpty ?? true { ownGlyphs[run.face][glyph.id] = glyph.text }
                        runPlaced.append(PlacedGlyph(target: -1 - run.face, code: 0, width: 0))
                    }
                }
                pagePlaced.append(runPlaced)
            }
            placed.append(pagePlaced)
        }
        var targetOfOwnFace = [Int](repeating: -1, count: fonts.faces.count)
        for face in ownGlyphs.indices where !ownGlyphs[face].isEmpty {
            let font = try libraries[face].map { try SubsetFont(library: $0, glyphs: ownGlyphs[face]) }
                ?? SubsetFont(face: fonts.faces[face], glyphs: ownGlyphs[face])
            targetOfOwnFace[face] = targets.count
            targets.append(GlyphTarget(resource: "/F\(face)", font: font))
        }
        if targets.count > shared.count {
            for (pageIndex, page) in document.pages.enumerated() {
                var runIndex = 0
                for item in page.items {
                    guard case .text(let run) = item else { continue }
                    for (index, glyph) in run.glyphs.enumerated() where placed[pageIndex][runIndex][index].target < 0 {
                        let target = targetOfOwnFace[-1 - placed[pageIndex][runIndex][index].target]
                        let metrics = targets[target].metrics[glyph.id] ?? (0, 1000)
                        placed[pageIndex][runIndex][index] = PlacedGlyph(target: target, code: metrics.code, width: metrics.width)
                    }
                    runIndex += 1
                }
            }
        }

        // 2. Number the objects: catalog, pages, info, metadata, shared fonts, then per page, own fonts, images.
        var objects = ObjectTable()
        var next = PDFWriter.firstSharedObject + shared.count * FontObjects.count
        let pageObjects = document.pages.indices.map { next + 2 * $0 }
        next += 2 * document.pages.count
        var fontObjectOfTarget: [Int] = []
        for (index, _) in targets.enumerated() {
            if index < shared.count {
                fontObjectOfTarget.append(PDFWriter.firstSharedObject + index * FontObjects.count)
            } else {
                fontObjectOfTarget.append(next)
                next += FontObjects.count
            }
        }
        var fontResources = ByteBuffer()
        fontResources.append("/Font <<")
        for (index, target) in targets.enumerated() {
            fontResources.append(" ")
            fontResources.append(target.resource)
            fontResources.append(" \(fontObjectOfTarget[index]) 0 R")
        }
        fontResources.append(" >>")

        // 3. Pages and their content.
        var contentDigest = SHA256()
        for (pageIndex, page) in document.pages.enumerated() {
            var stream = ContentStream()
            var images: [(resource: String, object: Int, image: PageImage)] = []
            var runIndex = 0
            for item in page.items {
                switch item {
                case .text(let run):
                    stream.text(run, targets: targets, placed: placed[pageIndex][runIndex])
                    runIndex += 1
                case .line(let from, let to, let width): stream.line(from: from, to: to, width: width)
                case .box(let rect, let stroke, let fill): stream.box(rect, stroke: stroke, fillGray: fill)
                case .bitmap(let rect, let bitmap):
                    let resource = "/Im\(images.count)"
                    images.append((resource, next, .bitmap(bitmap)))
                    next += 1
                    stream.setFill(0)
                    stream.image(rect, resource: resource)
                case .image(let rect, let image):
                    let resource = "/Im\(images.count)"
                    images.append((resource, next, .jpeg(image)))
                    next += 1
                    stream.image(rect, resource: resource)
                }
            }
            let content = Deflate.compress(stream.buffer.bytes, level: options.contentCompression)
            contentDigest.update(data: content)
            var pageObject = ByteBuffer()
            pageObject.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ")
            pageObject.append(number: page.width)
            pageObject.append(" ")
            pageObject.append(number: page.height)
            pageObject.append("] /Resources << ")
            pageObject.append(fontResources.bytes)
            if !images.isEmpty {
                pageObject.append(" /XObject <<")
                for image in images { pageObject.append(" \(image.resource) \(image.object) 0 R") }
                pageObject.append(" >>")
            }
            pageObject.append(" >> /Contents \(pageObjects[pageIndex] + 1) 0 R >>")
            objects.add(pageObjects[pageIndex], dictionary: pageObject.bytes)
            objects.add(pageObjects[pageIndex] + 1, stream: PDFWriter.stream(content, dictionary: "/Filter /FlateDecode"))
            for image in images {
                switch image.image {
                case .jpeg(let jpeg):
                    contentDigest.update(data: jpeg.bytes)
                    objects.add(image.object, stream: PDFWriter.stream(jpeg.bytes, dictionary:
                        "/Type /XObject /Subtype /Image /Width \(jpeg.width) /Height \(jpeg.height) /ColorSpace /\(jpeg.components == 1 ? "DeviceGray" : "DeviceRGB") /BitsPerComponent 8 /Filter /DCTDecode"))
                case .bitmap(let bitmap):
                    // An image mask: dark bits (1, with /Decode [1 0]) are painted in the fill colour, black.
                    let packed = bitmap.packedRows
                    contentDigest.update(data: packed)
                    objects.add(image.object, stream: PDFWriter.stream(packed, dictionary:
                        "/Type /XObject /Subtype /Image /Width \(bitmap.width) /Height \(bitmap.height) /ImageMask true /BitsPerComponent 1 /Decode [1 0] /Interpolate false"))
                }
            }
        }
        for (index, target) in targets.enumerated() where index >= shared.count {
            for object in FontObjects.serialise(target.font, first: fontObjectOfTarget[index], compressionLevel: options.fontCompression) {
                if object.isStream { objects.add(object.number, stream: object.bytes) } else { objects.add(object.number, dictionary: object.bytes) }
            }
        }
        let documentID = Array(contentDigest.finalize()).prefix(16)

        // 4. Catalog, page tree, /Info, XMP.
        objects.add(1, dictionary: Array("<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>".utf8))
        objects.add(2, dictionary: Array("<< /Type /Pages /Kids [\(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageObjects.count) >>".utf8))
        var info = ByteBuffer()
        info.append("<< /Title ")
        info.append(textString: document.title)
        info.append(" /Producer ")
        info.append(textString: options.producer)
        if let dates = options.dates { info.append(" /CreationDate (\(dates.pdf)) /ModDate (\(dates.pdf))") }
        info.append(" >>")
        objects.add(3, dictionary: info.bytes, plain: true)
        let xmp = XMP.packet(title: document.title, producer: options.producer, date: options.dates?.xmp, documentID: documentID)
        objects.add(4, stream: PDFWriter.stream(Deflate.compress(xmp, level: options.contentCompression), dictionary: "/Type /Metadata /Subtype /XML /Filter /FlateDecode"))
        for font in shared {
            for object in font.objects {
                if object.isStream { objects.add(object.number, stream: object.bytes) } else { objects.add(object.number, dictionary: object.bytes) }
            }
        }

        return objects.serialise(documentID: documentID, compressionLevel: options.contentCompression)
    }

    /// A picture placed on a page.
    enum PageImage {
        case jpeg(JPEGImage)
        case bitmap(Bitmap)
    }

    static func stream(_ data: [UInt8], dictionary: String) -> [UInt8] {
        var buffer = ByteBuffer(capacity: data.count + dictionary.utf8.count + 40)
        buffer.append("<< ")
        buffer.append(dictionary)
        buffer.append(" /Length \(data.count) >>\nstream\n")
        buffer.append(data)
        buffer.append("\nendstream")
        return buffer.bytes
    }
}

