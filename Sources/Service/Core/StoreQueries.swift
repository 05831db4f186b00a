import Persistence

/// The few shapes of query the service repeats, over the store contract.
extension StoreTransaction {
    /// `column = ?`, ignoring case: usernames are unique whatever their case. SQLite's columns are declared
    /// `COLLATE NOCASE` (so the comparison uses their unique index); PostgreSQL's unique index is on
    /// `lower(username)`, which this expression matches.
    func caseInsensitiveMatch(_ column: String) -> String {
        switch dialect {
        case .sqlite: "\(column) = ?"
        case .postgres: "lower(\(column)) = lower(?)"
        }
    }

    /// The integer in the first column of the first row: `SELECT COUNT(*) …`. 0 without a row.
    func fetchCount(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> Int {
        guard let row = try fetchOne(sql, arguments.map { $0.storeValue }) else { return 0 }
        return try row.int(row.columns.names[0])
    }

    /// The text in the first column of the first row; nil without a row or for NULL.
    func fetchString(_ sql: String, _ arguments: any StoreValueConvertible...) throws -> String? {
        guard let row = try fetchOne(sql, arguments.map { $0.storeValue }) else { return nil }
        return try row.optionalString(row.columns.names[0])
    }
}
