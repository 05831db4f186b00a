import FormLayout

/// Writes a page's items as PDF drawing operators.
/// Writes a page's items as PDF drawing operators. Consecutive rectangles painted the same way share one
/// path and one paint operator, which keeps the stream (and its deflate time) small.
struct ContentStream {
    var buffer = ByteBuffer(capacity: 24_000)
    private var lineWidth = -1.0
    private var fillGray = -1.0
    private var renderMode = 0
    /// The paint operator of the open path of rectangles (`f` or `S`), if any.
    private var pendingPaint: StaticString?
    /// Consecutive text runs share one text object, and a font is selected only when it changes.
    private var inTextObject = false
    private var textFont: (target: Int, size: Double)?
    /// Where the current text line starts (moved with relative `Td`, shorter than a full `Tm`).
    private var lineStart = Point(x: 0, y: 0)

    var bytes: [UInt8] {
        mutating get {
            flush()
            return buffer.bytes
        }
    }

    /// Closes the open path or text object before an operator that may not follow it.
    private mutating func flush() {
        if inTextObject {
            buffer.append("ET\n")
            inTextObject = false
            textFont = nil
        }
        guard let paint = pendingPaint else { return }
        buffer.append(paint)
        buffer.append("\n")
        pendingPaint = nil
    }

    mutating func setFill(_ gray: Double) {
        guard gray != fillGray else { return }
        if pendingPaint != nil { flush() }
        buffer.append(number: gray, decimals: 3)
        buffer.append(" g\n")
        fillGray = gray
    }

    mutating func setLineWidth(_ width: Double) {
        guard width != lineWidth else { return }
        if pendingPaint != nil { flush() }
        buffer.append(number: width)
        buffer.append(" w\n")
        lineWidth = width
    }

    private mutating func rect(_ rect: Rect, paint: StaticString) {
        if inTextObject || (pendingPaint.map { $0.utf8Start != paint.utf8Start } ?? false) { flush() }
        buffer.append(number: rect.x); buffer.append(" ")
        buffer.append(number: rect.y); buffer.append(" ")
        buffer.append(number: rect.width); buffer.append(" ")
        buffer.append(number: rect.height); buffer.append(" re\n")
        pendingPaint = paint
    }

    mutating func box(_ rect: Rect, stroke: Double?, fillGray: Double?) {
        if let fillGray {
            setFill(fillGray)
            self.rect(rect, paint: "f")
        }
        if let stroke {
            setLineWidth(stroke)
            self.rect(rect, paint: "S")
        }
    }

    mutating func line(from: Point, to: Point, width: Double) {
        setLineWidth(width)
        flush()
        buffer.append(number: from.x); buffer.append(" ")
        buffer.append(number: from.y); buffer.append(" m ")
        buffer.append(number: to.x); buffer.append(" ")
        buffer.append(number: to.y); buffer.append(" l S\n")
    }

    mutating func image(_ rect: Rect, resource: String) {
        flush()
        buffer.append("q ")
        buffer.append(number: rect.width); buffer.append(" 0 0 ")
        buffer.append(number: rect.height); buffer.append(" ")
        buffer.append(number: rect.x); buffer.append(" ")
        buffer.append(number: rect.y); buffer.append(" cm ")
        buffer.append(resource)
        buffer.append(" Do Q\n")
    }

    /// A text run: one `BT … ET`, switching font where the run's glyphs change target, with `TJ` adjustments
    /// wherever the shaped position differs from the embedded width.
    mutating func text(_ run: TextRun, targets: [GlyphTarget], placed: [PlacedGlyph]) {
        if pendingPaint != nil { flush() }
        setFill(0)  // colour and line width may change inside a text object
        if run.emphasised { setLineWidth(run.size * 0.03) }
        if !inTextObject {
            buffer.append("BT\n")
            inTextObject = true
            lineStart = Point(x: 0, y: 0)
        }
        let mode = run.emphasised ? 2 : 0
        if mode != renderMode {
            buffer.append(int: mode)
            buffer.append(" Tr\n")
            renderMode = mode
        }
        var index = 0
        while index < run.glyphs.count {
            let targetIndex = placed[index].target
            let target = targets[targetIndex]
            if textFont?.target != targetIndex || textFont?.size != run.size {
                buffer.append(target.resource)
                buffer.append(" ")
                buffer.append(number: run.size)
                buffer.append(" Tf ")
                textFont = (targetIndex, run.size)
            }
            // Positions are rounded to 1/100 pt where they are written, and the line start follows the rounded
            // values, so relative moves never accumulate rounding error.
            let x = ((run.origin.x + run.glyphs[index].x) * 100).rounded() / 100
            let y = (run.origin.y * 100).rounded() / 100
            buffer.append(number: x - lineStart.x)
            buffer.append(" ")
            buffer.append(number: y - lineStart.y)
            buffer.append(" Td [<")
            lineStart = Point(x: x, y: y)
            var pen = run.glyphs[index].x
            while index < run.glyphs.count, placed[index].target == targetIndex {
                let glyph = run.glyphs[index]
                let adjustment = (glyph.x - pen) * 1000 / run.size
                if abs(adjustment) > 0.5 {
                    buffer.append("> ")
                    buffer.append(number: -adjustment, decimals: 0)
                    buffer.append(" <")
                }
                buffer.append(hex16: placed[index].code)
                pen = glyph.x + Double(placed[index].width) * run.size / 1000
                index += 1
            }
            buffer.append(">] TJ\n")
        }
    }
}
