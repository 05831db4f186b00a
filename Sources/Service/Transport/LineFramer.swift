/// Splits a byte stream into lines, whatever size the reads come in.
///
/// One JSON-RPC message per line: `\n` ends a line and a `\r` just before it is dropped. A line longer than
/// `maximumLineLength` is not buffered: its bytes are counted and thrown away up to the next `\n`, and it comes
/// out as `.oversized` so the service can answer it with an error and go on. At EOF, `finish()` hands out
/// the bytes left after the last `\n` (a last line without its newline is still a message).
public struct LineFramer: Sendable {
    public enum Frame: Equatable, Sendable {
        case line([UInt8])
        /// A line over the limit, with how many bytes it had (without the newline).
        case oversized(byteCount: Int)
    }

    /// 16 MiB: room for a photo upload in base64 many times over, and a bound on what one line can cost.
    public static let defaultMaximumLineLength = 16 * 1024 * 1024

    public let maximumLineLength: Int
    private var pending: [UInt8] = []
    /// Bytes of the current oversized line seen so far, or nil while the line is within the limit.
    private var discarded: Int?

    public init(maximumLineLength: Int = LineFramer.defaultMaximumLineLength) {
        self.maximumLineLength = maximumLineLength
    }

    /// Feeds bytes; returns the lines they complete, in order.
    public mutating func append<Bytes: Collection>(_ bytes: Bytes) -> [Frame] where Bytes.Element == UInt8, Bytes.Index == Int {
        var frames: [Frame] = []
        var start = bytes.startIndex
        while start < bytes.endIndex {
            let newline = bytes[start...].firstIndex(of: 0x0A)
            let end = newline ?? bytes.endIndex
            let chunk = bytes[start..<end]
            if let count = discarded {
                discarded = count + chunk.count
            } else if pending.count + chunk.count > maximumLineLength + 1 {
                // +1: a line of exactly the limit may still carry the `\r` that is dropped.
                discarded = pending.count + chunk.count
                pending = []
            } else {
                pending.append(contentsOf: chunk)
            }
            if newline != nil {
                frames.append(takeLine())
                start = end + 1
            } else {
                start = end
            }
        }
        return frames
    }

    /// At end of input: the last line when the stream did not end with `\n`.
    public mutating func finish() -> Frame? {
        guard discarded != nil || !pending.isEmpty else { return nil }
        return takeLine()
    }

    private mutating func takeLine() -> Frame {
        defer {
            pending = []
            discarded = nil
        }
        if let count = discarded {
            return .oversized(byteCount: count)
        }
        var line = pending
        if line.last == 0x0D { line.removeLast() }
        if line.count > maximumLineLength { return .oversized(byteCount: line.count) }
        return .line(line)
    }
}
