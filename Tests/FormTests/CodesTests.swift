import FormLayout
import Testing

/// Code 128 and QR code construction.
@Suite struct CodesTests {
    @Test func code128PatternsAreWellFormed() throws {
        let code = try Code128(encoding: "BK2026000001")
        // Start B + 12 characters + check + stop: 11 modules each, stop 13.
        #expect(code.modules == 11 * 14 + 13)
        #expect(code.elements.count == 6 * 14 + 7)
        #expect(code.bitmap.bits.first == true && code.bitmap.bits.last == true)
    }

    @Test func code128UsesCodeSetCForEvenDigits() throws {
        // Start C (105), 12, 34, check = (105 + 1×12 + 2×34) mod 103 = 82, stop.
        let code = try Code128(encoding: "1234")
        #expect(code.modules == 11 * 4 + 13)
    }

    @Test func code128RefusesWhatItCannotCarry() {
        #expect(throws: Code128.Failure.empty) { try Code128(encoding: "") }
        #expect(throws: Code128.Failure.unsupportedCharacter("报")) { try Code128(encoding: "报名123") }
        #expect(throws: Code128.Failure.tooLong(49)) { try Code128(encoding: String(repeating: "1", count: 49)) }
    }

    @Test func qrCodeEncodes() throws {
        let code = try QRCode(encoding: "BK2026000001-ABCDEFGHIJKLMNOPQRSTUVWX")
        #expect(code.size >= 21 && (code.size - 17) % 4 == 0)
        #expect(code.modules.count == code.size * code.size)
        #expect(throws: QRCode.Failure.empty) { try QRCode(encoding: "") }
        #expect(throws: QRCode.Failure.tooLong(1001)) { try QRCode(encoding: String(repeating: "x", count: 1001)) }
    }
}
