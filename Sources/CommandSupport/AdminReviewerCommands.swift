import ArgumentParser
import Foundation
import Persistence
import Service

/// `admin disable-reviewer --username …`: the reviewer can no longer log in, and every session it holds ends
/// at once (a member of staff who left, a stolen password).
public struct DisableReviewerCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "disable-reviewer", abstract: "Disable a reviewer account and end all of its sessions.")
    }

    @OptionGroup var reviewer: ReviewerAccountOptions<Database>

    public init() {}

    public func run() throws {
        let store = try AdminCommand<Database>.open(reviewer.db, subcommand: "disable-reviewer")
        defer { store.closeConnections() }
        do {
            let ended = try Reviewers.disable(username: reviewer.username, store: store)
            print("reviewer \(reviewer.username) disabled; \(ended) session(s) ended")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}

/// `admin reset-reviewer-password --username … --password-file FILE`: a new password (the first line of FILE,
/// `-` for stdin), the login lock lifted, every session ended. Not an option value: the process list would show
/// it (`--password` is kept for scripts, with a warning).
public struct ResetReviewerPasswordCommand<Database: DatabaseOpening>: ParsableCommand {
    public static var configuration: CommandConfiguration {
        CommandConfiguration(commandName: "reset-reviewer-password",
                             abstract: "Set a reviewer's password (read from a file or stdin) and end all of its sessions.")
    }

    @OptionGroup var reviewer: ReviewerAccountOptions<Database>

    @Option(help: "A file whose first line is the new password (8 characters or more); - reads stdin (the default).")
    var passwordFile: String = "-"

    @Option(help: ArgumentHelp("The new password itself: visible in the process list, for scripts only.", visibility: .hidden))
    var password: String?

    @Option(help: ArgumentHelp("scrypt cost N,r,p of the password hash (default 131072,8,1).", visibility: .hidden))
    var scrypt: String?

    public init() {}

    public func run() throws {
        let command = AdminCommand<Database>.command
        let parameters = try AdminCommand<Database>.scrypt(scrypt)
        let newPassword: String
        if let password {
            FileOutput.standardError.write("\(command): warning: --password is visible in the process list; use --password-file\n")
            newPassword = password
        } else {
            let data = passwordFile == "-" ? FileHandle.standardInput.readDataToEndOfFile() : FileManager.default.contents(atPath: passwordFile)
            guard let data else {
                FileOutput.standardError.write("\(command): cannot read --password-file \(passwordFile)\n")
                throw ExitCodes.ioFailure
            }
            newPassword = String(decoding: data, as: UTF8.self).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        }
        let store = try AdminCommand<Database>.open(reviewer.db, subcommand: "reset-reviewer-password")
        defer { store.closeConnections() }
        do {
            let ended = try Reviewers.resetPassword(username: reviewer.username, password: newPassword, scrypt: parameters, store: store)
            print("reviewer \(reviewer.username): password set; \(ended) session(s) ended")
        } catch let error as Reviewers.AdminError {
            throw ValidationError(error.description)
        }
    }
}

/// The reviewer an operator command acts on, in which database.
public struct ReviewerAccountOptions<Database: DatabaseOpening>: ParsableArguments {
    @Option(help: ArgumentHelp(Database.databaseHelp, valueName: "db"))
    var db: String?

    @Option(help: "Login name of the reviewer.")
    var username: String

    public init() {}
}
