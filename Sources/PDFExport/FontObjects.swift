import FormLayout

/// The five PDF objects of an embedded subset font: Type0 → CIDFont → FontDescriptor → font file, and the
/// ToUnicode CMap that gives every glyph its text back (characters beyond the BMP as UTF-16 surrogate pairs).
enum FontObjects {
    static let count = 5

    /// Serialised objects `first … first+4`; the Type0 font is `first`. The font program and the CMap are
    /// streams, the other three dictionaries (for the object stream, `ObjectTable`).
    static func serialise(_ font: SubsetFont, first: Int, compressionLevel: Int32) -> [(number: Int, bytes: [UInt8], isStream: Bool)] {
        let face = font.face
        func scaled(_ value: Int) -> Int { value * 1000 / face.unitsPerEm }
        var objects: [(Int, [UInt8], Bool)] = []

        var type0 = ByteBuffer()
        type0.append("<< /Type /Font /Subtype /Type0 /BaseFont /\(font.baseFont) /Encoding /Identity-H /DescendantFonts [\(first + 1) 0 R] /ToUnicode \(first + 4) 0 R >>")
        objects.append((first, type0.bytes, false))

        var cidFont = ByteBuffer()
        cidFont.append("<< /Type /Font /Subtype /\(font.isCFF ? "CIDFontType0" : "CIDFontType2") /BaseFont /\(font.baseFont)")
        cidFont.append(" /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor \(first + 2) 0 R /DW 1000")
        if !font.isCFF { cidFont.append(" /CIDToGIDMap /Identity") }
        cidFont.append(" /W [")
        // Only widths other than the default 1000, in runs of consecutive codes: `c [w1 w2 …]`.
        let widths = font.codes.map { (code: $0.value, width: font.width($0.key)) }.filter { $0.width != 1000 }.sorted { $0.code < $1.code }
        var index = 0
        while index < widths.count {
            cidFont.append(int: Int(widths[index].code))
            cidFont.append(" [")
            var next = index
            repeat {
                if next > index { cidFont.append(" ") }
                cidFont.append(int: widths[next].width)
                next += 1
            } while next < widths.count && widths[next].code == widths[next - 1].code + 1
            cidFont.append("] ")
            index = next
        }
        cidFont.append("] >>")
        objects.append((first + 1, cidFont.bytes, false))

        var descriptor = ByteBuffer()
        let box = face.boundingBox
        descriptor.append("<< /Type /FontDescriptor /FontName /\(font.baseFont) /Flags 4 /FontBBox [\(scaled(box.0)) \(scaled(box.1)) \(scaled(box.2)) \(scaled(box.3))]")
        descriptor.append(" /ItalicAngle 0 /Ascent \(scaled(face.ascender)) /Descent \(scaled(face.descender)) /CapHeight \(scaled(face.ascender)) /StemV 80")
        descriptor.append(font.isCFF ? " /FontFile3 \(first + 3) 0 R >>" : " /FontFile2 \(first + 3) 0 R >>")
        objects.append((first + 2, descriptor.bytes, false))

        let program = Deflate.compress(font.program, level: compressionLevel)
        var file = ByteBuffer(capacity: program.count + 100)
        file.append(font.isCFF ? "<< /Subtype /CIDFontType0C" : "<< /Length1 \(font.program.count)")
        file.append(" /Filter /FlateDecode /Length \(program.count) >>\nstream\n")
        file.append(program)
        file.append("\nendstream")
        objects.append((first + 3, file.bytes, true))

        let cmap = Deflate.compress(toUnicode(font.texts), level: compressionLevel)
        var cmapObject = ByteBuffer(capacity: cmap.count + 60)
        cmapObject.append("<< /Filter /FlateDecode /Length \(cmap.count) >>\nstream\n")
        cmapObject.append(cmap)
        cmapObject.append("\nendstream")
        objects.append((first + 4, cmapObject.bytes, true))
        return objects
    }

    /// A ToUnicode CMap, texts as UTF-16BE hex. Runs of consecutive codes (within one high byte, as CMaps
    /// require) are written as `bfrange` with an array of texts, which spares the code of every entry — the
    /// assembled CFF subsets number their glyphs 1, 2, 3…; single codes as `bfchar`. At most 100 entries per
    /// block.
    static func toUnicode(_ texts: [(code: UInt16, text: String)]) -> [UInt8] {
        var cmap = ByteBuffer(capacity: 300 + texts.count * 10)
        cmap.append("/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n")
        var runs: [Range<Int>] = []
        var start = 0
        while start < texts.count {
            var end = start + 1
            while end < texts.count, texts[end].code == texts[end - 1].code &+ 1, texts[end].code & 0xFF != 0 { end += 1 }
            runs.append(start..<end)
            start = end
        }
        func text(_ entry: (code: UInt16, text: String)) {
            cmap.append("<")
            for unit in entry.text.utf16 { cmap.append(hex16: unit) }
            cmap.append(">")
        }
        for (isRange, keyword) in [(false, "bfchar"), (true, "bfrange")] {
            let chosen = runs.filter { ($0.count > 1) == isRange }
            var block = 0
            while block < chosen.count {
                let part = chosen[block..<min(block + 100, chosen.count)]
                cmap.append(int: part.count)
                cmap.append(" begin\(keyword)\n")
                for run in part {
                    cmap.append("<")
                    cmap.append(hex16: texts[run.lowerBound].code)
                    cmap.append("> ")
                    if isRange {
                        cmap.append("<")
                        cmap.append(hex16: texts[run.upperBound - 1].code)
                        cmap.append("> [")
                        for index in run { text(texts[index]) }
                        cmap.append("]\n")
                    } else {
                        text(texts[run.lowerBound])
                        cmap.append("\n")
                    }
                }
                cmap.append("end\(keyword)\n")
                block += 100
            }
        }
        cmap.append("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n")
        return cmap.bytes
    }
}
