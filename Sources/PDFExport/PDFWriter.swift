import Crypto
import FormLayout
import Foundation

/// Writes a laid-out document as PDF bytes: a pure function of the document and the options.
///
/// Fonts are embedded as Type0/CIDFont (Identity-H) subsets with a W array and a ToUnicode CMap. A writer
/// prepared with *shared glyphs* subsets those once (the form's fixed texts) and embeds that subset, byte for
/// byte the same, in every document; each document then subsets only the glyphs the shared subset lacks.
/// Subsetting a 65,535-glyph CJK face costs about a millisecond even after `hb_subset_preprocess`, so this
/// split is what lets bulk printing reach thousands of forms per second.
public final class PDFWriter: Sendable {
    public let fonts: FontSet
    private let shared: [SharedFont]

    /// A shared subset, serialised once as objects 5…9 (10…14 for a second face, and so on).
    private struct SharedFont: @unchecked Sendable {
        let face: Int
        let target: GlyphTarget
        let glyphTexts: [UInt32: String]
        let objects: [(number: Int, bytes: [UInt8])]
    }

    static let firstSharedObject = 5

    /// - Parameter sharedGlyphs: per face index, glyphs (→ the text each prints) to embed in every document.
    public init(fonts: FontSet, sharedGlyphs: [Int: [UInt32: String]] = [:]) throws {
        self.fonts = fonts
        var shared: [SharedFont] = []
        var next = PDFWriter.firstSharedObject
        for face in sharedGlyphs.keys.sorted() where !(sharedGlyphs[face] ?? [:]).isEmpty {
            let glyphs = sharedGlyphs[face]!
            let font = try SubsetFont(face: fonts.faces[face], glyphs: glyphs, compact: true)
            let objects = FontObjects.serialise(font, first: next, compressionLevel: 9)
            shared.append(SharedFont(face: face, target: GlyphTarget(resource: "/S\(face)", font: font), glyphTexts: glyphs, objects: objects))
            next += FontObjects.count
        }
        self.shared = shared
    }

    public func write(_ document: LaidOutDocument, options: PDFOptions = PDFOptions()) throws -> [UInt8] {
        // 1. Decide each glyph's font: the shared subset, or this document's subset of its face.
        var targets = shared.map(\.target)
        var sharedIndexOfFace: [Int: Int] = [:]
        for (index, font) in shared.enumerated() { sharedIndexOfFace[font.face] = index }
        var ownGlyphs: [Int: [UInt32: String]] = [:]
        var assignment: [[[Int]]] = []  // page → run → glyph → target index (own fonts: -1 - face, resolved below)
        for page in document.pages {
            var pageAssignment: [[Int]] = []
            for item in page.items {
                guard case .text(let run) = item else { continue }
                var runAssignment: [Int] = []
                runAssignment.reserveCapacity(run.glyphs.count)
                for glyph in run.glyphs {
                    if let index = sharedIndexOfFace[run.face], let text = shared[index].glyphTexts[glyph.id], text == glyph.text || glyph.text.isEmpty {
                        runAssignment.append(index)
                    } else {
                        if ownGlyphs[run.face, default: [:]][glyph.id]?.isEmpty ?? true { ownGlyphs[run.face, default: [:]][glyph.id] = glyph.text }
                        runAssignment.append(-1 - run.face)
                    }
                }
                pageAssignment.append(runAssignment)
            }
            assignment.append(pageAssignment)
        }
        var targetOfOwnFace: [Int: Int] = [:]
        for face in ownGlyphs.keys.sorted() {
            let font = try SubsetFont(face: fonts.faces[face], glyphs: ownGlyphs[face]!)
            targetOfOwnFace[face] = targets.count
            targets.append(GlyphTarget(resource: "/F\(face)", font: font))
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
        for (index, target) in targets.enumerated() { fontResources.append(" \(target.resource) \(fontObjectOfTarget[index]) 0 R") }
        fontResources.append(" >>")

        // 3. Pages and their content.
        var contentDigest = SHA256()
        for (pageIndex, page) in document.pages.enumerated() {
            var stream = ContentStream()
            var images: [(resource: String, object: Int, image: JPEGImage)] = []
            var runIndex = 0
            for item in page.items {
                switch item {
                case .text(let run):
                    let resolved = assignment[pageIndex][runIndex].map { $0 >= 0 ? $0 : targetOfOwnFace[-1 - $0]! }
                    stream.text(run, targets: targets, targetOfGlyph: resolved)
                    runIndex += 1
                case .line(let from, let to, let width): stream.line(from: from, to: to, width: width)
                case .box(let rect, let stroke, let fill): stream.box(rect, stroke: stroke, fillGray: fill)
                case .blackRects(let rects): stream.blackRects(rects)
                case .image(let rect, let image):
                    let resource = "/Im\(images.count)"
                    images.append((resource, next, image))
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
            objects.add(pageObjects[pageIndex], pageObject.bytes)
            objects.add(pageObjects[pageIndex] + 1, PDFWriter.stream(content, dictionary: "/Filter /FlateDecode"))
            for image in images {
                contentDigest.update(data: image.image.bytes)
                objects.add(image.object, PDFWriter.stream(image.image.bytes, dictionary:
                    "/Type /XObject /Subtype /Image /Width \(image.image.width) /Height \(image.image.height) /ColorSpace /\(image.image.components == 1 ? "DeviceGray" : "DeviceRGB") /BitsPerComponent 8 /Filter /DCTDecode"))
            }
        }
        for (index, target) in targets.enumerated() where index >= shared.count {
            for object in FontObjects.serialise(target.font, first: fontObjectOfTarget[index], compressionLevel: options.fontCompression) {
                objects.add(object.number, object.bytes)
            }
        }
        let documentID = Array(contentDigest.finalize()).prefix(16)

        // 4. Catalog, page tree, /Info, XMP.
        objects.add(1, Array("<< /Type /Catalog /Pages 2 0 R /Metadata 4 0 R >>".utf8))
        objects.add(2, Array("<< /Type /Pages /Kids [\(pageObjects.map { "\($0) 0 R" }.joined(separator: " "))] /Count \(pageObjects.count) >>".utf8))
        var info = ByteBuffer()
        info.append("<< /Title ")
        info.append(textString: document.title)
        info.append(" /Producer ")
        info.append(textString: options.producer)
        info.append(" /Creator ")
        info.append(textString: options.producer)
        if let dates = options.dates { info.append(" /CreationDate (\(dates.pdf)) /ModDate (\(dates.pdf))") }
        info.append(" >>")
        objects.add(3, info.bytes)
        let xmp = XMP.packet(title: document.title, producer: options.producer, date: options.dates?.xmp, documentID: documentID)
        objects.add(4, PDFWriter.stream(xmp, dictionary: "/Type /Metadata /Subtype /XML"))
        for font in shared { for object in font.objects { objects.add(object.number, object.bytes) } }

        return objects.serialise(documentID: documentID)
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
