import Foundation

/// What the PDF writer needs besides the document. The defaults give reproducible bytes: no clock is read, and
/// the document ID is derived from the content.
public struct PDFOptions: Sendable {
    /// Written to /Info and XMP when given; `nil` (the default) writes no date, so the same input gives the
    /// same bytes.
    public var creationDate: Date?
    public var producer: String
    /// zlib level of content streams (0–9).
    public var contentCompression: Int32
    /// zlib level of per-document font programs: CFF barely compresses, so a low level saves time, not bytes.
    public var fontCompression: Int32

    public init(creationDate: Date? = nil, producer: String = "Baokao", contentCompression: Int32 = 6, fontCompression: Int32 = 1) {
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
