/// Some of a level's subjects, as bits over their positions in the level (bit 0: its first subject).
/// Every list of subjects a verdict names is such a subset, in the level's order, so tables indexed by
/// the choice hold what verdicts share (subject ids, fees).
public typealias SubjectChoice = Int

extension Level {
    /// Every subject of the level.
    public var allSubjects: SubjectChoice { (1 << subjects.count) - 1 }

    /// The level's subjects (by exam subject index) that satisfy `isIncluded`.
    public func choice(where isIncluded: (Int) -> Bool) -> SubjectChoice {
        var choice = 0
        for (position, subject) in subjects.enumerated() where isIncluded(subject) { choice |= 1 << position }
        return choice
    }

    /// Whether `choice` includes the exam subject `subject`.
    public func includes(_ subject: Int, in choice: SubjectChoice) -> Bool {
        subjects.indices.contains { subjects[$0] == subject && choice & (1 << $0) != 0 }
    }

    /// Levels have at most this many subjects, so that a ``SubjectChoice`` holds any of their subsets.
    public static let maximumSubjects = 32
}
