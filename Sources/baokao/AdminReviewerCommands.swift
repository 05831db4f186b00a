import CommandSupport
import ArgumentParser
import Foundation
import Persistence
import Service

/// `baokao admin disable-reviewer --username …`: the reviewer can no longer log in, and every session it
/// holds ends at once (a member of staff who left, a stolen password).
struct DisableReviewer: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable-reviewer",
        abstract: "Disable a reviewer account and end all of its sessions."
    )

    @OptionGroup var reviewer: ReviewerAccountOptions

    func run() throws {
        let store = try AdminDatabase.open(reviewer.db)
        do {
            let ended = try Reviewers.disable(username: reviewer.username, store: store)
            print("reviewer \(reviewer.username) disabled; \(ended) session(s) ended")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}

/// `baokao admin reset-reviewer-password --username … --password-file FILE`: a new password (the first line
/// of FILE, `-` for stdin), the login lock lifted, every session ended. Not an option value: the process
/// list would show it (`--password` is kept for scripts, with a warning).
struct ResetReviewerPassword: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reset-reviewer-password",
        abstract: "Set a reviewer's password (read from a file or stdin) and end all of its sessions."
    )

    @OptionGroup var reviewer: ReviewerAccountOptions

    @Option(help: "A file whose first line is the new password (8 characters or more); - reads stdin (the default).")
    var passwordFile: String = "-"

    @Option(help: ArgumentHelp("The new password itself: visible in the process list, for scripts only.", visibility: .hidden))
    var password: String?

    @Option(help: ArgumentHelp("scrypt cost N,r,p of the password hash (default 32768,8,1).", visibility: .hidden))
    var scrypt: String?

    func run() throws {
        let parameters = try AdminDatabase.scrypt(scrypt)
        let newPassword: String
        if let password {
            FileOutput.standardError.write("baokao admin: warning: --password is visible in the process list; use --password-file\n")
            newPassword = password
        } else {
            let data = passwordFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: passwordFile)
            guard let data else {
                FileOutput.standardError.write("baokao admin: cannot read --password-file \(passwordFile)\n")
                throw ExitCodes.ioFailure
            }
            newPassword = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        let store = try AdminDatabase.open(reviewer.db)
        do {
            let ended = try Reviewers.resetPassword(username: reviewer.username, password: newPassword, scrypt: parameters, store: store)
            print("reviewer \(reviewer.username): password set; \(ended) session(s) ended")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}

/// The reviewer an operator command acts on, in which database.
struct ReviewerAccountOptions: ParsableArguments {
    @Option(help: "The SQLite database of `baokao serve`.")
    var db: String = "baokao.sqlite"

    @Option(help: "Login name of the reviewer.")
    var username: String
}

/// What the operator commands share: the database, opened or an I/O failure; the hidden scrypt option.
enum AdminDatabase {
    static func open(_ path: String) throws -> Store {
        do { return try Store(path: path) } catch {
            FileOutput.standardError.write("baokao admin: cannot open database \(path): \(error)\n")
            throw ExitCodes.ioFailure
        }
    }

    static func scrypt(_ text: String?) throws -> ScryptParameters {
        guard let text else { return .production }
        let parts = text.split(separator: ",").compactMap { Int($0) }
        guard parts.count == 3, parts[0] > 1, parts[0] & (parts[0] - 1) == 0, parts[1] > 0, parts[2] > 0 else {
            throw ValidationError("--scrypt wants N,r,p with N a power of two, e.g. 32768,8,1")
        }
        return ScryptParameters(rounds: parts[0], blockSize: parts[1], parallelism: parts[2])
    }
}
