/// The XMP metadata packet: title, producer, the optional creation date and the content-derived document ID.
/// Deflated in the PDF (this writer does not claim PDF/A, which would want it uncompressed).
enum XMP {
    static func packet(title: String, producer: String, date: String?, documentID: some Sequence<UInt8>) -> [UInt8] {
        var hex = documentID.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
        for position in [8, 13, 18, 23] where hex.count > position { hex.insert("-", at: hex.index(hex.startIndex, offsetBy: position)) }
        let id = hex
        let dateLine = date.map { "<xmp:CreateDate>\($0)</xmp:CreateDate><xmp:ModifyDate>\($0)</xmp:ModifyDate>" } ?? ""
        let text = """
            <?xpacket begin="\u{FEFF}" id="W5M0MpCehiHzreSzNTczkc9d"?>
            <x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
            <rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdf="http://ns.adobe.com/pdf/1.3/" xmlns:xmp="http://ns.adobe.com/xap/1.0/" xmlns:xmpMM="http://ns.adobe.com/xap/1.0/mm/">
            <dc:format>application/pdf</dc:format><dc:title><rdf:Alt><rdf:li xml:lang="x-default">\(escape(title))</rdf:li></rdf:Alt></dc:title>
            <pdf:Producer>\(escape(producer))</pdf:Producer>\(dateLine)
            <xmpMM:DocumentID>uuid:\(id)</xmpMM:DocumentID>
            </rdf:Description></rdf:RDF></x:xmpmeta>
            <?xpacket end="r"?>
            """
        return Array(text.utf8)
    }

    static func escape(_ text: String) -> String {
        var result = ""
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            default:
                if let scalar = character.unicodeScalars.first, character.unicodeScalars.count == 1, scalar.value < 0x20 { continue }
                result.append(character)
            }
        }
        return result
    }
}
