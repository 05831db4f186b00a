import Foundation
import TestDatabases
import Testing
import Persistence

/// Write transactions behave as if run one after another, on both stores: what could not be serialised
/// fails `busy` with nothing kept, and running it again gives the serial result.
@Suite struct ConcurrencyTests {
    static func createCounter(_ store: any ServiceStore) throws {
        try store.write { db in
            try db.execute("CREATE TABLE counter (id integer PRIMARY KEY, value integer NOT NULL)")
            try db.execute("INSERT INTO counter (id, value) VALUES (1, 0)")
        }
    }

    static func counter(_ store: any ServiceStore) throws -> Int64 {
        try store.read { db in try db.fetchOne("SELECT value FROM counter WHERE id = 1")!.int64("value") }
    }

    /// How often and how soon the service runs a busy transaction again. SQLite: as often as the service's own
    /// bound says (3 here), at once — its busy handler has waited for the lock. PostgreSQL, which refuses at once:
    /// at least `PostgresStore.busyAttempts` tries, after random pauses whose ceiling doubles up to 50 ms (three
    /// immediate tries left unrelated writes of three instances `server-busy`: ScaleOutTests).
    @Test(arguments: Backend.allCases)
    func aBusyTransactionRunsAgainAsOftenAndAsSoonAsItsStoreSays(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            let pauses = (1...20).map { store.pauseBeforeRetry(afterBusyAttempt: $0, bound: 3) }
            switch backend {
            case .sqlite:
                #expect(Array(pauses.prefix(2)) == [0, 0])
                #expect(pauses.dropFirst(2).allSatisfy { $0 == nil })
            case .postgres:
                #expect(pauses.prefix(11).allSatisfy { $0 != nil })
                #expect(pauses.dropFirst(11).allSatisfy { $0 == nil })
                for (index, pause) in pauses.prefix(11).enumerated() {
                    let ceiling = min(0.05, 0.001 * Double(1 << (index + 1)))
                    #expect((0...ceiling).contains(pause ?? -1), "pause after try \(index + 1): \(pause ?? -1) s")
                }
                // Random, so that the transactions that collided do not meet again.
                let samples = (0..<50).map { _ in store.pauseBeforeRetry(afterBusyAttempt: 6, bound: 3) ?? 0 }
                #expect(Set(samples).count > 40)
            }
        }
    }

    @Test(arguments: Backend.allCases)
    func twoThreadsIncrementingTwoHundredTimesEachEndAtFourHundred(_ backend: Backend) throws {
        try withFreshDatabase(backend) { open in
            // A store each, as two processes or two instances would have.
            let stores = [try open(), try open()]
            try Self.createCounter(stores[0])
            let retries = LockedBox(0)
            let errors = onThreads(2) { thread -> String? in
                do {
                    for _ in 0..<200 {
                        var attempts = 0
                        try writeRetrying(stores[thread]) { db in
                            attempts += 1
                            // Read, then write what was read plus one: lost updates unless serialised.
                            let value = try db.fetchOne("SELECT value FROM counter WHERE id = 1")!.int64("value")
                            try db.execute("UPDATE counter SET value = ? WHERE id = 1", value + 1)
                        }
                        retries.update { $0 += attempts - 1 }
                    }
                    return nil
                } catch {
                    return "\(error)"
                }
            }
            #expect(errors == [nil, nil])
            #expect(try Self.counter(stores[0]) == 400)
            print("\(backend): 400 increments on two threads, \(retries.value) retried after busy")
        }
    }

    /// A reads the counter; B then adds 10 and tries to commit; A then adds 1. Serially that is impossible to
    /// interleave, so one of them must fail `busy`: on SQLite B (A holds the write lock, B's wait runs out), on
    /// PostgreSQL A (B committed first; A's update conflicts with what A read). The other's effect alone is kept.
    @Test(arguments: Backend.allCases)
    func aSerialisationConflictFailsBusyAndKeepsNothing(_ backend: Backend) throws {
        try withFreshDatabase(backend, sqliteLockWait: 0.3) { open in
            let stores = [try open(), try open()]
            try Self.createCounter(stores[0])
            let aHasRead = DispatchSemaphore(value: 0)
            let bIsDone = DispatchSemaphore(value: 0)
            let outcomes = onThreads(2) { thread -> StoreFailure? in
                if thread == 0 {
                    return failure {
                        try stores[0].write { db in
                            let value = try db.fetchOne("SELECT value FROM counter WHERE id = 1")!.int64("value")
                            aHasRead.signal()
                            _ = bIsDone.wait(timeout: .now() + 10)
                            try db.execute("UPDATE counter SET value = ? WHERE id = 1", value + 1)
                        }
                    }
                } else {
                    _ = aHasRead.wait(timeout: .now() + 10)
                    defer { bIsDone.signal() }
                    return failure {
                        try stores[1].write { db in
                            let value = try db.fetchOne("SELECT value FROM counter WHERE id = 1")!.int64("value")
                            try db.execute("UPDATE counter SET value = ? WHERE id = 1", value + 10)
                        }
                    }
                }
            }
            let value = try Self.counter(stores[0])
            switch backend {
            case .sqlite:
                #expect(outcomes[0] == nil)
                #expect(outcomes[1]?.isBusy == true, "\(String(describing: outcomes[1]))")
                #expect(value == 1)
            case .postgres:
                #expect(outcomes[0]?.isBusy == true, "\(String(describing: outcomes[0]))")
                #expect(outcomes[1] == nil)
                #expect(value == 10)
            }
        }
    }
}
