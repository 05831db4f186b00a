import Rules
import Vocabulary

/// How an application's records are checked (seed manual 4.5): 自动核验通过, 线上人工核查, 现场人工核查.
public enum Route: String, Sendable, CaseIterable {
    case auto
    case onlineReview = "online-review"
    case onsiteReview = "onsite-review"

    public var chinese: String {
        switch self {
        case .auto: "自动核验"
        case .onlineReview: "线上人工核查"
        case .onsiteReview: "现场人工核查"
        }
    }
}

/// A failed condition: a stable code, the rule, where it is written, its official document, and a
/// message in Chinese with the numbers.
public struct Reason: Sendable, Equatable {
    public let code: String
    /// The rule, its place and its document: shared by every reason citing the clause.
    let clause: Clause
    /// The message's values; the text is rendered only when read or written.
    let text: ReasonText

    public var rule: String { clause.rule }
    public var source: String { clause.source }
    public var basis: String? { clause.basis }
    /// The message, rendered from the values it names (each read renders it again).
    public var message: String { text.rendered }

    init(code: String, clause: Clause, text: ReasonText) {
        self.code = code
        self.clause = clause
        self.text = text
    }

    /// A reason citing a clause the rules hold no ``Clause`` for (a level, the exemptions as a whole).
    init(code: String, rule: String, text: ReasonText, source: String, basis: String?) {
        self.init(code: code, clause: Clause(rule: rule, source: source, basis: basis), text: text)
    }

    init(code: String, rule: String, message: String, source: String, basis: String?) {
        self.init(code: code, rule: rule, text: .fixed(message), source: source, basis: basis)
    }

    /// Equal when every field reads the same; messages are rendered only for reasons that agree on the rest.
    public static func == (a: Reason, b: Reason) -> Bool {
        guard a.clause === b.clause || (a.rule == b.rule && a.source == b.source && a.basis == b.basis) else { return false }
        return a.code == b.code && a.message == b.message
    }
}

public struct VerdictWarning: Sendable, Equatable {
    public let code: String
    public let message: String
}

/// Which condition and which education record qualified the candidate.
public struct Decision: Sendable, Equatable {
    public let rule: String
    public let source: String
    /// Index of the education record (0-based), nil for routes that do not rest on education.
    public let education: Int?
    public let educationLevel: EducationLevel?
    /// The deciding record's major, read from the case when asked (when the verdict is written): copying
    /// the string on the hot path retained it, one more cache line to wait for per case.
    public var major: String? { education.flatMap { deciding?.education[$0].major } }
    /// What decided, when it is not an education record (an additional-specialty route).
    public let label: String?
    private let deciding: Case?

    /// `education`: the position of the deciding record in `c`, nil when none decided.
    init(rule: String, source: String, education: Int?, of c: Case, label: String?) {
        self.rule = rule
        self.source = source
        self.education = education
        educationLevel = education.map { c.educationCores[$0].level }
        deciding = education == nil ? nil : c
        self.label = label
    }

    public static func == (a: Decision, b: Decision) -> Bool {
        a.rule == b.rule && a.source == b.source && a.education == b.education && a.educationLevel == b.educationLevel
            && a.major == b.major && a.label == b.label
    }

    /// `第2条学历：硕士 工程管理` — rendered when asked, not on the hot path.
    public var summary: String { Summary(decision: self).rendered }

    /// The summary, rendered when read or written.
    struct Summary: RenderedText {
        let decision: Decision

        func write<S: TextSink>(to s: inout S) {
            if let education = decision.education, let level = decision.educationLevel {
                s.write("第", education + 1, "条学历：", level.chinese)
                if let major = decision.major { s.write(" ", major) }
                return
            }
            s.put(decision.label ?? decision.rule)
        }
    }
}

/// One clause considered, with the values it read, for `--explain`.
public struct TraceStep: Sendable, Equatable {
    public let rule: String
    public let source: String
    public let passed: Bool
    public let detail: String
}

/// The engine's answer for one application (INTERFACE.md §2), plus `decidedBy`, `routeReason`, `advice`.
public struct Verdict: Sendable, Equatable {
    public var id: JSONScalar?
    public var eligible = false
    public var route: Route?
    /// Why the route, rendered when read.
    public var routeReason: String? { routeWhy?.rendered }
    var routeWhy: RouteReason?
    public var subjects: [String] = []
    public var exempted: [String] = []
    public var exemption: String?
    /// Where the applied exemption or route is written.
    public var exemptionSource: String?
    public var fee: Fee?
    public var decidedBy: Decision?
    public var reasons: [Reason] = []
    public var warnings: [VerdictWarning] = []
    /// What would make the candidate eligible, when one change suffices.
    public var advice: [String] { adviceItems.map(\.rendered) }
    /// The advice as values, rendered when read or written.
    var adviceItems: [Advice] = []
    /// The revision of the rule set that decided.
    public var rules = ""
    public var trace: [TraceStep]?

    public init() {}
}
