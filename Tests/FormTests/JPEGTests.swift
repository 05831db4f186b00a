import FormLayout
import PDFExport
import Testing

/// Photos: the header is read, good JPEGs go in as they are, bad ones get an error naming the problem.
@Suite struct JPEGTests {
    @Test func readsBaselineProgressiveAndGray() throws {
        let baseline = try JPEGImage(bytes: fixture("photo.jpg"))
        #expect((baseline.width, baseline.height, baseline.components, baseline.isProgressive) == (150, 210, 3, false))
        let progressive = try JPEGImage(bytes: fixture("photo-progressive.jpg"))
        #expect(progressive.isProgressive)
        let gray = try JPEGImage(bytes: fixture("photo-gray.jpg"))
        #expect(gray.components == 1)
    }

    /// The offset of the frame header (SOF0) of the baseline fixture.
    static func frameOffset(_ bytes: [UInt8]) -> Int {
        var offset = 2
        while bytes[offset + 1] != 0xC0 { offset += 2 + (Int(bytes[offset + 2]) << 8 | Int(bytes[offset + 3])) }
        return offset
    }

    @Test func refusesWhatIsNotAJPEG() throws {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13]
        #expect(throws: JPEGImage.Failure.notJPEG) { try JPEGImage(bytes: png) }
        #expect(throws: JPEGImage.Failure.notJPEG) { try JPEGImage(bytes: []) }
        #expect(throws: JPEGImage.Failure.notJPEG) { try JPEGImage(bytes: Array("hello, world".utf8)) }
    }

    /// A scan without its tables would embed as an image no reader decodes: refused, with the table named.
    @Test func refusesAScanWithoutItsTables() throws {
        let photo = try fixture("photo.jpg")
        func without(_ marker: UInt8) -> [UInt8] {
            var out = Array(photo[..<2])
            var offset = 2
            while photo[offset + 1] != 0xDA {
                let end = offset + 2 + (Int(photo[offset + 2]) << 8 | Int(photo[offset + 3]))
                if photo[offset + 1] != marker { out += photo[offset..<end] }
                offset = end
            }
            return out + photo[offset...]
        }
        #expect(throws: JPEGImage.Failure.malformed("no quantization table (DQT) before the image data")) { try JPEGImage(bytes: without(0xDB)) }
        #expect(throws: JPEGImage.Failure.malformed("no Huffman table (DHT) before the image data")) { try JPEGImage(bytes: without(0xC4)) }
    }

    @Test func refusesTruncatedFiles() throws {
        let photo = try fixture("photo.jpg")
        for length in [2, 3, 20, Self.frameOffset(photo) + 5, photo.count / 2, photo.count - 1] {
            #expect(throws: JPEGImage.Failure.truncated, "cut at \(length)") { try JPEGImage(bytes: Array(photo.prefix(length))) }
        }
    }

    @Test func refusesCMYKArithmeticAndAbsurdSizes() throws {
        let photo = try fixture("photo.jpg")
        let frame = Self.frameOffset(photo)

        var cmyk = photo
        cmyk[frame + 9] = 4  // component count (the segment is long enough only for 3: malformed or CMYK, never accepted)
        #expect(throws: (any Error).self) { try JPEGImage(bytes: cmyk) }
        // A well-formed CMYK frame header: 8 + 3 × 4 bytes.
        let cmykHeader: [UInt8] = [0xFF, 0xD8, 0xFF, 0xC0, 0x00, 0x14, 0x08, 0x00, 0x10, 0x00, 0x10, 0x04,
                                   1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0, 0xFF, 0xD9]
        #expect(throws: JPEGImage.Failure.unsupportedComponents(4)) { try JPEGImage(bytes: cmykHeader) }
        #expect(JPEGImage.Failure.unsupportedComponents(4).description.contains("CMYK"))

        var arithmetic = photo
        arithmetic[frame + 1] = 0xC9
        #expect(throws: JPEGImage.Failure.unsupportedCoding("arithmetic")) { try JPEGImage(bytes: arithmetic) }

        var huge = photo
        huge[frame + 5] = 0xEA; huge[frame + 6] = 0x60  // height 60000
        #expect(throws: JPEGImage.Failure.absurdDimensions(width: 150, height: 60000)) { try JPEGImage(bytes: huge) }

        var zero = photo
        zero[frame + 7] = 0; zero[frame + 8] = 0  // width 0
        #expect(throws: JPEGImage.Failure.absurdDimensions(width: 0, height: 210)) { try JPEGImage(bytes: zero) }

        var twelveBit = photo
        twelveBit[frame + 4] = 12
        #expect(throws: JPEGImage.Failure.unsupportedCoding("12-bit")) { try JPEGImage(bytes: twelveBit) }

        let tooLarge = photo + [UInt8](repeating: 0, count: JPEGImage.maximumBytes)
        #expect(throws: JPEGImage.Failure.tooLarge(bytes: tooLarge.count)) { try JPEGImage(bytes: tooLarge) }
    }

    @Test func aBadPhotoStopsTheFormWithThatError() throws {
        var form = SampleApplications.base("BK2026000100", name: "王晓明")
        form.qrPayload = Shared.verifier.payload(for: form)
        form.photoJPEG = Array(try fixture("photo.jpg").prefix(1000))
        #expect(throws: FormError.photo(.truncated)) { try renderer().render(form) }
        #expect(FormError.photo(.truncated).description.contains("truncated"))
    }

    @Test func garbageNeverCrashes() throws {
        var generator = SystemRandomNumberGenerator()
        let photo = try fixture("photo.jpg")
        for _ in 0..<300 {
            var bytes = photo
            for _ in 0..<8 { bytes[Int.random(in: 2..<bytes.count, using: &generator)] = UInt8.random(in: 0...255, using: &generator) }
            _ = try? JPEGImage(bytes: bytes)
            _ = try? JPEGImage(bytes: Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &generator))))
        }
    }
}
