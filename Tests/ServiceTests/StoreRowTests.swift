import Foundation
import Persistence
import TestDatabases
import Testing

/// Rows read by column name on either engine, and timestamps that come back as they were stored.
@Suite struct StoreRowTests {
    /// PostgreSQL folds unquoted identifiers: `SELECT *` there names `lockedUntil` `lockeduntil`. A name is
    /// found as written first, then whatever its case.
    @Test func columnsAreFoundWhateverTheEngineFoldedTheirNamesTo() throws {
        let folded = StoreRow(columns: StoreColumns(["id", "lockeduntil", "failedlogins"]), values: [7, "2026-03-02 01:00:00.000", 3])
        #expect(try folded.int64("id") == 7)
        #expect(try folded.int("failedLogins") == 3)
        #expect(try folded.date("lockedUntil") == StoreTimestamp.parse("2026-03-02 01:00:00.000"))
        #expect(folded.has("LockedUntil"))
        #expect(!folded.has("lockedAt"))
        #expect(folded["lockedAt"] == .null)

        // The name as written wins over one that only folds to it, whichever comes first.
        let both = StoreRow(columns: StoreColumns(["lockeduntil", "lockedUntil"]), values: ["folded", "exact"])
        #expect(try both.string("lockedUntil") == "exact")
        #expect(try both.string("lockeduntil") == "folded")
        #expect(try both.string("LOCKEDUNTIL") == "folded")
    }

    @Test func aMissingOrMistypedColumnIsAnErrorNamingIt() {
        let row = StoreRow(columns: StoreColumns(["name"]), values: [.blob([1])])
        #expect(throws: StoreFailure.decoding(column: "age", "NULL where an integer was expected")) { try row.int("age") }
        #expect(throws: StoreFailure.self) { try row.date("name") }
    }

    /// A timestamp read back and written again is the same text: `update` compares what it would write with
    /// what it read, and a `.123` that came back as `.122` would be a change that is none.
    @Test func timestampsComeBackAsTheTextTheyWereReadFrom() throws {
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<20_000 {
            let milliseconds = Int64.random(in: 0...4_102_444_800_000, using: &generator) // 1970 … 2100
            let text = StoreTimestamp.format(Date(timeIntervalSince1970: Double(milliseconds) / 1000))
            let parsed = try #require(StoreTimestamp.parse(text))
            #expect(StoreTimestamp.format(parsed) == text)
            #expect(Int64((parsed.timeIntervalSince1970 * 1000).rounded()) == milliseconds)
        }
        #expect(StoreTimestamp.format(Date(timeIntervalSince1970: 1_772_413_200.1239)) == "2026-03-02 01:00:00.124")
        #expect(StoreTimestamp.parse("2026-03-02 01:00:00.123456") == Date(timeIntervalSince1970: 1_772_413_200.123456))
        #expect(StoreTimestamp.parse("2026-03-02T01:00:00") == Date(timeIntervalSince1970: 1_772_413_200))
        #expect(StoreTimestamp.parse("2026-03-02 01:00") == nil)
    }
}

/// The column map of a query is made once per SQL text (issue #14), for every database of the process: the
/// same text on a database whose table has other columns gets its own map — on either store.
@Suite struct StoreColumnCacheTests {
    @Test(arguments: Backend.allCases) func theSameQueryOnATableWithOtherColumnsReadsThoseColumns(_ backend: Backend) throws {
        func probe(_ create: String) throws -> StoreRow? {
            try withFreshStore(backend) { store in
                try store.write { tx in
                    try tx.execute(create)
                    try tx.execute("INSERT INTO cacheProbe (a) VALUES (1)")
                }
                return try store.read { tx in try tx.fetchAll("SELECT * FROM cacheProbe") }.first
            }
        }
        let narrow = try #require(try probe("CREATE TABLE cacheProbe (a INTEGER)"))
        let wide = try #require(try probe("CREATE TABLE cacheProbe (b TEXT DEFAULT 'new', a INTEGER)"))
        let again = try #require(try probe("CREATE TABLE cacheProbe (a INTEGER)"))
        #expect(narrow.columns.names == ["a"] && again.columns.names == ["a"])
        #expect(wide.columns.names == ["b", "a"])
        #expect(try wide.string("b") == "new" && wide.int("a") == 1 && narrow.int("a") == 1)
    }
}
