import GRDB
import GRDBSQLite

/// The rows of a query read straight from the SQLite statement into `StoreValue`s.
///
/// `Row.fetchCursor` wrapped each row in GRDB's `Row`, copied it into `DatabaseValue`s (blobs through `Data`)
/// and only then into `StoreValue`s: ≈5 % of a save's CPU around a handful of small rows (issue #14). Stepping
/// stays GRDB's (`DatabaseCursor`: its checks before and after a statement runs, its errors); only the reading of
/// a row's columns is done here. Text is read with its byte count, so a NUL inside it is kept.
final class StoreRowCursor: DatabaseCursor {
    typealias Element = [StoreValue]
    let _statement: Statement
    var _isDone = false
    private let columns: CInt

    init(_ statement: Statement, arguments: StatementArguments) throws {
        _statement = statement
        columns = CInt(statement.columnCount)
        try statement.setArguments(arguments)
    }

    deinit {
        // As GRDB's own cursors: a statement left mid-way would keep its read open.
        sqlite3_reset(_statement.sqliteStatement)
    }

    func _element(sqliteStatement: SQLiteStatement) -> [StoreValue] {
        var values: [StoreValue] = []
        values.reserveCapacity(Int(columns))
        for column in 0..<columns {
            switch sqlite3_column_type(sqliteStatement, column) {
            case SQLITE_INTEGER:
                values.append(.integer(sqlite3_column_int64(sqliteStatement, column)))
            case SQLITE_FLOAT:
                values.append(.real(sqlite3_column_double(sqliteStatement, column)))
            case SQLITE_TEXT:
                // `sqlite3_column_text` first, then the count: the order SQLite documents.
                let text = sqlite3_column_text(sqliteStatement, column)
                let count = Int(sqlite3_column_bytes(sqliteStatement, column))
                values.append(.text(text.map { String(decoding: UnsafeBufferPointer(start: $0, count: count), as: UTF8.self) } ?? ""))
            case SQLITE_BLOB:
                let blob = sqlite3_column_blob(sqliteStatement, column)
                let count = Int(sqlite3_column_bytes(sqliteStatement, column))
                values.append(.blob(blob.map { [UInt8](UnsafeRawBufferPointer(start: $0, count: count)) } ?? []))
            default:
                values.append(.null)
            }
        }
        return values
    }
}
