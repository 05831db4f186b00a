/// The picture of a captcha: an SVG the front end shows as it is.
///
/// Digits are drawn as strokes (no `<text>`, so the answer is not in the markup as characters), each one
/// moved, turned and scaled a little, over noise lines. It is a deterrent against casual scripts, not a
/// defence against a determined reader — like every picture captcha.
enum CaptchaImage {
    /// Each digit as polylines on a 4 × 6 grid.
    static let glyphs: [Character: [[(Double, Double)]]] = [
        "0": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(4, 0), (0, 6)]],
        "1": [[(1, 1), (2, 0), (2, 6)], [(1, 6), (3, 6)]],
        "2": [[(0, 0), (4, 0), (4, 3), (0, 3), (0, 6), (4, 6)]],
        "3": [[(0, 0), (4, 0), (4, 6), (0, 6)], [(0, 3), (4, 3)]],
        "4": [[(0, 0), (0, 3), (4, 3)], [(3, 0), (3, 6)]],
        "5": [[(4, 0), (0, 0), (0, 3), (4, 3), (4, 6), (0, 6)]],
        "6": [[(4, 0), (0, 0), (0, 6), (4, 6), (4, 3), (0, 3)]],
        "7": [[(0, 0), (4, 0), (1, 6)]],
        "8": [[(0, 0), (4, 0), (4, 6), (0, 6), (0, 0)], [(0, 3), (4, 3)]],
        "9": [[(4, 3), (0, 3), (0, 0), (4, 0), (4, 6), (0, 6)]],
    ]

    /// The `d` attribute of a digit's path.
    static func pathData(_ digit: Character) -> String {
        (glyphs[digit] ?? []).map { line in
            line.enumerated().map { i, p in "\(i == 0 ? "M" : "L")\(Int(p.0)) \(Int(p.1))" }.joined(separator: " ")
        }.joined(separator: " ")
    }

    static func svg(for answer: String) -> String {
        var generator = SystemRandomNumberGenerator()
        func random(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &generator) }
        let colors = ["##1f4e79", "##7b2d26", "##2e6b30", "##5b3a7a", "##8a5a00"]
        var svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40" viewBox="0 0 120 40">"##
        svg += ##"<rect width="120" height="40" fill="#f4f1e8"/>"##
        for _ in 0..<6 {
            svg += ##"<line x1="\##(random(0...120))" y1="\##(random(0...40))" x2="\##(random(0...120))" y2="\##(random(0...40))" stroke="#b8b0a0" stroke-width="1"/>"##
        }
        for (i, digit) in answer.enumerated() {
            let x = 12 + i * 26 + random(-3...3)
            let y = 7 + random(-3...3)
            let angle = random(-20...20)
            let color = colors[random(0...colors.count - 1)]
            svg += ##"<g transform="translate(\##(x) \##(y)) rotate(\##(angle) 8 12) scale(4)">"##
            svg += ##"<path d="\##(pathData(digit))" fill="none" stroke="\##(color)" stroke-width="0.6" stroke-linecap="round" stroke-linejoin="round"/></g>"##
        }
        for _ in 0..<12 {
            svg += ##"<circle cx="\##(random(0...120))" cy="\##(random(0...40))" r="1" fill="#9c9488"/>"##
        }
        return svg + "</svg>"
    }
}
