import Foundation
import Testing
@testable import Persistence
@testable import PostgresStore
import TestDatabases

/// Runs a write transaction again while it fails `busy`, a bounded number of times (as the service does).
func writeRetrying<T>(_ store: any ServiceStore, attempts: Int = 2000, _ body: (any StoreTransaction) throws -> T) throws -> T {
    var attempt = 0
    while true {
        do {
            return try store.write(body)
        } catch let failure as StoreFailure where failure.isBusy && attempt < attempts {
            attempt += 1
        }
    }
}

/// The smallest valid row of `account`, for tests of its keys and rules.
func insertAccount(_ db: any StoreTransaction, username: String, name: String = "王晓沛", idType: String = "resident-id",
                   idNumber: String, phone: String?) throws {
    let now = Date()
    try db.execute("""
        INSERT INTO account (username, passwordHash, name, idType, idNumber, email, phone, recoveryQuestion,
                             recoveryAnswerHash, createdAt, updatedAt)
        VALUES (?, 'hash', ?, ?, ?, 'a@example.com', ?, 'q', 'h', ?, ?)
        """, username, name, idType, idNumber, phone, now, now)
}

/// The outcome of a throwing call as a value, for `#expect` on which `StoreFailure` it was.
func failure<T>(_ body: () throws -> T) -> StoreFailure? {
    do {
        _ = try body()
        return nil
    } catch let failure as StoreFailure {
        return failure
    } catch {
        return .other("not a StoreFailure: \(error)")
    }
}
