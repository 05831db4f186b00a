import Crypto
import Foundation

/// The verification code a form's QR code carries, so an audit point can tell a genuine form from an edited one.
///
/// The payload is `<application number>-<code>`; the code is 24 base32 characters: 8 of a digest of the form's
/// key fields (name, ID, exam, level, specialty, subjects, exemptions, place, route, fee), then 16 of an
/// HMAC-SHA256 under the configured key over the application number and that digest. So:
/// - `verify(_:)` with the key alone tells whether the payload was issued by us (any altered character fails);
/// - `verify(_:matches:)` also tells whether the printed key fields are those the code was issued for.
public struct FormVerifier: Sendable {
    /// The key of demos and tests. Documented as insecure: production sets `$BAOKAO_FORM_KEY`.
    public static let demoKey = "baokao-demo-form-key (not secret: set BAOKAO_FORM_KEY in production)"

    private let key: SymmetricKey

    public init(key: String) {
        self.key = SymmetricKey(data: Data(key.utf8))
    }

    /// What a checked payload says.
    public enum Verdict: Hashable, Sendable {
        case genuine(applicationNumber: String)
        /// Not of the shape `<application number>-<24 base32 characters>`.
        case malformed
        /// Well formed, but the code is not ours for this application number (altered or forged).
        case forged
    }

    /// The QR payload of a form.
    public func payload(for form: RegistrationForm) -> String {
        let digest = FormVerifier.fieldsDigest(form)
        return "\(form.applicationNumber)-\(digest)\(mac(applicationNumber: form.applicationNumber, digest: digest))"
    }

    public func verify(_ payload: String) -> Verdict {
        guard let (number, digest, mac) = FormVerifier.split(payload) else { return .malformed }
        let expected = self.mac(applicationNumber: number, digest: digest)
        return constantTimeEqual(expected, mac) ? .genuine(applicationNumber: number) : .forged
    }

    /// True when the payload is genuine and was issued for exactly these key fields.
    public func verify(_ payload: String, matches form: RegistrationForm) -> Bool {
        guard case .genuine(let number) = verify(payload), number == form.applicationNumber,
              let (_, digest, _) = FormVerifier.split(payload) else { return false }
        return digest == FormVerifier.fieldsDigest(form)
    }

    private static func split(_ payload: String) -> (String, String, String)? {
        guard let dash = payload.lastIndex(of: "-") else { return nil }
        let number = String(payload[..<dash])
        let code = payload[payload.index(after: dash)...]
        guard !number.isEmpty, code.count == 24, code.allSatisfy({ base32.contains($0) }) else { return nil }
        return (number, String(code.prefix(8)), String(code.suffix(16)))
    }

    private func mac(applicationNumber: String, digest: String) -> String {
        let message = Data("baokao-form-v1\u{1F}\(applicationNumber)\u{1F}\(digest)".utf8)
        let code = HMAC<SHA256>.authenticationCode(for: message, using: key)
        return FormVerifier.base32(Array(code).prefix(10))
    }

    /// 40 bits of SHA-256 over the key fields, separated by unit separators so fields cannot shift.
    static func fieldsDigest(_ form: RegistrationForm) -> String {
        let fields = [
            form.applicationNumber, form.name, form.idType, form.idNumber, form.examName, String(form.year),
            form.level, form.specialty, form.subjects.joined(separator: "\u{1E}"), form.exempted.joined(separator: "\u{1E}"),
            form.province, form.city, form.auditPoint, form.route, String(form.feeTotal.value),
        ]
        let hash = SHA256.hash(data: Data(fields.joined(separator: "\u{1F}").utf8))
        return base32(Array(hash).prefix(5))
    }

    private static let base32 = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")

    /// RFC 4648 base32 without padding (the byte counts used here are multiples of 5).
    static func base32<Bytes: Collection<UInt8>>(_ bytes: Bytes) -> String {
        var result = ""
        var buffer = 0
        var bits = 0
        for byte in bytes {
            buffer = (buffer << 8) | Int(byte)
            bits += 8
            while bits >= 5 {
                result.append(base32[(buffer >> (bits - 5)) & 31])
                bits -= 5
            }
        }
        if bits > 0 { result.append(base32[(buffer << (5 - bits)) & 31]) }
        return result
    }

    private func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        return zip(x, y).reduce(0) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
