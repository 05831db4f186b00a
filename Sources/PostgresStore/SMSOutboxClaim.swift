import Foundation
import Persistence

/// One undelivered SMS as a gateway receives it.
public struct OutboxMessage: Sendable, Equatable {
    public let id: Int64
    public let phone: String
    public let purpose: String
    public let message: String
}

extension PostgresStore {
    /// Hands up to `limit` undelivered SMS (`sentAt` NULL, code not yet expired) to `send`, and marks the ones
    /// `send` returns as delivered (`sentAt = now`; the erasure trigger then replaces the code by `******`).
    ///
    /// Several gateway processes may drain one outbox at once: the rows are claimed with
    /// `SELECT … FOR UPDATE SKIP LOCKED` in a `READ COMMITTED` transaction that stays open while `send` runs,
    /// so a row claimed by one gateway is skipped by the others (they take the next ones, never wait), and a
    /// gateway that dies mid-send releases its rows with its connection: they are claimed again later (at least
    /// once; the SMS provider's own message id is what makes a resend harmless). The SQL, for a gateway written
    /// in another language:
    ///
    ///     BEGIN;
    ///     SELECT id, phone, purpose, message FROM smsOutbox
    ///      WHERE sentAt IS NULL AND (expiresAt IS NULL OR expiresAt > $now)
    ///      ORDER BY id LIMIT $limit FOR UPDATE SKIP LOCKED;
    ///     -- send them
    ///     UPDATE smsOutbox SET sentAt = $now WHERE id IN (…delivered…);
    ///     COMMIT;
    ///
    /// On SQLite (one writer at a time) a single gateway reads `WHERE sentAt IS NULL` and updates `sentAt`,
    /// as `Docs/service.md` describes; the claim is what several gateways on PostgreSQL need in addition.
    /// Returns the ids marked delivered.
    @discardableResult
    public func deliverOutbox(limit: Int = 100, now: Date = Date(),
                              send: ([OutboxMessage]) throws -> [Int64]) throws -> [Int64] {
        try transaction(begin: "BEGIN ISOLATION LEVEL READ COMMITTED") { transaction in
            let rows = try transaction.fetchAll("""
                SELECT id, phone, purpose, message FROM smsOutbox
                WHERE sentAt IS NULL AND (expiresAt IS NULL OR expiresAt > ?)
                ORDER BY id LIMIT ? FOR UPDATE SKIP LOCKED
                """, [.text(StoreTimestamp.format(now)), .integer(Int64(max(0, limit)))])
            let claimed = try rows.map {
                OutboxMessage(id: try $0.int64("id"), phone: try $0.string("phone"),
                              purpose: try $0.string("purpose"), message: try $0.string("message"))
            }
            guard !claimed.isEmpty else { return [] }
            let claimedIDs = Set(claimed.map(\.id))
            let delivered = try send(claimed).filter { claimedIDs.contains($0) }
            guard !delivered.isEmpty else { return [] }
            let marks = Array(repeating: "?", count: delivered.count).joined(separator: ", ")
            try transaction.execute("UPDATE smsOutbox SET sentAt = ? WHERE id IN (\(marks))",
                                    [.text(StoreTimestamp.format(now))] + delivered.map { .integer($0) })
            return delivered
        }
    }
}
