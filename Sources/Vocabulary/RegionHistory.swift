/// Every division code in use since 1980 with the years it was used (`Data/region-history.tsv`).
///
/// An ID number keeps its birth-place code for life, so the region part of an ID number is checked against
/// this history, not the current table: a code that was never in use is an error; one retired before the
/// holder's birth year is accepted with a warning.
public final class RegionHistory: Sendable {
    public static let shared = RegionHistory(tsv: EmbeddedData.regionHistory)

    /// One period of use of a code; `until` nil means still in use.
    public struct Use: Hashable, Sendable {
        public let name: String
        public let from: Int?
        public let until: Int?
    }

    public enum Finding: Equatable, Sendable {
        /// The code was in use in that year (or the data has no years for it).
        case inUse(name: String)
        /// The code existed, but its last use ended before that year.
        case retired(name: String, lastYear: Int)
        /// The code was never in use.
        case unknown
    }

    private let uses: [String: [Use]]

    public init(tsv: String) {
        var uses: [String: [Use]] = [:]
        for f in TSV.rows(tsv) {
            guard f.count >= 2 else { continue }
            let from = f.count > 2 ? Int(f[2]) : nil
            let until = f.count > 3 ? Int(f[3]) : nil
            uses[String(f[0]), default: []].append(Use(name: String(f[1]), from: from, until: until))
        }
        self.uses = uses
    }

    public func uses(of code: String) -> [Use] { uses[code] ?? [] }

    /// How `code` stands for someone born in `year`.
    public func check(_ code: String, birthYear year: Int) -> Finding {
        guard let periods = uses[code], !periods.isEmpty else { return .unknown }
        if let open = periods.first(where: { $0.until == nil || $0.until! >= year }) {
            return .inUse(name: open.name)
        }
        let last = periods.max(by: { ($0.until ?? Int.max) < ($1.until ?? Int.max) })!
        return .retired(name: last.name, lastYear: last.until!)
    }
}
