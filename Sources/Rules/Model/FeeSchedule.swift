import Vocabulary

public struct FeeItem: Sendable, Equatable {
    /// The subject id, or nil for a registration fee.
    public let subject: String?
    public let name: String
    public let amount: Fen
}

/// What a candidate pays for the subjects they sit: a fee per subject, plus a registration fee.
public struct Fee: Sendable, Equatable {
    public let total: Fen
    public let items: [FeeItem]
    public let example: Bool
}

/// The fees of one exam in one province (or nationally, without a province overlay), resolved at load for
/// every choice of each level's subjects: a verdict shares a ``Fee`` instead of building one.
public final class FeeSchedule: Sendable {
    private let subjects: [Subject]
    private let levels: [Level]
    private let national: FeeTable
    private let local: FeeTable?
    /// The overlay's `example` flag; nil without an overlay.
    private let overlayExample: Bool?
    /// Per level, per choice; empty for a level with more subjects than ``tabulatedSubjects``.
    private let fees: [[Fee]]

    /// Levels with up to this many subjects (256 choices) are tabulated; larger ones are priced per call.
    public static let tabulatedSubjects = 8

    init(subjects: [Subject], levels: [Level], national: FeeTable, local: FeeTable?, overlayExample: Bool?) {
        self.subjects = subjects
        self.levels = levels
        self.national = national
        self.local = local
        self.overlayExample = overlayExample
        var fees: [[Fee]] = []
        for level in levels.indices {
            let count = levels[level].subjects.count
            fees.append(count > FeeSchedule.tabulatedSubjects ? [] : (0..<(1 << count)).map { FeeSchedule.price(level, $0, subjects, levels, national, local, overlayExample) })
        }
        self.fees = fees
    }

    /// The fee for sitting `choice` of the level's subjects.
    public func fee(level: Int, choice: SubjectChoice) -> Fee {
        fees[level].isEmpty ? FeeSchedule.price(level, choice, subjects, levels, national, local, overlayExample) : fees[level][choice]
    }

    /// Per subject to sit, the province's amount, else the exam's; plus a registration fee. The fee is an
    /// example when an amount comes from a table marked so, or the exam's amount applies where the province
    /// states none (or is itself an example).
    private static func price(_ level: Int, _ choice: SubjectChoice, _ subjects: [Subject], _ levels: [Level],
                              _ national: FeeTable, _ local: FeeTable?, _ overlayExample: Bool?) -> Fee {
        var items: [FeeItem] = []
        var example = false
        for (position, subject) in levels[level].subjects.enumerated() where choice & (1 << position) != 0 {
            let kind = subjects[subject].kind
            if let amount = local?.amount(subject: subject, kind: kind) {
                items.append(FeeItem(subject: subjects[subject].id, name: subjects[subject].name, amount: amount))
                example = example || local!.example
            } else if let amount = national.amount(subject: subject, kind: kind) {
                items.append(FeeItem(subject: subjects[subject].id, name: subjects[subject].name, amount: amount))
                example = example || national.example || (overlayExample ?? true)
            }
        }
        if let registration = local?.registration ?? national.registration, registration.value > 0 {
            items.append(FeeItem(subject: nil, name: "报名费", amount: registration))
        }
        let total = items.reduce(Fen.zero) { $0 + $1.amount }
        return Fee(total: total, items: items, example: example)
    }
}
