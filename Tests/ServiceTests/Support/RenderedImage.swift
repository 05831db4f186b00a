import CDeflate
import Foundation
import Testing

/// A picture rendered by a real renderer, read back pixel by pixel: `rsvg-convert` (Debian `librsvg2-bin`,
/// installed by scripts/bootstrap) turns an SVG into an 8-bit RGB or RGBA PNG, which this reads (zlib through
/// libdeflate, the five PNG row filters).
struct RenderedImage {
    let width: Int
    let height: Int
    /// RGBA, row by row.
    let pixels: [UInt8]

    /// Renders `svg` at `zoom` with rsvg-convert.
    static func render(svg: String, zoom: Double = 1) throws -> RenderedImage {
        let folder = temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: folder) }
        let input = folder.appendingPathComponent("picture.svg"), output = folder.appendingPathComponent("picture.png")
        try Data(svg.utf8).write(to: input)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["rsvg-convert", "--zoom", String(zoom), "--format", "png", "--output", output.path, input.path]
        let errors = Pipe()
        process.standardError = errors
        try process.run()
        process.waitUntilExit()
        let message = String(decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        try #require(process.terminationStatus == 0, "rsvg-convert failed (is librsvg2-bin installed? scripts/bootstrap): \(message)")
        return try RenderedImage(png: Array(try Data(contentsOf: output)))
    }

    struct Malformed: Error, CustomStringConvertible { let description: String }

    init(png: [UInt8]) throws {
        guard png.count > 33, png[0..<8].elementsEqual([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) else { throw Malformed(description: "not a PNG") }
        func u32(_ i: Int) -> Int { Int(png[i]) << 24 | Int(png[i + 1]) << 16 | Int(png[i + 2]) << 8 | Int(png[i + 3]) }
        var i = 8, compressed: [UInt8] = []
        var width = 0, height = 0, channels = 4
        while i + 8 <= png.count {
            let length = u32(i), type = String(decoding: png[(i + 4)..<(i + 8)], as: UTF8.self)
            let data = Array(png[(i + 8)..<(i + 8 + length)])
            if type == "IHDR" {
                width = u32(i + 8); height = u32(i + 12)
                guard data[8] == 8, data[9] == 6 || data[9] == 2, data[12] == 0 else {
                    throw Malformed(description: "want 8-bit RGB(A) without interlace, got depth \(data[8]) colour \(data[9]) interlace \(data[12])")
                }
                channels = data[9] == 6 ? 4 : 3
            }
            if type == "IDAT" { compressed += data }
            if type == "IEND" { break }
            i += 12 + length
        }
        let stride = width * channels
        var raw = [UInt8](repeating: 0, count: (stride + 1) * height)
        var produced = 0
        let decompressor = libdeflate_alloc_decompressor()
        defer { libdeflate_free_decompressor(decompressor) }
        let result = compressed.withUnsafeBytes { source in
            raw.withUnsafeMutableBytes { target in
                libdeflate_zlib_decompress(decompressor, source.baseAddress, source.count, target.baseAddress, target.count, &produced)
            }
        }
        guard result == LIBDEFLATE_SUCCESS, produced == raw.count else { throw Malformed(description: "IDAT does not inflate to the image") }
        var pixels = [UInt8](repeating: 0, count: stride * height)
        for y in 0..<height {
            let filter = raw[y * (stride + 1)]
            for x in 0..<stride {
                let value = Int(raw[y * (stride + 1) + 1 + x])
                let a = x >= channels ? Int(pixels[y * stride + x - channels]) : 0
                let b = y > 0 ? Int(pixels[(y - 1) * stride + x]) : 0
                let c = x >= channels && y > 0 ? Int(pixels[(y - 1) * stride + x - channels]) : 0
                let predicted: Int
                switch filter {
                case 0: predicted = 0
                case 1: predicted = a
                case 2: predicted = b
                case 3: predicted = (a + b) / 2
                case 4:
                    let p = a + b - c, pa = abs(p - a), pb = abs(p - b), pc = abs(p - c)
                    predicted = pa <= pb && pa <= pc ? a : pb <= pc ? b : c
                default: throw Malformed(description: "unknown row filter \(filter)")
                }
                pixels[y * stride + x] = UInt8((value + predicted) & 0xFF)
            }
        }
        self.width = width
        self.height = height
        guard channels == 3 else { self.pixels = pixels; return }
        var rgba = [UInt8](repeating: 255, count: width * height * 4)
        for p in 0..<(width * height) {
            rgba[4 * p] = pixels[3 * p]
            rgba[4 * p + 1] = pixels[3 * p + 1]
            rgba[4 * p + 2] = pixels[3 * p + 2]
        }
        self.pixels = rgba
    }

    /// Pixels darker than `threshold` (0–255 luminance) inside a rectangle: the ink in it.
    func ink(x: Double, y: Double, width w: Double, height h: Double, darkerThan threshold: Int = 140) -> Int {
        var count = 0
        for row in max(0, Int(y))..<min(height, Int((y + h).rounded(.up))) {
            for column in max(0, Int(x))..<min(width, Int((x + w).rounded(.up))) {
                let p = (row * width + column) * 4
                let luminance = (299 * Int(pixels[p]) + 587 * Int(pixels[p + 1]) + 114 * Int(pixels[p + 2])) / 1000
                if pixels[p + 3] > 128, luminance < threshold { count += 1 }
            }
        }
        return count
    }
}
