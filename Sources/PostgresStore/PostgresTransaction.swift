import Foundation
import Persistence
import PostgresNIO

/// One transaction of a `PostgresStore`, on one borrowed connection.
///
/// PostgreSQL differs from SQLite in one way the caller must know: after a statement fails, the whole
/// transaction is aborted (every later statement fails) until it is rolled back, or rolled back to a savepoint
/// taken before the failing statement. Code that wants to go on after a refused statement takes a savepoint
/// first — which also works on SQLite. A body that swallows such an error and returns is not committed:
/// `PostgresStore.write` throws (PostgreSQL answers `COMMIT` with `ROLLBACK`).
final class PostgresTransaction: StoreTransaction {
    let connection: PostgresConnection
    let logger: Logger
    /// How long one statement may go unanswered (`PostgresStore.defaultAnswerWait`).
    let answerWait: TimeInterval

    init(_ connection: PostgresConnection, logger: Logger, answerWait: TimeInterval = PostgresStore.defaultAnswerWait) {
        self.connection = connection
        self.logger = logger
        self.answerWait = answerWait
    }

    var dialect: SQLDialect { .postgres }

    @discardableResult
    func execute(_ sql: String, _ arguments: [StoreValue]) throws -> Int {
        try run(sql, arguments).metadata.rows ?? 0
    }

    func fetchAll(_ sql: String, _ arguments: [StoreValue]) throws -> [StoreRow] {
        let result = try run(sql, arguments)
        guard let first = result.rows.first else { return [] }
        let columns = StoreColumns(first.map(\.columnName))
        return try result.rows.map { row in
            StoreRow(columns: columns, values: try row.map(StoreValue.init(cell:)))
        }
    }

    /// Runs one statement (the extended protocol takes one per query) and waits for all its rows.
    @discardableResult
    func run(_ sql: String, _ arguments: [StoreValue] = []) throws -> PostgresQueryResult {
        var binds = PostgresBindings(capacity: arguments.count)
        for argument in arguments { argument.bind(into: &binds) }
        let query = PostgresQuery(unsafeSQL: Placeholders.numbered(sql), binds: binds)
        let answer = ResultBox()
        connection.query(query, logger: logger).whenComplete { result in answer.set(result) }
        guard let result = answer.wait(seconds: answerWait) else {
            // A statement that never ends blocks its worker for good (seen once: a query still waiting after
            // the server ended the backend). Closing the connection fails it; the pool then drops it.
            connection.close().whenComplete { [connection] _ in withExtendedLifetime(connection) {} }
            throw StoreFailure.unavailable("PostgreSQL did not answer within \(answerWait) s; the connection is closed")
        }
        do {
            return try result.get()
        } catch {
            throw StoreFailure(postgres: error)
        }
    }

    /// A query's result handed from the event loop to the waiting thread.
    private final class ResultBox: @unchecked Sendable {
        private let ready = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var result: Result<PostgresQueryResult, any Error>?

        func set(_ result: Result<PostgresQueryResult, any Error>) {
            lock.withLock { self.result = result }
            ready.signal()
        }

        func wait(seconds: TimeInterval) -> Result<PostgresQueryResult, any Error>? {
            guard ready.wait(timeout: .now() + seconds) == .success else { return nil }
            return lock.withLock { result }
        }
    }
}

/// `?` → `$1`, `$2`, … : the service writes its SQL once with SQLite's placeholders.
///
/// A `?` inside a quoted literal (`'…'`, with `''` escapes), a quoted identifier (`"…"`), a dollar-quoted body
/// (`$$…$$`, `$tag$…$tag$`) or a comment (`-- …`, `/* … */`) is text, not a placeholder, and is left alone.
enum Placeholders {
    static func numbered(_ sql: String) -> String {
        let bytes = Array(sql.utf8)
        guard bytes.contains(UInt8(ascii: "?")) else { return sql }
        var out = [UInt8]()
        out.reserveCapacity(bytes.count + 8)
        var number = 0
        var i = 0
        func copy(until end: Int) {
            let stop = min(end, bytes.count)
            out += bytes[i..<stop]
            i = stop
        }
        func index(of needle: [UInt8], from start: Int) -> Int? {
            guard needle.count <= bytes.count else { return nil }
            var j = start
            while j + needle.count <= bytes.count {
                if bytes[j..<(j + needle.count)].elementsEqual(needle) { return j }
                j += 1
            }
            return nil
        }
        while i < bytes.count {
            let byte = bytes[i]
            switch byte {
            case UInt8(ascii: "'"), UInt8(ascii: "\""):
                // To the closing quote; a doubled quote is an escaped one and the scan simply goes on.
                var j = i + 1
                while j < bytes.count, bytes[j] != byte { j += 1 }
                copy(until: j + 1)
            case UInt8(ascii: "-") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "-"):
                copy(until: (index(of: [0x0A], from: i) ?? bytes.count) + 1)
            case UInt8(ascii: "/") where i + 1 < bytes.count && bytes[i + 1] == UInt8(ascii: "*"):
                copy(until: (index(of: Array("*/".utf8), from: i + 2) ?? bytes.count) + 2)
            case UInt8(ascii: "$"):
                // `$tag$` (tag: letters, digits, `_`, possibly empty) opens a body closed by the same `$tag$`.
                var j = i + 1
                while j < bytes.count, bytes[j] == UInt8(ascii: "_") || (bytes[j] | 0x20 >= 0x61 && bytes[j] | 0x20 <= 0x7A)
                        || (bytes[j] >= 0x30 && bytes[j] <= 0x39 && j > i + 1) { j += 1 }
                if j < bytes.count, bytes[j] == UInt8(ascii: "$") {
                    let tag = Array(bytes[i...j])
                    let close = index(of: tag, from: j + 1).map { $0 + tag.count } ?? bytes.count
                    copy(until: close)
                } else {
                    copy(until: i + 1)
                }
            case UInt8(ascii: "?"):
                number += 1
                out += Array("$\(number)".utf8)
                i += 1
            default:
                out.append(byte)
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension StoreValue {
    /// integer → int8, real → float8, text → text, blob → bytea, null → untyped NULL (the server infers it).
    func bind(into binds: inout PostgresBindings) {
        switch self {
        case .null: binds.appendNull()
        case .integer(let value): binds.append(value)
        case .real(let value): binds.append(value)
        case .text(let value): binds.append(value)
        case .blob(let bytes): binds.append(ByteBuffer(bytes: bytes))
        }
    }

    /// Results arrive in PostgreSQL's binary format. Integers of every width are `.integer`, floats `.real`,
    /// text kinds `.text`, `bytea` `.blob`, a boolean the contract's 0/1; `numeric`, `uuid`, dates and
    /// timestamps are turned into text (timestamps in `StoreTimestamp`'s form); anything else is read as text,
    /// which is what PostgreSQL's binary form of enums, `json`, `citext` and the like is.
    init(cell: PostgresCell) throws {
        guard cell.bytes != nil else {
            self = .null
            return
        }
        do {
            switch cell.dataType {
            case .int2: self = .integer(Int64(try cell.decode(Int16.self)))
            case .int4: self = .integer(Int64(try cell.decode(Int32.self)))
            case .int8: self = .integer(try cell.decode(Int64.self))
            case .oid:
                guard var bytes = cell.bytes, bytes.readableBytes == 4, let oid = bytes.readInteger(as: UInt32.self) else {
                    throw PostgresDecodingError.Code.typeMismatch
                }
                self = .integer(Int64(oid))
            case .float4: self = .real(Double(try cell.decode(Float.self)))
            case .float8: self = .real(try cell.decode(Double.self))
            case .bool: self = .integer(try cell.decode(Bool.self) ? 1 : 0)
            case .bytea: self = .blob(Array((cell.bytes ?? ByteBuffer()).readableBytesView))
            case .numeric: self = .text(try cell.decode(Decimal.self).description)
            case .timestamp, .timestamptz, .date: self = .text(StoreTimestamp.format(try cell.decode(Date.self)))
            default: self = .text(try cell.decode(String.self))
            }
        } catch {
            throw StoreFailure.decoding(column: cell.columnName, "cannot read PostgreSQL type \(cell.dataType): \(error)")
        }
    }
}
