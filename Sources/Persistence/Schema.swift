import GRDB

/// The schema, which changes only by adding migrations here (never by editing a registered one).
///
/// `v1` holds the accounts part of the service (issue #6); the application workflow (issue #7) comes as
/// `v2`, with tables that reference `account(id)` — the account is the root every later row hangs from.
/// Column names are camelCase so GRDB's Codable records map onto them without coding keys.
/// Timestamps are GRDB's `YYYY-MM-DD HH:MM:SS.SSS` UTC text, which orders and compares correctly as text.
public enum Schema {
    public static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1", migrate: v1)
        migrator.registerMigration("v2", migrate: v2)
        migrator.registerMigration("account-safety", migrate: accountSafety)
        migrator.registerMigration("reviewer-disabled", migrate: reviewerDisabled)
        migrator.registerMigration("loginThrottle", migrate: loginThrottle)
        migrator.registerMigration("account-document-not-name", migrate: accountDocumentNotName)
        return migrator
    }

    /// Candidate accounts, their records and every short-lived secret of the account flows.
    static func v1(_ db: Database) throws {
        // Instance-wide values, e.g. the secret that picks the decoy question for an unknown ID (see recovery).
        try db.create(table: "setting") { t in
            t.primaryKey("key", .text)
            t.column("value", .text).notNull()
        }

        try db.create(table: "account") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique().collate(.nocase)
            t.column("passwordHash", .text).notNull()
            t.column("name", .text).notNull()
            t.column("idType", .text).notNull()
            t.column("idNumber", .text).notNull()
            t.column("email", .text).notNull()
            // NULL only for accounts taken over from the old system before phones were bound.
            t.column("phone", .text).unique()
            t.column("recoveryQuestion", .text).notNull()
            t.column("recoveryAnswerHash", .text).notNull()
            t.column("identityVerification", .text).notNull().defaults(to: "pending")
            t.column("failedLogins", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
            t.column("recoveryFailures", .integer).notNull().defaults(to: 0)
            t.column("recoveryLockedUntil", .datetime)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            // 一个身份证号和姓名只能注册一次 (seed manual, section 1).
            t.uniqueKey(["idType", "idNumber", "name"])
        }
        try db.create(index: "account_on_idNumber", on: "account", columns: ["idNumber"])

        for table in ["education", "degree"] {
            try db.create(table: table) { t in
                t.autoIncrementedPrimaryKey("id")
                t.belongsTo("account", onDelete: .cascade).notNull()
                t.column("position", .integer).notNull()
                t.column("level", .text).notNull()
                t.column("major", .text).notNull()
                t.column("school", .text).notNull()
                // `graduated` for education, `awarded` for a degree: YYYY-MM-DD or YYYY-MM.
                t.column("date", .text).notNull()
                t.column("fullTime", .boolean)
                t.column("certificateNumber", .text)
                t.column("verification", .text).notNull().defaults(to: "pending")
                t.column("createdAt", .datetime).notNull()
                t.uniqueKey(["accountId", "position"])
            }
        }

        // Only the SHA-256 of a token is kept: a copy of the database logs nobody in.
        try db.create(table: "session") { t in
            t.primaryKey("tokenHash", .text)
            t.belongsTo("account", onDelete: .cascade).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
            t.column("endedAt", .datetime)
        }

        try db.create(table: "captcha") { t in
            t.primaryKey("id", .text)
            t.column("answerHash", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("usedAt", .datetime)
        }

        try db.create(table: "smsCode") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("phone", .text).notNull()
            t.column("purpose", .text).notNull()
            t.column("codeHash", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("wrongTries", .integer).notNull().defaults(to: 0)
            t.column("usedAt", .datetime)
            t.column("burntAt", .datetime)
        }
        try db.create(index: "smsCode_on_phone", on: "smsCode", columns: ["phone", "purpose", "createdAt"])

        // What an SMS gateway sends and then marks `sentAt`; the engine never sends itself.
        try db.create(table: "smsOutbox") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("phone", .text).notNull()
            t.column("purpose", .text).notNull()
            t.column("message", .text).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("sentAt", .datetime)
        }
        try db.create(index: "smsOutbox_on_phone", on: "smsOutbox", columns: ["phone", "createdAt"])

        try db.create(table: "resetToken") { t in
            t.primaryKey("tokenHash", .text)
            t.belongsTo("account", onDelete: .cascade).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("expiresAt", .datetime).notNull()
            t.column("usedAt", .datetime)
        }

        try db.create(table: "photo") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("account", onDelete: .cascade).notNull()
            t.column("jpeg", .blob).notNull()
            t.column("sha256", .text).notNull()
            t.column("width", .integer).notNull()
            t.column("height", .integer).notNull()
            // pending → approved | rejected (review.photo, issue #7).
            t.column("status", .text).notNull().defaults(to: "pending")
            t.column("reason", .text)
            t.column("uploadedAt", .datetime).notNull()
            t.column("reviewedAt", .datetime)
        }

        // Every state change: who (account id, or a masked phone, or "anonymous"), what, when, which request.
        try db.create(table: "audit") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("at", .datetime).notNull()
            t.column("requestId", .text)
            t.column("actor", .text).notNull()
            t.column("action", .text).notNull()
            t.column("subject", .text)
            t.column("detail", .text)
        }
        try db.create(index: "audit_on_actor", on: "audit", columns: ["actor", "at"])
    }
}
