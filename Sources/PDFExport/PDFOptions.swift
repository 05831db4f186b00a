import Foundation

/// What the PDF writer needs besides the document. The defaults give reproducible bytes: no clock is read, and
/// the document ID is derived from the content.
public struct PDFOptions: Sendable {
    /// Written to /Info and XMP when given; `nil` (the default) writes no date, so the same input gives the
    /// same bytes.
    public var creationDate: Date?
    public var producer: String
    /// Deflate level of content streams, metadata, the object stream and the cross-reference stream (0–12,
    /// libdeflate levels). Level 1: on a form's 8.5 KB content stream it gives 2,107 B in 19 µs, level 6
    /// 1,954 B in 56 µs, level 9 1,918 B in 143 µs; and the stronger levels set up bigger tables for each of
    /// a form's four small streams. Measured with `scripts/bench-forms` (2,000 forms): level 1 renders 13 %
    /// more forms per CPU-second than level 6 for 240 bytes (0.8 %) more per form.
    public var contentCompression: Int32
    /// Deflate level of per-document font programs and their ToUnicode CMaps. CFF barely compresses: on a
    /// 8.9 KB subset level 1 gives 8,198 B in 27 µs, level 6 8,202 B in 45 µs.
    public var fontCompression: Int32

    public init(creationDate: Date? = nil, producer: String = "Baokao", contentCompression: Int32 = 1, fontCompression: Int32 = 1) {
        self.creationDate = creationDate
        self.producer = producer
        self.contentCompression = contentCompression
        self.fontCompression = fontCompression
    }

    /// `D:20261124213000Z` for /Info, and the XMP form `2026-11-24T21:30:00Z`.
    var dates: (pdf: String, xmp: String)? {
        guard let creationDate else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: creationDate)
        func two(_ value: Int?) -> String { let v = value ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        let year = String(c.year ?? 1970)
        return ("D:\(year)\(two(c.month))\(two(c.day))\(two(c.hour))\(two(c.minute))\(two(c.second))Z",
                "\(year)-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))Z")
    }
}
