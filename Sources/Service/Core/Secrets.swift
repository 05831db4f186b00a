import Crypto
import _CryptoExtras
import Foundation

/// The cost of a scrypt hash. Stored beside every hash (`scrypt$N$r$p$salt$hash`) so the cost can be raised
/// later without invalidating what is stored.
public struct ScryptParameters: Sendable, Hashable {
    public var rounds: Int
    public var blockSize: Int
    public var parallelism: Int

    public init(rounds: Int, blockSize: Int = 8, parallelism: Int = 1) {
        self.rounds = rounds
        self.blockSize = blockSize
        self.parallelism = parallelism
    }

    /// N = 2^17, r = 8, p = 1 (OWASP's advice for scrypt): 128 MiB and about a third of a second per hash
    /// on this project's 2-core test machine (README, Benchmarks). Hashes made with 2^15 before still verify and
    /// are remade with these at the next login.
    public static let production = ScryptParameters(rounds: 1 << 17)
    /// For tests: a few microseconds, same code path.
    public static let fast = ScryptParameters(rounds: 16, blockSize: 1)
}

/// Hashing of passwords and recovery answers (memory-hard) and of tokens and codes (SHA-256).
enum Secrets {
    #if DEBUG
    /// How many scrypt derivations ran, per parameters: tests that use parameters of their own count the hashes
    /// a request costs (the same for a known and an unknown username).
    static let derivations = DerivationCounter()

    final class DerivationCounter: @unchecked Sendable {
        private let lock = NSLock()
        private var counts: [ScryptParameters: Int] = [:]
        func add(_ parameters: ScryptParameters) { lock.withLock { counts[parameters, default: 0] += 1 } }
        func count(_ parameters: ScryptParameters) -> Int { lock.withLock { counts[parameters, default: 0] } }
    }
    #endif

    static func hashPassword(_ secret: String, parameters: ScryptParameters) throws -> String {
        let salt = randomBytes(16)
        let key = try derive(secret, salt: salt, parameters: parameters)
        return ["scrypt", String(parameters.rounds), String(parameters.blockSize), String(parameters.parallelism),
                Data(salt).base64EncodedString(), Data(key).base64EncodedString()].joined(separator: "$")
    }

    /// Checks `secret` against a stored `scrypt$…` string, with the parameters stored in it.
    static func verifyPassword(_ secret: String, against stored: String) -> Bool {
        let parts = stored.split(separator: "$", omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "scrypt",
              let n = Int(parts[1]), let r = Int(parts[2]), let p = Int(parts[3]),
              let salt = Data(base64Encoded: String(parts[4])), let expected = Data(base64Encoded: String(parts[5])),
              let key = try? derive(secret, salt: Array(salt), parameters: ScryptParameters(rounds: n, blockSize: r, parallelism: p),
                                    length: expected.count)
        else { return false }
        return constantTimeEqual(key, Array(expected))
    }

    /// A stored-hash string with `parameters` that no secret matches (random salt and key): checking a
    /// password against it costs exactly what checking against a real hash of those parameters costs.
    static func decoyHash(_ parameters: ScryptParameters) -> String {
        ["scrypt", String(parameters.rounds), String(parameters.blockSize), String(parameters.parallelism),
         Data(randomBytes(16)).base64EncodedString(), Data(randomBytes(32)).base64EncodedString()].joined(separator: "$")
    }

    /// Whether a stored hash was made with `parameters`.
    static func usesParameters(_ stored: String, _ parameters: ScryptParameters) -> Bool {
        stored.hasPrefix("scrypt$\(parameters.rounds)$\(parameters.blockSize)$\(parameters.parallelism)$")
    }

    private static func derive(_ secret: String, salt: [UInt8], parameters: ScryptParameters, length: Int = 32) throws -> [UInt8] {
        #if DEBUG
        derivations.add(parameters)
        #endif
        let key = try KDF.Scrypt.deriveKey(from: Array(secret.utf8), salt: salt, outputByteCount: length,
                                           rounds: parameters.rounds, blockSize: parameters.blockSize,
                                           parallelism: parameters.parallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    /// A recovery answer as compared: blanks trimmed and collapsed, case folded, full-width folded (NFKC).
    static func normalizedAnswer(_ answer: String) -> String {
        answer.precomposedStringWithCompatibilityMapping
            .split(whereSeparator: \.isWhitespace).joined(separator: " ")
            .lowercased()
    }

    static func sha256Hex(_ text: String) -> String {
        sha256Hex(bytes: Array(text.utf8))
    }

    /// A photo's identity: `review.photo` names the picture it decides on by this.
    static func sha256Hex(bytes: [UInt8]) -> String {
        hex(SHA256.hash(data: bytes))
    }

    /// Lower-case hex of `bytes`. Every session lookup hashes its token to hex, and `String(format: "%02x")`
    /// per byte (Foundation's formatter) cost more than the SHA-256 itself.
    static func hex(_ bytes: some Sequence<UInt8>) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.underestimatedCount * 2)
        for byte in bytes {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func hmac(key: String, _ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: Array(key.utf8))))
    }

    static func randomBytes(_ count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        return (0..<count).map { _ in UInt8.random(in: 0...255, using: &generator) }
    }

    /// A bearer token: 32 random bytes, base64url without padding.
    static func newToken() -> String {
        Data(randomBytes(32)).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    /// `count` random decimal digits.
    static func digits(_ count: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        return String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &generator))) })
    }

    static func constantTimeEqual(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        guard a.count == b.count else { return false }
        var difference: UInt8 = 0
        for (x, y) in zip(a, b) { difference |= x ^ y }
        return difference == 0
    }
}
