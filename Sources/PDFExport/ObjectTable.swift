/// The numbered objects of a PDF, written in number order and indexed by a cross-reference stream.
///
/// Dictionaries (`add(_:dictionary:)`) go into one deflated object stream, streams (`add(_:stream:)`) stay
/// top-level objects (PDF 1.5, §7.5.7–8). A form's dozen dictionaries — font dicts with their W arrays, the
/// page, the catalog — and its cross-reference table then cost about 1.5 KB less than as plain objects and a
/// classic `xref` table. `/Info` stays a plain object: readers that show document properties find it at once.
struct ObjectTable {
    private var topLevel: [Int: [UInt8]] = [:]
    private var dictionaries: [Int: [UInt8]] = [:]

    /// A stream object (dictionary, `stream`, data, `endstream`): written as a top-level object.
    mutating func add(_ number: Int, stream body: [UInt8]) {
        precondition(topLevel[number] == nil && dictionaries[number] == nil, "object \(number) written twice")
        topLevel[number] = body
    }

    /// Any other object: stored in the object stream, unless `plain`.
    mutating func add(_ number: Int, dictionary body: [UInt8], plain: Bool = false) {
        precondition(topLevel[number] == nil && dictionaries[number] == nil, "object \(number) written twice")
        if plain { topLevel[number] = body } else { dictionaries[number] = body }
    }

    /// The whole file: header, objects, the object stream, the cross-reference stream (which carries the
    /// trailer's /Root, /Info and /ID) and `startxref`.
    func serialise(documentID: some Sequence<UInt8>, compressionLevel: Int32) -> [UInt8] {
        let objectStream = max(topLevel.keys.max() ?? 0, dictionaries.keys.max() ?? 0) + 1
        let xrefStream = objectStream + 1
        let size = xrefStream + 1

        // The object stream: pairs "number offset" then the objects, each offset relative to /First.
        let numbers = dictionaries.keys.sorted()
        var header = ByteBuffer(capacity: numbers.count * 10)
        var body = ByteBuffer(capacity: dictionaries.values.reduce(0) { $0 + $1.count + 1 })
        for number in numbers {
            header.append(int: number)
            header.append(" ")
            header.append(int: body.count)
            header.append(" ")
            body.append(dictionaries[number]!)
            body.append("\n")
        }
        let packed = Deflate.compress(header.bytes + body.bytes, level: compressionLevel)

        var buffer = ByteBuffer(capacity: topLevel.values.reduce(0) { $0 + $1.count + 30 } + packed.count + size * 6 + 400)
        buffer.append("%PDF-1.7\n%\u{E2}\u{E3}\u{CF}\u{D3}\n")
        var offsets = [Int](repeating: -1, count: size)
        func object(_ number: Int, _ write: (inout ByteBuffer) -> Void) {
            offsets[number] = buffer.count
            buffer.append(int: number)
            buffer.append(" 0 obj\n")
            write(&buffer)
            buffer.append("\nendobj\n")
        }
        for number in topLevel.keys.sorted() { object(number) { $0.append(topLevel[number]!) } }
        object(objectStream) { buffer in
            buffer.append("<< /Type /ObjStm /N \(numbers.count) /First \(header.count) /Filter /FlateDecode /Length \(packed.count) >>\nstream\n")
            buffer.append(packed)
            buffer.append("\nendstream")
        }
        let xref = buffer.count
        offsets[xrefStream] = xref

        // Entries: type 0 free, 1 at an offset, 2 in the object stream at an index; big-endian fields.
        let offsetWidth = xref < 1 << 16 ? 2 : xref < 1 << 24 ? 3 : 4
        let indexWidth = numbers.count < 256 ? 1 : 2
        var indexInStream = [Int](repeating: -1, count: size)
        for (index, number) in numbers.enumerated() { indexInStream[number] = index }
        var entries: [UInt8] = []
        entries.reserveCapacity(size * (1 + offsetWidth + indexWidth))
        func field(_ value: Int, width: Int) {
            for shift in stride(from: (width - 1) * 8, through: 0, by: -8) { entries.append(UInt8(truncatingIfNeeded: value >> shift)) }
        }
        for number in 0..<size {
            if indexInStream[number] >= 0 {
                entries.append(2); field(objectStream, width: offsetWidth); field(indexInStream[number], width: indexWidth)
            } else if offsets[number] >= 0 {
                entries.append(1); field(offsets[number], width: offsetWidth); field(0, width: indexWidth)
            } else {
                entries.append(0); field(0, width: offsetWidth + indexWidth)
            }
        }
        let packedEntries = Deflate.compress(entries, level: compressionLevel)
        let id = Array(documentID)
        buffer.append(int: xrefStream)
        buffer.append(" 0 obj\n<< /Type /XRef /Size \(size) /W [1 \(offsetWidth) \(indexWidth)] /Root 1 0 R /Info 3 0 R /ID [<")
        buffer.append(hexBytes: id)
        buffer.append("> <")
        buffer.append(hexBytes: id)
        buffer.append(">] /Filter /FlateDecode /Length \(packedEntries.count) >>\nstream\n")
        buffer.append(packedEntries)
        buffer.append("\nendstream\nendobj\nstartxref\n\(xref)\n%%EOF\n")
        return buffer.bytes
    }
}
