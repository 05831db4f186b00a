import Foundation

/// One row a query returned: its column names (shared by every row of the result) and values.
///
/// Typed reads throw `StoreFailure.decoding` naming the column when the stored value is not of the expected
/// kind, so a schema mistake is a clear error, never a crash.
public struct StoreRow: Sendable {
    public let columns: StoreColumns
    public let values: [StoreValue]

    public init(columns: StoreColumns, values: [StoreValue]) {
        self.columns = columns
        self.values = values
    }

    /// The value of `column`, or `.null` when the result has no such column.
    public subscript(_ column: String) -> StoreValue {
        guard let index = columns.index(of: column) else { return .null }
        return values[index]
    }

    public subscript(_ index: Int) -> StoreValue { values[index] }

    public func has(_ column: String) -> Bool { columns.index(of: column) != nil }

    public func int64(_ column: String) throws -> Int64 {
        guard let value = try optionalInt64(column) else { throw StoreFailure.decoding(column: column, "NULL where an integer was expected") }
        return value
    }

    public func optionalInt64(_ column: String) throws -> Int64? {
        switch self[column] {
        case .null: return nil
        case .integer(let value): return value
        case .real(let value) where value == value.rounded(): return Int64(value)
        case .text(let text): if let value = Int64(text) { return value }
        default: break
        }
        throw StoreFailure.decoding(column: column, "\(self[column]) is not an integer")
    }

    public func int(_ column: String) throws -> Int { Int(try int64(column)) }
    public func optionalInt(_ column: String) throws -> Int? { try optionalInt64(column).map { Int($0) } }

    public func double(_ column: String) throws -> Double {
        switch self[column] {
        case .real(let value): return value
        case .integer(let value): return Double(value)
        default: throw StoreFailure.decoding(column: column, "\(self[column]) is not a number")
        }
    }

    public func string(_ column: String) throws -> String {
        guard let value = try optionalString(column) else { throw StoreFailure.decoding(column: column, "NULL where text was expected") }
        return value
    }

    public func optionalString(_ column: String) throws -> String? {
        switch self[column] {
        case .null: return nil
        case .text(let text): return text
        case .integer(let value): return String(value)
        case .blob(let bytes): return String(decoding: bytes, as: UTF8.self)
        case .real(let value): return String(value)
        }
    }

    public func bool(_ column: String) throws -> Bool {
        guard let value = try optionalBool(column) else { throw StoreFailure.decoding(column: column, "NULL where a boolean was expected") }
        return value
    }

    public func optionalBool(_ column: String) throws -> Bool? {
        switch self[column] {
        case .null: return nil
        case .integer(let value): return value != 0
        case .text(let text) where text == "t" || text == "true" || text == "1": return true
        case .text(let text) where text == "f" || text == "false" || text == "0": return false
        default: throw StoreFailure.decoding(column: column, "\(self[column]) is not a boolean")
        }
    }

    public func date(_ column: String) throws -> Date {
        guard let value = try optionalDate(column) else { throw StoreFailure.decoding(column: column, "NULL where a timestamp was expected") }
        return value
    }

    public func optionalDate(_ column: String) throws -> Date? {
        switch self[column] {
        case .null: return nil
        case .text(let text):
            guard let date = StoreTimestamp.parse(text) else { throw StoreFailure.decoding(column: column, "“\(text)” is not a timestamp") }
            return date
        case .integer(let seconds): return Date(timeIntervalSince1970: Double(seconds))
        case .real(let seconds): return Date(timeIntervalSince1970: seconds)
        case .blob: throw StoreFailure.decoding(column: column, "a blob is not a timestamp")
        }
    }

    public func bytes(_ column: String) throws -> [UInt8] {
        switch self[column] {
        case .blob(let bytes): return bytes
        case .text(let text): return Array(text.utf8)
        default: throw StoreFailure.decoding(column: column, "\(self[column]) is not a blob")
        }
    }
}

/// The column names of a result, looked up by name once per row read.
///
/// A name is found as written first, then without regard to case: PostgreSQL folds unquoted identifiers to
/// lower case, so `SELECT *` there names a column `lockeduntil` that the code (and SQLite) calls `lockedUntil`.
/// The queries never quote identifiers, so folding is the only difference between the two engines' names. The
/// folded names are made on the first miss only: on SQLite, where every name is found as written, never.
public final class StoreColumns: @unchecked Sendable {
    public let names: [String]
    private let positions: [String: Int]
    private let lock = NSLock()
    private var folded: [String: Int]?

    public init(_ names: [String]) {
        self.names = names
        var positions: [String: Int] = [:]
        // The first of two equal names wins, as in SQLite.
        for (index, name) in names.enumerated() where positions[name] == nil { positions[name] = index }
        self.positions = positions
    }

    public func index(of name: String) -> Int? {
        if let index = positions[name] { return index }
        return foldedPositions()[name.lowercased()]
    }

    private func foldedPositions() -> [String: Int] {
        lock.lock()
        defer { lock.unlock() }
        if let folded { return folded }
        var made: [String: Int] = [:]
        for (index, name) in names.enumerated() {
            let lower = name.lowercased()
            if made[lower] == nil { made[lower] = index }
        }
        folded = made
        return made
    }
}
