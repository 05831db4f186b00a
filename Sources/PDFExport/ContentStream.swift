import FormLayout

/// Where the glyphs of one face go: the shared subset (embedded identically in every document) when it has the
/// glyph with the same text, else this document's own subset of the face.
struct GlyphTarget {
    /// Resource name bytes, e.g. `/S0`.
    let resource: String
    let font: SubsetFont
}

/// Writes a page's items as PDF drawing operators.
struct ContentStream {
    var buffer = ByteBuffer(capacity: 24_000)
    private var lineWidth = -1.0
    private var fillGray = -1.0
    private var renderMode = 0

    mutating func setFill(_ gray: Double) {
        guard gray != fillGray else { return }
        buffer.append(number: gray, decimals: 3)
        buffer.append(" g\n")
        fillGray = gray
    }

    mutating func setLineWidth(_ width: Double) {
        guard width != lineWidth else { return }
        buffer.append(number: width)
        buffer.append(" w\n")
        lineWidth = width
    }

    mutating func rect(_ rect: Rect) {
        buffer.append(number: rect.x); buffer.append(" ")
        buffer.append(number: rect.y); buffer.append(" ")
        buffer.append(number: rect.width); buffer.append(" ")
        buffer.append(number: rect.height); buffer.append(" re\n")
    }

    mutating func box(_ rect: Rect, stroke: Double?, fillGray: Double?) {
        if let fillGray {
            setFill(fillGray)
            self.rect(rect)
            buffer.append("f\n")
        }
        if let stroke {
            setLineWidth(stroke)
            self.rect(rect)
            buffer.append("S\n")
        }
    }

    mutating func line(from: Point, to: Point, width: Double) {
        setLineWidth(width)
        buffer.append(number: from.x); buffer.append(" ")
        buffer.append(number: from.y); buffer.append(" m ")
        buffer.append(number: to.x); buffer.append(" ")
        buffer.append(number: to.y); buffer.append(" l S\n")
    }

    mutating func blackRects(_ rects: [Rect]) {
        setFill(0)
        for rect in rects { self.rect(rect) }
        buffer.append("f\n")
    }

    mutating func image(_ rect: Rect, resource: String) {
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
    mutating func text(_ run: TextRun, targets: [GlyphTarget], targetOfGlyph: [Int]) {
        setFill(0)
        buffer.append("BT\n")
        let mode = run.emphasised ? 2 : 0
        if mode != renderMode {
            buffer.append(int: mode)
            buffer.append(" Tr\n")
            renderMode = mode
        }
        if run.emphasised { setLineWidth(run.size * 0.03) }
        var index = 0
        while index < run.glyphs.count {
            let target = targets[targetOfGlyph[index]]
            buffer.append(target.resource)
            buffer.append(" ")
            buffer.append(number: run.size)
            buffer.append(" Tf 1 0 0 1 ")
            buffer.append(number: run.origin.x + run.glyphs[index].x, decimals: 3)
            buffer.append(" ")
            buffer.append(number: run.origin.y, decimals: 3)
            buffer.append(" Tm [<")
            var pen = run.glyphs[index].x
            while index < run.glyphs.count, targets[targetOfGlyph[index]].resource == target.resource {
                let glyph = run.glyphs[index]
                let adjustment = (glyph.x - pen) * 1000 / run.size
                if abs(adjustment) > 0.5 {
                    buffer.append("> ")
                    buffer.append(number: -adjustment, decimals: 0)
                    buffer.append(" <")
                }
                buffer.append(hex16: target.font.codes[glyph.id] ?? 0)
                pen = glyph.x + Double(target.font.width(glyph.id)) * run.size / 1000
                index += 1
            }
            buffer.append(">] TJ\n")
        }
        buffer.append("ET\n")
    }
}
