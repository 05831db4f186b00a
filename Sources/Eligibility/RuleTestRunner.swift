import Rules

/// Runs the policy officers' cases (`exams/<id>/tests/*.yaml`) and compares verdicts with expectations.
public struct RuleTestRunner {
    public struct Outcome: Sendable {
        public let testCase: RuleTestCase
        /// One line per field that differs: `eligible: expected true, actual false`.
        public let mismatches: [String]
        /// Where the clauses the case exercised are written (`file:line:col`): the deciding clause, the
        /// clauses of its reasons. Positions, not rule ids: two periods of one rule share its id.
        public let exercised: Set<String>
        public var passed: Bool { mismatches.isEmpty }
    }

    public let evaluator: Evaluator

    public init(evaluator: Evaluator) {
        self.evaluator = evaluator
    }

    public func run(_ testCase: RuleTestCase) -> Outcome {
        let e = testCase.expect
        var mismatches: [String] = []
        func compare<T: Equatable>(_ field: String, _ expected: T?, _ actual: T?, show: (T) -> String) {
            guard let expected else { return }
            if expected != actual {
                mismatches.append("\(field): expected \(show(expected)), actual \(actual.map(show) ?? "none")")
            }
        }
        let list = { (items: [String]) in "[" + items.joined(separator: ", ") + "]" }
        let result: Result<Verdict, ApplicationError>
        switch ApplicationDecoder.decode(testCase.application) {
        case .failure(let failure): result = .failure(failure.error)
        case .success(let app): result = evaluator.evaluate(app)
        }
        switch result {
        case .failure(let error):
            if let expected = e.error {
                if expected != error.code { mismatches.append("error: expected \(expected), actual \(error.code) (\(error.message))") }
            } else {
                mismatches.append("the application could not be evaluated: \(error.code) at \(error.path): \(error.message)")
            }
            return Outcome(testCase: testCase, mismatches: mismatches, exercised: [])
        case .success(let v):
            if let expected = e.error { mismatches.append("error: expected \(expected), actual a verdict") }
            compare("eligible", e.eligible, v.eligible) { String($0) }
            compare("route", e.route, v.route?.rawValue) { $0 }
            compare("subjects", e.subjects, v.subjects, show: list)
            compare("exempted", e.exempted, v.exempted, show: list)
            compare("fee", e.fee, v.fee?.total.value) { "\($0) fen" }
            compare("reasons", e.reasons.map { Set($0) }, Set(v.reasons.map(\.code))) { list($0.sorted()) }
            compare("warnings", e.warnings.map { Set($0) }, Set(v.warnings.map(\.code))) { list($0.sorted()) }
            compare("decidedBy", e.decidedBy, v.decidedBy?.rule) { $0 }
            for advice in e.advice ?? [] where !v.advice.contains(where: { $0.contains(advice) }) {
                mismatches.append("advice: expected \"\(advice)\", actual \(list(v.advice))")
            }
            if !mismatches.isEmpty, !v.reasons.isEmpty {
                mismatches.append("(reasons given: " + v.reasons.map { "\($0.code): \($0.message)" }.joined(separator: "; ") + ")")
            }
            var exercised = Set(v.reasons.map(\.source))
            if let source = v.decidedBy?.source { exercised.insert(source) }
            if let source = v.exemptionSource { exercised.insert(source) }
            return Outcome(testCase: testCase, mismatches: mismatches, exercised: exercised)
        }
    }

    /// The clauses of the rule set (conditions, exemptions, routes, local conditions) that no outcome exercised.
    public static func unexercised(_ rules: RuleSet, outcomes: [Outcome]) -> [(rule: String, source: SourceLocation)] {
        let exercised = outcomes.reduce(into: Set<String>()) { $0.formUnion($1.exercised) }
        var clauses: [(String, SourceLocation)] = []
        for exam in rules.exams {
            clauses += exam.conditions.map { ($0.ruleID, $0.citation.location) }
            clauses += exam.exemptions.map { ($0.ruleID, $0.citation.location) }
            clauses += exam.addSpecialty.map { ($0.ruleID, $0.citation.location) }
            for overlay in exam.overlays.values.sorted(by: { $0.province.code < $1.province.code }) {
                clauses += overlay.extraConditions.map { ($0.ruleID, $0.citation.location) }
            }
        }
        var seen = Set<String>()
        return clauses.filter { !exercised.contains($0.1.description) && seen.insert($0.1.description).inserted }
    }
}
