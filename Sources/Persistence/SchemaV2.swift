import GRDB

extension Schema {
    /// The application workflow and the reviewers' side (issue #7, seed manual section 4).
    ///
    /// An application hangs from its account; everything else (proofs, notes, payments) hangs from the
    /// application. Staff are not candidates: reviewers have their own table and sessions, so a candidate's
    /// token can never act as a reviewer's.
    static func v2(_ db: Database) throws {
        // 失信: the integrity record, as the national credit system reports it through `verification.update`.
        try db.alter(table: "account") { t in
            t.add(column: "integrityRecord", .boolean).notNull().defaults(to: false)
        }

        try db.create(table: "application") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("account", onDelete: .cascade).notNull()
            t.column("exam", .text).notNull()
            t.column("year", .integer).notNull()
            t.column("province", .text).notNull()
            // The state machine of `Service/Applications/ApplicationState.swift`.
            t.column("state", .text).notNull()
            t.column("city", .text)
            t.column("auditPoint", .text)
            t.column("level", .text)
            t.column("specialty", .text)
            // The candidate's own entries of the last successful save (JSON), re-evaluated at confirmation.
            t.column("input", .text)
            // The verdict of the last evaluation (JSON), its route and fee in fen.
            t.column("verdict", .text)
            t.column("route", .text)
            t.column("fee", .integer)
            t.column("majorWarning", .text)
            t.column("signed", .boolean)
            t.column("confirmedAt", .datetime)
            t.column("decidedAt", .datetime)
            t.column("decidedBy", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("updatedAt", .datetime).notNull()
            // One application per candidate per exam and year (an abandoned one is taken up again by start).
            t.uniqueKey(["accountId", "exam", "year"])
        }
        try db.create(index: "application_on_scope", on: "application", columns: ["province", "city", "state"])

        // What the candidate is told about the application over time: refusals by reviewers, photo rejections.
        try db.create(table: "applicationNote") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("application", onDelete: .cascade).notNull()
            t.column("at", .datetime).notNull()
            t.column("kind", .text).notNull()
            t.column("message", .text).notNull()
        }

        // 4.3: proof of a record that cannot be verified online (PDF or JPEG, sniffed).
        try db.create(table: "proof") { t in
            t.autoIncrementedPrimaryKey("id")
            t.belongsTo("application", onDelete: .cascade).notNull()
            t.column("kind", .text).notNull()
            t.column("record", .integer)
            t.column("mimeType", .text).notNull()
            t.column("bytes", .blob).notNull()
            t.column("sha256", .text).notNull()
            t.column("uploadedAt", .datetime).notNull()
        }

        try db.create(table: "reviewer") { t in
            t.autoIncrementedPrimaryKey("id")
            t.column("username", .text).notNull().unique().collate(.nocase)
            t.column("passwordHash", .text).notNull()
            // `reviewer` decides within province (and city); `verifier` stands for the national verification service.
            t.column("role", .text).notNull().defaults(to: "reviewer")
            t.column("province", .text).notNull()
            t.column("city", .text)
            // Five wrong passwords in a row lock the login for 15 minutes, as for candidates.
            t.column("failedLogins", .integer).notNull().defaults(to: 0)
            t.column("lockedUntil", .datetime)
            t.column("createdAt", .datetime).notNull()
        }

        try db.create(table: "reviewerSession") { t in
            t.primaryKey("tokenHash", .text)
            t.belongsTo("reviewer", onDelete: .cascade).notNull()
            t.column("createdAt", .datetime).notNull()
            t.column("lastSeenAt", .datetime).notNull()
        }

        try db.create(table: "payment") { t in
            t.primaryKey("orderId", .text)
            t.belongsTo("application", onDelete: .cascade).notNull()
            t.column("amount", .integer).notNull()
            t.column("state", .text).notNull().defaults(to: "pending")
            t.column("transactionId", .text)
            t.column("createdAt", .datetime).notNull()
            t.column("paidAt", .datetime)
        }
        try db.create(index: "payment_on_application", on: "payment", columns: ["applicationId"])
    }
}
