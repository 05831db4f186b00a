/// One file's diagnostics, at most `limit` of them kept: the first by position, then one summary line
/// saying how many more there were.
///
/// A broken or hostile file can hold hundreds of thousands of mistakes (200,000 unknown keys); nobody reads
/// past the first hundred, and keeping them all cost 842 MB. The list keeps at most `2 × limit` while it
/// grows and trims back to the `limit` first by position, so time stays linear in the number of reports
/// and memory bounded by the limit. A dropped error still counts: the summary is an error when one was.
struct DiagnosticList {
    static let defaultLimit = 100

    let file: String
    let limit: Int
    private var kept: [Diagnostic] = []
    /// The last kept diagnostic once the list is full: anything not before it is dropped at once.
    private var cutoff: Diagnostic?
    private var dropped = 0
    private var droppedError = false
    private var firstDropped: SourceLocation?

    init(file: String, limit: Int = DiagnosticList.defaultLimit) {
        self.file = file
        self.limit = max(1, limit)
    }

    /// The order diagnostics are shown in: by position, then by code.
    static func precedes(_ a: Diagnostic, _ b: Diagnostic) -> Bool {
        (a.location, a.code.rawValue) < (b.location, b.code.rawValue)
    }

    /// False (and counted as dropped) when a diagnostic of this code and place would not be shown, so the
    /// caller need not build its message.
    mutating func keeps(_ code: DiagnosticCode, at location: SourceLocation, severity: Diagnostic.Severity) -> Bool {
        guard let cutoff, (cutoff.location, cutoff.code.rawValue) <= (location, code.rawValue) else { return true }
        drop(severity: severity, at: location)
        return false
    }

    mutating func append(_ diagnostic: Diagnostic) {
        if let cutoff, !DiagnosticList.precedes(diagnostic, cutoff) {
            drop(severity: diagnostic.severity, at: diagnostic.location)
            return
        }
        kept.append(diagnostic)
        if kept.count >= 2 * limit { trim() }
    }

    /// The kept diagnostics by position, then the summary of the dropped ones, if any.
    var all: [Diagnostic] {
        var list = self
        list.trim()
        guard list.dropped > 0 else { return list.kept }
        let summary = Diagnostic(list.droppedError ? .error : .warning, .tooManyDiagnostics,
                                 at: list.firstDropped ?? SourceLocation(file: file, line: 1, column: 1),
                                 "\(list.dropped) more diagnostic(s) in this file not shown (only the first \(list.limit) are)",
                                 hint: "fix the ones above and run `baokao check` again")
        return list.kept + [summary]
    }

    private mutating func trim() {
        kept.sort(by: DiagnosticList.precedes)
        guard kept.count > limit else { return }
        for diagnostic in kept[limit...] { drop(severity: diagnostic.severity, at: diagnostic.location) }
        kept.removeSubrange(limit...)
        cutoff = kept.last
    }

    private mutating func drop(severity: Diagnostic.Severity, at location: SourceLocation) {
        dropped += 1
        if severity == .error { droppedError = true }
        if firstDropped.map({ location < $0 }) ?? true { firstDropped = location }
    }
}
