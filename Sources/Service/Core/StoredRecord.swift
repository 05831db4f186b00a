import Persistence

/// A row the service reads whole, changes in Swift and writes back: an account, an application, a reviewer.
///
/// Written with explicit SQL that both engines accept. `insert` returns the new id with `RETURNING id`;
/// `update` writes only the columns whose value differs from the row as read (or as last written) — a save
/// touches a dozen of the application's twenty columns, a login failure two of the account's, and building
/// and binding the rest was a good part of a save's CPU (issue #14).
protocol StoredRecord {
    static var table: String { get }
    /// Every column but `id`, in the order of `values`.
    static var columns: StoreColumns { get }
    /// `INSERT INTO table (columns…) VALUES (?…) RETURNING id`, made once per type (`makeInsertSQL(table:columns:)`).
    static var insertSQL: String { get }

    var id: Int64? { get set }
    /// The values of `columns`, in their order, as they are to be stored.
    var values: [StoreValue] { get }
    /// The row as last read or written: what `update` compares with. Nil for a record never stored.
    var stored: StoreRow? { get set }
}

extension StoredRecord {
    static func makeInsertSQL(table: String, columns: StoreColumns) -> String {
        "INSERT INTO \(table) (\(columns.names.joined(separator: ", "))) VALUES ("
            + Array(repeating: "?", count: columns.names.count).joined(separator: ", ") + ") RETURNING id"
    }

    /// Inserts the record and takes its new id.
    mutating func insert(_ tx: any StoreTransaction) throws {
        let values = values
        guard let row = try tx.fetchOne(Self.insertSQL, values) else {
            throw StoreFailure.other("INSERT INTO \(Self.table) returned no id")
        }
        id = try row.int64("id")
        stored = StoreRow(columns: Self.columns, values: values)
    }

    /// Writes the columns that changed since the record was read or last written; nothing when none did.
    mutating func update(_ tx: any StoreTransaction) throws {
        guard let id else { preconditionFailure("update of a \(Self.table) row never stored") }
        let values = values
        let names = Self.columns.names
        var assignments = ""
        var arguments: [StoreValue] = []
        for index in names.indices where stored?[names[index]] != values[index] {
            assignments += (arguments.isEmpty ? "" : ", ") + names[index] + " = ?"
            arguments.append(values[index])
        }
        guard !arguments.isEmpty else { return }
        arguments.append(.integer(id))
        try tx.execute("UPDATE \(Self.table) SET \(assignments) WHERE id = ?", arguments)
        stored = StoreRow(columns: Self.columns, values: values)
    }
}
