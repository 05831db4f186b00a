import Foundation

/// The picture of a captcha: an SVG the front end shows as it is.
///
/// Digits are strokes, never `<text>`, and no two pictures share a path: each digit comes from one of three
/// outline styles, is placed, turned, slanted and scaled at random, every control point is jittered, the
/// stroke width varies, specks of ink join its paths, and the strokes are split into paths at random, mixed
/// with thinner noise strokes that cross the digits in the digits' own colours, in random document order. A table of path strings — exact or
/// normalised — therefore reads nothing (`CaptchaTests.lookupTablesOfPathsReadNothing`). It remains a deterrent against scripts, not a
/// defence against a determined reader of pictures, like every picture captcha.
enum CaptchaImage {
    static let width = 150.0
    static let height = 50.0
    /// Where digit `i` of four is drawn (before its random turn and jitter): 26 × 34 px boxes, 34 px apart.
    static func slot(_ i: Int) -> (x: Double, y: Double, width: Double, height: Double) {
        (x: 10 + Double(i) * 34, y: 8, width: 26, height: 34)
    }

    /// A stroke of a digit, in a unit box (x right, y down); `smooth` strokes are drawn as curves through
    /// their points, the others as straight segments.
    struct Stroke {
        let points: [(Double, Double)]
        let smooth: Bool
    }

    /// Three styles of outline per digit: block (straight, like a seven-segment display), round (curves) and
    /// hand (the variants people write: an open 4, a crossed 7, a serif 1, a straight-tailed 9).
    static let styles: [[Character: [Stroke]]] = [block, round, hand]

    private static func lines(_ strokes: [[(Double, Double)]]) -> [Stroke] { strokes.map { Stroke(points: $0, smooth: false) } }
    private static func curves(_ strokes: [[(Double, Double)]]) -> [Stroke] { strokes.map { Stroke(points: $0, smooth: true) } }

    static let block: [Character: [Stroke]] = [
        "0": lines([[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)], [(1, 0), (0, 1)]]),
        "1": lines([[(0.25, 0.17), (0.5, 0), (0.5, 1)], [(0.25, 1), (0.75, 1)]]),
        "2": lines([[(0, 0), (1, 0), (1, 0.5), (0, 0.5), (0, 1), (1, 1)]]),
        "3": lines([[(0, 0), (1, 0), (1, 1), (0, 1)], [(0.15, 0.5), (1, 0.5)]]),
        "4": lines([[(0, 0), (0, 0.5), (1, 0.5)], [(0.75, 0), (0.75, 1)]]),
        "5": lines([[(1, 0), (0, 0), (0, 0.5), (1, 0.5), (1, 1), (0, 1)]]),
        "6": lines([[(1, 0), (0, 0), (0, 1), (1, 1), (1, 0.5), (0, 0.5)]]),
        "7": lines([[(0, 0), (1, 0), (0.3, 1)]]),
        "8": lines([[(0, 0), (1, 0), (1, 1), (0, 1), (0, 0)], [(0, 0.5), (1, 0.5)]]),
        "9": lines([[(1, 0.5), (0, 0.5), (0, 0), (1, 0), (1, 1), (0, 1)]]),
    ]

    static let round: [Character: [Stroke]] = [
        "0": curves([[(0.5, 0), (0.95, 0.12), (1, 0.5), (0.95, 0.88), (0.5, 1), (0.05, 0.88), (0, 0.5), (0.05, 0.12), (0.5, 0)]]),
        "1": curves([[(0.2, 0.22), (0.55, 0), (0.55, 0.5), (0.55, 1)]]),
        "2": curves([[(0.05, 0.22), (0.4, 0), (0.85, 0.08), (0.9, 0.35), (0.5, 0.7), (0, 1), (0.5, 1), (1, 1)]]),
        "3": curves([[(0.05, 0.12), (0.5, 0), (0.95, 0.22), (0.45, 0.48), (1, 0.72), (0.55, 1), (0.05, 0.9)]]),
        "4": lines([[(0.75, 1), (0.75, 0), (0, 0.68), (1, 0.68)]]),
        "5": curves([[(0.95, 0), (0.15, 0), (0.1, 0.45), (0.6, 0.38), (1, 0.68), (0.6, 1), (0.05, 0.9)]]),
        "6": curves([[(0.85, 0.05), (0.35, 0.08), (0.02, 0.55), (0.15, 0.98), (0.65, 1), (0.98, 0.72), (0.6, 0.45), (0.08, 0.65)]]),
        "7": curves([[(0, 0), (0.5, 0), (1, 0), (0.6, 0.45), (0.4, 1)]]),
        "8": curves([[(0.5, 0.47), (0.1, 0.25), (0.5, 0), (0.9, 0.25), (0.5, 0.47), (0.02, 0.75), (0.5, 1), (0.98, 0.75), (0.5, 0.47)]]),
        "9": curves([[(0.92, 0.35), (0.5, 0.52), (0.05, 0.3), (0.4, 0), (0.92, 0.12), (0.9, 0.6), (0.5, 1), (0.12, 0.92)]]),
    ]

    static let hand: [Character: [Stroke]] = [
        "0": curves([[(0.45, 0), (0.9, 0.2), (0.95, 0.7), (0.5, 1), (0.08, 0.75), (0.05, 0.25), (0.45, 0), (0.6, 0.05)]]),
        "1": lines([[(0.15, 0.3), (0.55, 0), (0.55, 1)], [(0.2, 1), (0.9, 1)]]),
        "2": curves([[(0.08, 0.3), (0.3, 0.02), (0.75, 0.02), (0.95, 0.3), (0.7, 0.62), (0.05, 1)]] ) + lines([[(0.05, 1), (1, 0.97)]]),
        "3": lines([[(0.05, 0), (0.95, 0), (0.45, 0.42)]]) + curves([[(0.45, 0.42), (1, 0.55), (0.9, 0.92), (0.4, 1), (0.02, 0.85)]]),
        "4": lines([[(0.6, 0), (0.02, 0.65), (1, 0.65)], [(0.7, 0.35), (0.7, 1)]]),
        "5": lines([[(0.95, 0), (0.2, 0), (0.12, 0.45)]]) + curves([[(0.12, 0.45), (0.75, 0.35), (1, 0.72), (0.55, 1), (0.02, 0.88)]]),
        "6": curves([[(0.8, 0), (0.25, 0.3), (0.02, 0.75), (0.45, 1), (0.95, 0.78), (0.7, 0.45), (0.2, 0.55)]]),
        "7": lines([[(0, 0.05), (1, 0), (0.45, 1)], [(0.3, 0.52), (0.95, 0.48)]]),
        "8": curves([[(0.55, 0.45), (0.08, 0.2), (0.5, 0), (0.92, 0.2), (0.45, 0.55), (0.05, 0.8), (0.5, 1), (0.95, 0.8), (0.55, 0.45)]]),
        "9": curves([[(0.95, 0.25), (0.55, 0.5), (0.05, 0.3), (0.45, 0), (0.95, 0.2)]]) + lines([[(0.95, 0.2), (0.8, 1)]]),
    ]

    static let inks = ["#1f4e79", "#7b2d26", "#2e6b30", "#5b3a7a", "#8a5a00"]

    /// The SVG of `answer` (digits). `digits: false` draws the same picture without its digits — everything
    /// else identical for the same generator state — which is how the rendering test tells digit ink from noise.
    static func svg<G: RandomNumberGenerator>(for answer: String, using generator: inout G, digits: Bool = true) -> String {
        func random(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }
        func number(_ value: Double) -> String { String(format: "%.1f", value) }

        // Background first: its random draws do not depend on whether digits are drawn.
        var background = ##"<rect width="150" height="50" fill="#f4f1e8"/>"##
        for _ in 0..<5 {
            background += ##"<line x1="\##(number(random(0...150)))" y1="\##(number(random(0...50)))" x2="\##(number(random(0...150)))" y2="\##(number(random(0...50)))" stroke="#c8c0b0" stroke-width="1"/>"##
        }
        var dots = ""
        for _ in 0..<14 {
            dots += ##"<circle cx="\##(number(random(0...150)))" cy="\##(number(random(0...50)))" r="\##(number(random(0.6...1.3)))" fill="#9c9488"/>"##
        }

        var paths: [String] = []
        for (i, digit) in answer.enumerated() {
            let ink = inks[Int.random(in: 0..<inks.count, using: &generator)]
            let style = styles[Int.random(in: 0..<styles.count, using: &generator)]
            let box = slot(i)
            let scaleX = random(0.78...1.0), scaleY = random(0.85...1.0)
            let glyphWidth = box.width * scaleX, glyphHeight = box.height * scaleY
            let left = box.x + random(0...(box.width - glyphWidth)) + random(-2...2)
            let top = box.y + random(0...(box.height - glyphHeight)) + random(-2...2)
            let angle = random(-0.3...0.3), slant = random(-0.18...0.18)
            let centre = (left + glyphWidth / 2, top + glyphHeight / 2)
            let jitter = 0.045
            func place(_ p: (Double, Double)) -> (Double, Double) {
                let u = p.0 + random(-jitter...jitter), v = p.1 + random(-jitter...jitter)
                let x = (u - 0.5) * glyphWidth + (v - 0.5) * glyphHeight * slant, y = (v - 0.5) * glyphHeight
                return (centre.0 + x * cos(angle) - y * sin(angle), centre.1 + x * sin(angle) + y * cos(angle))
            }
            var pieces: [String] = []
            for stroke in style[digit] ?? [] {
                var placed: [(Double, Double)] = []
                for point in stroke.points { placed.append(place(point)) }
                pieces.append(pathData(placed, smooth: stroke.smooth, number: number))
            }
            guard !pieces.isEmpty else { continue }
            // A thin noise stroke across this digit; one or two specks of the digit's own ink inside its
            // paths (so that no path's outline is the digit's alone); the strokes split into paths at random
            // (one path for the whole digit, or one per stroke).
            let across = pathData(noiseCurve(near: box, using: &generator), smooth: true, number: number)
            paths.append(path(across, ink: ink, width: random(0.9...1.4)))
            for _ in 0..<Int.random(in: 1...2, using: &generator) {
                let x = random((box.x - 4)...(box.x + box.width + 4)), y = random((box.y - 3)...(box.y + box.height + 3))
                pieces[Int.random(in: 0..<pieces.count, using: &generator)] += " M\(number(x)) \(number(y)) L\(number(x + random(-0.4...0.4))) \(number(y + random(-0.4...0.4)))"
            }
            let width = random(2.3...3.4)
            let together = Bool.random(using: &generator)
            var widths: [Double] = []
            for _ in pieces { widths.append(width + random(-0.3...0.3)) }
            guard digits else { continue }
            if together {
                paths.append(path(pieces.joined(separator: " "), ink: ink, width: width))
            } else {
                paths += zip(pieces, widths).map { path($0, ink: ink, width: $1) }
            }
        }
        // Two long curves through the digits' band, in ink colours.
        for _ in 0..<2 {
            let start = (random(0...10), random(12...38)), end = (random(140...150), random(12...38))
            let c1 = (random(30...70), random(0...50)), c2 = (random(80...120), random(0...50))
            let d = "M\(number(start.0)) \(number(start.1)) C\(number(c1.0)) \(number(c1.1)) \(number(c2.0)) \(number(c2.1)) \(number(end.0)) \(number(end.1))"
            paths.append(path(d, ink: inks[Int.random(in: 0..<inks.count, using: &generator)], width: random(0.9...1.4)))
        }
        paths.shuffle(using: &generator)
        let svg = ##"<svg xmlns="http://www.w3.org/2000/svg" width="150" height="50" viewBox="0 0 150 50">"##
            + background + paths.joined() + dots
        return svg + "</svg>"
    }

    static func svg(for answer: String) -> String {
        var generator = SystemRandomNumberGenerator()
        return svg(for: answer, using: &generator)
    }

    private static func path(_ d: String, ink: String, width: Double) -> String {
        ##"<path d="\##(d)" fill="none" stroke="\##(ink)" stroke-width="\##(String(format: "%.2f", width))" stroke-linecap="round" stroke-linejoin="round"/>"##
    }

    /// A short curve crossing a digit's box from one side to the other.
    private static func noiseCurve<G: RandomNumberGenerator>(near box: (x: Double, y: Double, width: Double, height: Double),
                                                            using generator: inout G) -> [(Double, Double)] {
        func random(_ range: ClosedRange<Double>) -> Double { Double.random(in: range, using: &generator) }
        let y0 = box.y + random(0...box.height), y1 = box.y + random(0...box.height)
        return [(box.x - random(2...8), y0), (box.x + box.width / 2, random(box.y...(box.y + box.height))), (box.x + box.width + random(2...8), y1)]
    }

    /// `M…L…` for straight strokes; `M…Q…` through the midpoints for smooth ones.
    static func pathData(_ points: [(Double, Double)], smooth: Bool, number: (Double) -> String) -> String {
        guard let first = points.first else { return "" }
        var d = "M\(number(first.0)) \(number(first.1))"
        guard smooth, points.count > 2 else {
            for p in points.dropFirst() { d += " L\(number(p.0)) \(number(p.1))" }
            return d
        }
        for i in 1..<(points.count - 1) {
            let p = points[i], next = points[i + 1]
            let end = i == points.count - 2 ? next : ((p.0 + next.0) / 2, (p.1 + next.1) / 2)
            d += " Q\(number(p.0)) \(number(p.1)) \(number(end.0)) \(number(end.1))"
        }
        return d
    }
}

/// A seeded generator (SplitMix64), for pictures a test must draw twice alike.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
