import ArgumentParser

/// The exit codes of INTERFACE.md.
public enum ExitCodes {
    /// The input was read but something in it is wrong (a rule error; an ineligible verdict is not one).
    public static let inputWrong = ExitCode(1)
    /// Bad usage (argument-parser uses it too).
    public static let usage = ExitCode(64)
    /// Unreadable input data.
    public static let unreadableInput = ExitCode(65)
    /// An I/O failure.
    public static let ioFailure = ExitCode(74)
}
