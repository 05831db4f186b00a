import Testing
@testable import Service

/// `Secrets.hex` replaced Foundation's per-byte formatter on the session lookup path: it must give the same
/// lower-case digits, leading zeros kept, as the stored token hashes already in databases.
struct SecretsHexTests {
    @Test func sha256OfKnownTextsMatchesTheStandardVectors() {
        #expect(Secrets.sha256Hex("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(Secrets.sha256Hex("") == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
    }

    @Test func everyByteGivesTwoLowerCaseDigits() {
        #expect(Secrets.hex([0x00, 0x01, 0x0F, 0x10, 0xA0, 0xFF]) == "00010f10a0ff")
        #expect(Secrets.hex([UInt8]()) == "")
    }
}
