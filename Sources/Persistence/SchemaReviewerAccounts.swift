import GRDB

extension Schema {
    /// Staff accounts can be switched off (issue #13): `baokao admin disable-reviewer` sets `disabledAt`
    /// (its sessions are ended at the same time); a disabled reviewer cannot log in. Kept, not deleted, so
    /// that the audit trail's `reviewer:N` still names someone.
    static func reviewerDisabled(_ db: Database) throws {
        try db.alter(table: "reviewer") { t in
            t.add(column: "disabledAt", .datetime)
        }
    }
}
