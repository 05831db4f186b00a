import CommandSupport
import ArgumentParser
import Foundation
import Persistence
import Service

/// `baokao admin release-id --id-type resident-id --id-number … --reason …`: the examination authority's reset
/// of a document registered by someone else (Docs/service.md, "The examination authority's side").
struct ReleaseID: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "release-id",
        abstract: "Close the account holding an ID document so that the document can register again.",
        discussion: """
            For a candidate whose ID number is already registered by someone else, after the authority checked \
            the candidate's papers in person. The old account keeps its history but logs in no more, and its \
            phone is unbound.
            """
    )

    @Option(help: "The SQLite database of `baokao serve`.")
    var db: String = "baokao.sqlite"

    @Option(help: "The ID type: resident-id, passport, … (or its Chinese name).")
    var idType: String = "resident-id"

    @Option(help: "The document number.")
    var idNumber: String

    @Option(help: "Why (for the audit), e.g. the case number of the authority's check.")
    var reason: String

    func run() throws {
        let store: Store
        do { store = try Store(path: db) } catch {
            FileOutput.standardError.write("baokao admin: cannot open database \(db): \(error)\n")
            throw ExitCode(74)
        }
        do {
            let released = try AccountRelease.release(idType: idType, idNumber: idNumber, reason: reason, store: store)
            print("released \(released.maskedIDNumber): account \(released.username) (id \(released.accountID)) closed; the document may register again")
        } catch let error as Reviewers.AdminError {
            FileOutput.standardError.write("baokao admin release-id: \(error.description)\n")
            throw ExitCode(1)
        }
    }
}
