import FormLayout
import Foundation

/// Desubroutinised charstrings of a CID-keyed CFF face, cut out once per glyph and reused: each document's
/// font program is then assembled from them (`assemble`) instead of running the HarfBuzz subsetter per
/// document, which costs about 0.2 ms for Noto CJK even for forty glyphs.
///
/// A glyph is fetched on first use by subsetting the face (`hb_subset`, desubroutinised, no hints) to the
/// missing glyphs and taking the result apart. Desubroutinised charstrings depend only on their font dict's
/// Private DICT (nominal and default widths), which travels with them. Thread-safe.
final class CFFGlyphLibrary: @unchecked Sendable {
    let face: FontFace
    private let lock = NSLock()
    /// CID → charstring and font dict.
    private var glyphs: [UInt32: (charstring: [UInt8], fontDict: Int)] = [:]
    /// Distinct font dicts: the Font DICT entries to keep (no offsets, no strings) and the Private DICT.
    private var fontDicts: [(dict: [UInt8], privateDict: [UInt8])] = []
    private var fontDictIndex: [[UInt8]: Int] = [:]
    /// Top DICT entries that carry neither offsets nor strings (FontBBox, FontMatrix, CIDCount…).
    private var topEntries: [UInt8] = []

    init(face: FontFace) {
        self.face = face
    }

    /// A complete CFF font program with these glyphs (.notdef added), renumbered: the n-th glyph in CID order
    /// gets CID n (`.notdef` is 0). Small consecutive codes make the content stream, the ToUnicode CMap (ranges)
    /// and the charset (one range) smaller than the face's own CIDs would: about 1 KB per form.
    func assemble(_ cids: [UInt32]) throws -> [UInt8] {
        let wanted = ([0] + cids).sorted()
        var unique: [UInt32] = []
        for cid in wanted where unique.last != cid { unique.append(cid) }
        // Only the cache is locked: the program is written from a snapshot (arrays are values), so threads
        // rendering in parallel wait for each other only while a new glyph is fetched.
        lock.lock()
        let snapshot: (glyphs: [(charstring: [UInt8], fontDict: Int)], fontDicts: [(dict: [UInt8], privateDict: [UInt8])], top: [UInt8])
        do {
            let missing = unique.filter { glyphs[$0] == nil }
            if !missing.isEmpty { try fetch(missing) }
            snapshot = (unique.map { glyphs[$0]! }, fontDicts, topEntries)
            lock.unlock()
        } catch {
            lock.unlock()
            throw error
        }
        return try CFFGlyphLibrary.write(glyphs: snapshot.glyphs, fontDicts: snapshot.fontDicts, topEntries: snapshot.top, name: face.postScriptName)
    }

    /// Subsets the face to `cids` and stores each glyph's charstring and font dict.
    private func fetch(_ cids: [UInt32]) throws {
        let subset = try SubsetFont(face: face, glyphs: Dictionary(uniqueKeysWithValues: cids.map { ($0, "") }))
        let reader = CFF.Reader(bytes: subset.program)
        let headerSize = try reader.byte(2)
        let names = try reader.index(at: headerSize)
        let tops = try reader.index(at: names.end)
        guard let top = tops.items.first else { throw CFF.Failure("no Top DICT") }
        let topDict = try CFF.parseDict(top)
        func offset(_ op: Int) throws -> Int {
            guard let entry = topDict.first(where: { $0.op == op }), let value = entry.operands.last else { throw CFF.Failure("Top DICT lacks operator \(op)") }
            return Int(value)
        }
        guard topDict.first?.op == 1230 else { throw CFF.Failure("not CID-keyed (no ROS)") }
        let charStrings = try reader.index(at: offset(17)).items
        let count = charStrings.count
        // charset: the CID of each glyph (glyph 0 is CID 0).
        var cidOfGlyph = [Int](repeating: 0, count: count)
        var position = try offset(15)
        let charsetFormat = try reader.byte(position)
        position += 1
        var glyph = 1
        while glyph < count {
            switch charsetFormat {
            case 0:
                cidOfGlyph[glyph] = try reader.card(position, size: 2)
                position += 2
                glyph += 1
            case 1, 2:
                let first = try reader.card(position, size: 2)
                let left = try reader.card(position + 2, size: charsetFormat == 1 ? 1 : 2)
                position += charsetFormat == 1 ? 3 : 4
                for step in 0...left where glyph < count {
                    cidOfGlyph[glyph] = first + step
                    glyph += 1
                }
            default: throw CFF.Failure("charset format \(charsetFormat)")
            }
        }
        // FDSelect: the font dict of each glyph.
        var fdOfGlyph = [Int](repeating: 0, count: count)
        position = try offset(1237)
        switch try reader.byte(position) {
        case 0:
            for glyph in 0..<count { fdOfGlyph[glyph] = try reader.byte(position + 1 + glyph) }
        case 3:
            let ranges = try reader.card(position + 1, size: 2)
            for range in 0..<ranges {
                let start = try reader.card(position + 3 + range * 3, size: 2)
                let fd = try reader.byte(position + 5 + range * 3)
                let end = try reader.card(position + 6 + range * 3, size: 2)
                guard start <= end, end <= count else { throw CFF.Failure("FDSelect range") }
                for glyph in start..<end { fdOfGlyph[glyph] = fd }
            }
        case let format: throw CFF.Failure("FDSelect format \(format)")
        }
        // FDArray: each font dict and its Private DICT, keyed by content so dicts from several fetches merge.
        var libraryIndexOfFD: [Int] = []
        for fontDict in try reader.index(at: offset(1236)).items {
            var kept: [UInt8] = []
            var privateDict: [UInt8] = []
            for entry in try CFF.parseDict(fontDict) {
                switch entry.op {
                case 18:
                    guard entry.operands.count == 2 else { throw CFF.Failure("Private operator") }
                    let size = Int(entry.operands[0]), start = Int(entry.operands[1])
                    guard start >= 0, size >= 0, start + size <= subset.program.count else { throw CFF.Failure("Private DICT out of range") }
                    for privateEntry in try CFF.parseDict(subset.program[start..<(start + size)]) where privateEntry.op != 19 {
                        privateDict.append(contentsOf: privateEntry.raw)  // Subrs (19) go: charstrings are desubroutinised
                    }
                case 1238: break  // FontName: a string ID, not needed
                default: kept.append(contentsOf: entry.raw)
                }
            }
            let key = kept + [0xFF] + privateDict
            if let known = fontDictIndex[key] {
                libraryIndexOfFD.append(known)
            } else {
                fontDictIndex[key] = fontDicts.count
                libraryIndexOfFD.append(fontDicts.count)
                fontDicts.append((kept, privateDict))
            }
        }
        if topEntries.isEmpty {
            let withoutOffsetsOrStrings: Set<Int> = [0, 1, 2, 3, 4, 15, 16, 17, 18, 1200, 1221, 1222, 1230, 1236, 1237, 1238]
            for entry in topDict where !withoutOffsetsOrStrings.contains(entry.op) { topEntries.append(contentsOf: entry.raw) }
        }
        for glyph in 0..<count {
            guard fdOfGlyph[glyph] < libraryIndexOfFD.count else { throw CFF.Failure("FDSelect names a missing font dict") }
            glyphs[UInt32(cidOfGlyph[glyph])] = (Array(charStrings[glyph]), libraryIndexOfFD[fdOfGlyph[glyph]])
        }
        for cid in cids where glyphs[cid] == nil { throw CFF.Failure("glyph \(cid) missing from its subset") }
    }

    /// Header, Name, Top DICT, String, Global Subr INDEXes, then charset (CID = glyph index, one range),
    /// FDSelect (ranges), CharStrings, FDArray and the Private DICTs. Offsets in the Top DICT use the fixed
    /// 5-byte form, so its size is known up front.
    private static func write(
        glyphs: [(charstring: [UInt8], fontDict: Int)], fontDicts: [(dict: [UInt8], privateDict: [UInt8])],
        topEntries: [UInt8], name postScriptName: String
    ) throws -> [UInt8] {
        var used: [Int] = []
        var fdOfLibraryFD: [Int: Int] = [:]
        for glyph in glyphs where fdOfLibraryFD[glyph.fontDict] == nil {
            fdOfLibraryFD[glyph.fontDict] = used.count
            used.append(glyph.fontDict)
        }
        guard used.count <= 256 else { throw CFF.Failure("\(used.count) font dicts do not fit FDSelect") }
        let name = Array(postScriptName.utf8)
        let strings: [[UInt8]] = [Array("Adobe".utf8), Array("Identity".utf8)]
        // ROS must come first; SIDs 391 and 392 are the first two custom strings.
        let topFixedPart = CFF.operand(391) + CFF.operand(392) + CFF.operand(0) + CFF.op(1230) + topEntries
        let topSize = topFixedPart.count + 4 * 5 + CFF.op(15).count + CFF.op(1237).count + CFF.op(17).count + CFF.op(1236).count
        let charStringsLength = glyphs.reduce(0) { $0 + $1.charstring.count }

        var offset = 4
        offset += CFF.Writer.indexSize(count: 1, dataLength: name.count)
        offset += CFF.Writer.indexSize(count: 1, dataLength: topSize)
        offset += CFF.Writer.indexSize(count: 2, dataLength: strings.reduce(0) { $0 + $1.count })
        offset += 2  // empty Global Subr INDEX
        let charsetOffset = offset
        offset += glyphs.count > 1 ? 5 : 1
        // FDSelect format 3: a range wherever the font dict changes.
        var fdRanges: [(first: Int, fd: Int)] = []
        for (index, glyph) in glyphs.enumerated() where fdRanges.last?.fd != fdOfLibraryFD[glyph.fontDict]! {
            fdRanges.append((index, fdOfLibraryFD[glyph.fontDict]!))
        }
        let fdSelectOffset = offset
        offset += 5 + 3 * fdRanges.count
        let charStringsOffset = offset
        offset += CFF.Writer.indexSize(count: glyphs.count, dataLength: charStringsLength)
        let fdArrayOffset = offset
        let fontDictSizes = used.map { fontDicts[$0].dict.count + 5 + 5 + 1 }
        offset += CFF.Writer.indexSize(count: used.count, dataLength: fontDictSizes.reduce(0, +))
        var privateOffsets: [Int] = []
        for fd in used {
            privateOffsets.append(offset)
            offset += fontDicts[fd].privateDict.count
        }

        var writer = CFF.Writer()
        writer.bytes.reserveCapacity(offset)
        writer.bytes += [1, 0, 4, 4]
        writer.index([name])
        let top = topFixedPart
            + CFF.operand(charsetOffset, fixed: true) + CFF.op(15)
            + CFF.operand(fdSelectOffset, fixed: true) + CFF.op(1237)
            + CFF.operand(charStringsOffset, fixed: true) + CFF.op(17)
            + CFF.operand(fdArrayOffset, fixed: true) + CFF.op(1236)
        writer.index([top])
        writer.index(strings)
        writer.card16(0)
        if glyphs.count > 1 {
            writer.bytes.append(2)  // charset format 2: CIDs 1… for glyphs 1…, nLeft more after the first
            writer.card16(1)
            writer.card16(glyphs.count - 2)
        } else {
            writer.bytes.append(0)  // format 0 with no entries: .notdef only
        }
        writer.bytes.append(3)  // FDSelect format 3
        writer.card16(fdRanges.count)
        for range in fdRanges {
            writer.card16(range.first)
            writer.bytes.append(UInt8(range.fd))
        }
        writer.card16(glyphs.count)  // sentinel
        writer.index(glyphs.map(\.charstring))
        writer.index(used.enumerated().map { index, fd in
            fontDicts[fd].dict + CFF.operand(fontDicts[fd].privateDict.count, fixed: true) + CFF.operand(privateOffsets[index], fixed: true) + CFF.op(18)
        })
        for fd in used { writer.bytes += fontDicts[fd].privateDict }
        guard writer.bytes.count == offset else { throw CFF.Failure("assembled \(writer.bytes.count) bytes, planned \(offset)") }
        return writer.bytes
    }
}
