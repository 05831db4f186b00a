import Eligibility
import Foundation
import Rules
import Vocabulary

/// The rule set, loaded once on first use: a service that only handles accounts never pays for the load,
/// and every request after the first shares one immutable rule set, judged on the request's own date.
public final class RulesSource: @unchecked Sendable {
    private let load: @Sendable () -> Result<RuleSet, LoadFailure>
    private let lock = NSLock()
    private var loaded: Result<RuleSet, LoadFailure>?

    public struct LoadFailure: Error, Sendable {
        public let message: String
    }

    public init(load: @escaping @Sendable () -> Result<RuleSet, LoadFailure>) {
        self.load = load
    }

    /// Loads the rules of a folder; diagnostics become the failure's message.
    public convenience init(folder: URL, display: String) {
        self.init {
            let result = RuleLoader(root: folder, displayRoot: display).load()
            if let ruleSet = result.ruleSet { return .success(ruleSet) }
            let first = result.errors.first.map { "\($0.location): \($0.message)" } ?? "no rules"
            return .failure(LoadFailure(message: "\(result.errors.count) error(s) in the rules; first: \(first)"))
        }
    }

    /// An evaluator on the loaded rules for `today`. The date is the caller's every time, not the first
    /// caller's: a service runs for weeks of a registration window (an evaluator is two references, made per call).
    public func evaluator(today: @autoclosure () -> CalendarDate) throws(DomainError) -> Evaluator {
        let rules = lock.withLock {
            if loaded == nil { loaded = load() }
            return loaded!
        }
        switch rules {
        case .success(let ruleSet): return Evaluator(rules: ruleSet, today: today())
        case .failure(let failure): throw DomainError(.rulesUnavailable, "报考规则暂不可用，请稍后再试", ["detail": .string(failure.message)])
        }
    }
}
