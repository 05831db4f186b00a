import ArgumentParser

/// The exit codes of INTERFACE.md.
enum ExitCodes {
    /// The input was read but something in it is wrong (a rule error; an ineligible verdict is not one).
    static let inputWrong = ExitCode(1)
    /// Bad usage (argument-parser uses it too).
    static let usage = ExitCode(64)
    /// Unreadable input data.
    static let unreadableInput = ExitCode(65)
    /// An I/O failure.
    static let ioFailure = ExitCode(74)
}
