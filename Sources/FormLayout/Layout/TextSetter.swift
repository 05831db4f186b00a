/// Turns lines of shaped clusters into text runs (one per face) and measures them.
struct TextSetter {
    let fonts: FontSet

    /// Height of one line as a multiple of the type size.
    static let leading = 1.32

    func width(_ clusters: [ShapedCluster]) -> Double {
        clusters.reduce(0) { $0 + $1.width }
    }

    /// Runs for one line whose baseline starts at `origin` (PDF coordinates).
    func runs(_ line: [ShapedCluster], size: Double, origin: Point, emphasised: Bool = false) -> [TextRun] {
        var runs: [TextRun] = []
        var x = 0.0
        var current: TextRun?
        for cluster in line {
            let unitsPerEm = Double(fonts.faces[cluster.face].unitsPerEm)
            let scale = size / unitsPerEm
            if current?.face != cluster.face {
                if let run = current { runs.append(run) }
                current = TextRun(face: cluster.face, size: size, origin: Point(x: origin.x + x, y: origin.y), glyphs: [], emphasised: emphasised)
            }
            let runX = (current?.origin.x ?? origin.x) - origin.x
            var pen = x
            for (index, glyph) in cluster.glyphs.enumerated() {
                current?.glyphs.append(TextRun.Glyph(
                    id: glyph.id, x: pen - runX + Double(glyph.xOffset) * scale, y: Double(glyph.yOffset) * scale,
                    text: index == 0 ? cluster.text : ""))
                pen += Double(glyph.advance) * scale
            }
            x += cluster.width * size
        }
        if let run = current { runs.append(run) }
        return runs
    }
}
