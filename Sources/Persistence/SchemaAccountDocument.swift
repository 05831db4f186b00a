import GRDB

extension Schema {
    /// Drops v1's UNIQUE (idType, idNumber, name) from `account`. Since `account-safety` a document registers
    /// once while not released, whatever the name (`account_document_once`), and the authority may release it
    /// (`baokao admin release-id`) — but the v1 key still refused the case release exists for: the owner
    /// registering the released document under the same name. (It refused as a unique violation the service
    /// took for a race and retried, then answered `server-busy`.)
    ///
    /// SQLite drops a table constraint only by rebuilding the table (its "12 steps"; foreign keys are off during
    /// a GRDB migration): the table as stored without the clause, its rows, then its indexes and trigger as
    /// they were, and the AUTOINCREMENT counter where it stood.
    static func accountDocumentNotName(_ db: Database) throws {
        let clause = #", UNIQUE ("idType", "idNumber", "name")"#
        let creation = #"CREATE TABLE "account" ("#
        guard let table = try String.fetchOne(db, sql: "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = 'account'"),
              table.hasPrefix(creation), table.components(separatedBy: clause).count == 2
        else {
            throw DatabaseError(message: "migration account-document-not-name: account's definition is not v1's with the clause \(clause)")
        }
        let dependents = try String.fetchAll(db, sql: """
            SELECT sql FROM sqlite_master WHERE tbl_name = 'account' AND type IN ('index', 'trigger') AND sql IS NOT NULL
            """)
        let counter = try Int64.fetchOne(db, sql: "SELECT seq FROM sqlite_sequence WHERE name = 'account'")
        let rebuilt = #"CREATE TABLE "account_rebuilt" ("# + table.dropFirst(creation.count).replacingOccurrences(of: clause, with: "")
        try db.execute(sql: rebuilt)
        try db.execute(sql: "INSERT INTO account_rebuilt SELECT * FROM account")
        try db.execute(sql: "DROP TABLE account")
        try db.execute(sql: "ALTER TABLE account_rebuilt RENAME TO account")
        for sql in dependents { try db.execute(sql: sql) }
        if let counter { try db.execute(sql: "UPDATE sqlite_sequence SET seq = ? WHERE name = 'account'", arguments: [counter]) }
    }
}
