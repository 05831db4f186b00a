/// The rows of a tab-separated table (`Data/*.tsv`), split on UTF-8 bytes: splitting the `String` itself goes
/// character by character through grapheme breaking, which made the two region tables cost some 30 ms of a
/// process's start (277 million instructions) before any work. `#` lines are comments.
enum TSV {
    static func rows(_ text: String) -> [[Substring]] {
        var rows: [[Substring]] = []
        for line in text.utf8.split(separator: UInt8(ascii: "\n")) where line.first != UInt8(ascii: "#") {
            rows.append(line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false).map { Substring($0) })
        }
        return rows
    }
}
