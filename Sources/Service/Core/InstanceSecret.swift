import Crypto
import Foundation
import Persistence

/// The database's own secret: 32 random bytes made with the database (migration `account-safety`) and kept in
/// `setting` under `instance-secret`. It keys the captcha challenges, the decoy recovery questions and the
/// hashed client ids of the SMS limits. Anyone who can read the database file can forge captchas — and read
/// far worse, so it is protected as the database is. Deleting the row and reopening makes a new one (every
/// captcha in flight then fails; decoy questions change).
enum InstanceSecret {
    static func read(_ tx: any StoreTransaction) throws -> String {
        guard let secret = try tx.fetchString("SELECT value FROM setting WHERE key = 'instance-secret'") else {
            throw StoreFailure.other("the setting instance-secret is missing: the database was not migrated by this version")
        }
        return secret
    }

    /// A keyed hash of `text` for a purpose: stable per database, meaningless without it.
    static func digest(_ purpose: String, _ text: String, _ tx: any StoreTransaction) throws -> String {
        Secrets.base64URL(Secrets.hmac(key: try read(tx), purpose + "|" + text))
    }
}

extension Secrets {
    static func hmac(keyBytes: [UInt8], _ text: String) -> [UInt8] {
        Array(HMAC<SHA256>.authenticationCode(for: Array(text.utf8), using: SymmetricKey(data: keyBytes)))
    }

    /// Base64url without padding.
    static func base64URL(_ bytes: [UInt8]) -> String {
        Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func fromBase64URL(_ text: String) -> [UInt8]? {
        guard text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else { return nil }
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64).map(Array.init)
    }
}
