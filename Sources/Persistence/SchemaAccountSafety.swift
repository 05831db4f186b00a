import Foundation
import GRDB

extension Schema {
    /// Issue #13 (accounts against real attackers): stateless captchas, SMS requests counted whether or not a
    /// message goes out, SMS codes erased from the outbox, one registration per document, recovery failures
    /// counted per identity, and the examination authority's release of a document.
    static func accountSafety(_ db: Database) throws {
        // The instance secret keys the captcha HMAC and the decoy recovery questions. Made here, with the
        // database, so that read-only requests (captcha.issue) find it and every `baokao serve` on this file
        // shares it.
        try db.execute(sql: "INSERT OR IGNORE INTO setting (key, value) VALUES ('instance-secret', ?)",
                       arguments: [randomSecret()])

        // Captchas are signed challenges (nothing is stored when one is issued); only their use is recorded,
        // when checked, until they expire.
        try db.drop(table: "captcha")
        try db.create(table: "captchaUse") { t in
            t.primaryKey("nonce", .text)
            t.column("expiresAt", .datetime).notNull()
        }
        try db.create(index: "captchaUse_on_expiresAt", on: "captchaUse", columns: ["expiresAt"])

        // Every accepted `sms.send` is a `smsCode` row, sent or not (a recovery code for an unbound phone is
        // not sent): the rate limits count these rows, so they answer alike whether a phone is bound.
        try db.alter(table: "smsCode") { t in
            t.add(column: "client", .text)
        }
        try db.create(index: "smsCode_on_createdAt", on: "smsCode", columns: ["createdAt"])
        try db.create(index: "smsCode_on_client", on: "smsCode", columns: ["client", "createdAt"])

        // The text with the code masked replaces the message once the gateway delivered it (`sentAt`) or the
        // code expired undelivered; `expiresAt` is then cleared, so the index holds only codes still to erase.
        try db.alter(table: "smsOutbox") { t in
            t.add(column: "redacted", .text)
            t.add(column: "expiresAt", .datetime)
        }
        try db.create(index: "smsOutbox_on_expiresAt", on: "smsOutbox", columns: ["expiresAt"])
        try db.execute(sql: """
            CREATE TRIGGER smsOutbox_erase_on_delivery AFTER UPDATE OF sentAt ON smsOutbox
            WHEN NEW.sentAt IS NOT NULL AND NEW.redacted IS NOT NULL AND NEW.message != NEW.redacted
            BEGIN UPDATE smsOutbox SET message = NEW.redacted, expiresAt = NULL WHERE id = NEW.id; END
            """)

        // A document registers once, whatever the name. The examination authority may release it
        // (`baokao admin release-id`): the old account is closed, keeps its history, and frees the document and
        // the phone. Enforced for new rows by a trigger (rows from before this migration are left as they were).
        try db.alter(table: "account") { t in
            t.add(column: "releasedAt", .datetime)
            t.add(column: "releasedReason", .text)
        }
        try db.execute(sql: """
            CREATE TRIGGER account_document_once BEFORE INSERT ON account
            WHEN EXISTS (SELECT 1 FROM account WHERE idType = NEW.idType AND idNumber = NEW.idNumber AND releasedAt IS NULL)
            BEGIN SELECT RAISE(ABORT, 'UNIQUE constraint failed: account.idType, account.idNumber'); END
            """)

        // Wrong recovery answers, counted per identity asked about (an HMAC of document and name), so that an
        // unregistered identity is answered, timed and locked exactly like a registered one.
        try db.create(table: "recoveryFailure") { t in
            t.primaryKey("identity", .text)
            t.column("failures", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
            t.column("updatedAt", .datetime).notNull()
        }
    }

    private static func randomSecret() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        return Data(bytes).base64EncodedString()
    }
}
