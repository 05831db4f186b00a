/// The rows of a tab-separated table (`Data/*.tsv`), split on UTF-8 bytes: splitting the `String` itself goes
/// character by character through grapheme breaking, which made the two region tables cost some 30 ms of a
/// process's start (277 million instructions) before any work. `#` lines are comments.
enum TSV {
    static func rows(_ text: String) -> [[Substring]] {
        // On the contiguous bytes, by offsets: splitting the UTF-8 view generically still stepped through
        // checked string indices byte by byte (70 million instructions for the two region tables).
        var text = text
        text.makeContiguousUTF8()
        let utf8 = text.utf8
        func field(_ from: Int, _ to: Int) -> Substring {
            Substring(utf8[utf8.index(utf8.startIndex, offsetBy: from)..<utf8.index(utf8.startIndex, offsetBy: to)])
        }
        return utf8.withContiguousStorageIfAvailable { bytes -> [[Substring]] in
            var rows: [[Substring]] = []
            var lineStart = 0
            while lineStart < bytes.count {
                let lineEnd = bytes[lineStart...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
                if lineEnd > lineStart, bytes[lineStart] != UInt8(ascii: "#") {  // no empty lines, no comments
                    var fields: [Substring] = []
                    var fieldStart = lineStart
                    for i in lineStart...lineEnd where i == lineEnd || bytes[i] == UInt8(ascii: "\t") {
                        fields.append(field(fieldStart, i))  // empty fields kept: columns stay in place
                        fieldStart = i + 1
                    }
                    rows.append(fields)
                }
                lineStart = lineEnd + 1
            }
            return rows
        }!
    }
}
