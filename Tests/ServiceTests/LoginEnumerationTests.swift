import Foundation
@testable import Service
import TestDatabases
import Testing

/// `account.login` tells nobody whether a username exists (issue #13), and the password hashes carry their
/// parameters so that the production cost can be raised (N = 2^17) with old hashes remade at the next login.
@Suite struct LoginEnumerationTests {
    /// Every answer to five wrong passwords, for a registered username and for one that does not exist, is the
    /// same — `remainingAttempts` 4…1, then `account-locked` — and each costs exactly one hash.
    @Test(arguments: Backend.allCases) func knownAndUnknownUsernamesAnswerAlikeAndCostOneHashEach(_ backend: Backend) throws {
        // Parameters no other test uses, so the derivation count is this test's alone.
        let parameters = ScryptParameters(rounds: 32, blockSize: 3)
        let driver = try InProcessDriver(backend) { $0.scrypt = parameters }
        let candidate = Candidate()
        expectResult(try driver.register(candidate))
        func attempt(_ username: String) -> (answer: JSONValue, hashes: Int) {
            let before = Secrets.derivations.count(parameters)
            let response = driver.service.call("account.login", ["username": .string(username), "password": "Wrong12345"])
            return (response["error"] ?? .null, Secrets.derivations.count(parameters) - before)
        }
        for round in 1...6 {
            let known = attempt(candidate.username), unknown = attempt("nobody\(candidate.username)")
            #expect(known.answer == unknown.answer, "round \(round): \(known.answer.serialized) vs \(unknown.answer.serialized)")
            #expect(known.hashes == 1 && unknown.hashes == 1, "round \(round): \(known.hashes) vs \(unknown.hashes) hashes")
            if round < 5 {
                #expect(known.answer["data"]?["remainingAttempts"] == .int(5 - round))
            } else {
                #expect(known.answer["data"]?["code"] == "account-locked")
            }
        }
        // The lock of the unknown name lapses like an account's.
        driver.advance(by: 15 * 60 + 1)
        #expect(attempt("nobody\(candidate.username)").answer["data"]?["remainingAttempts"] == 4)
        expectResult(try driver.call("account.login", candidate.login))
    }

    @Test func productionHashesUseScryptAtTwoToTheSeventeen() {
        #expect(ScryptParameters.production == ScryptParameters(rounds: 1 << 17, blockSize: 8, parallelism: 1))
    }

    /// A hash made with the former production cost (N = 2^15) still logs in, and is remade with N = 2^17.
    @Test(arguments: Backend.allCases) func formerProductionHashLogsInAndIsUpgraded(_ backend: Backend) throws {
        let driver = try InProcessDriver(backend) { $0.scrypt = .production }
        let former = ScryptParameters(rounds: 1 << 15)
        try driver.store.write { tx in
            _ = try tx.execute("""
                INSERT INTO account (username, passwordHash, name, idType, idNumber, email, phone, recoveryQuestion, recoveryAnswerHash, createdAt, updatedAt)
                VALUES ('laozhanghao', ?, '张三', 'resident-id', ?, 'z@example.com', '13900000001', '问题', ?, ?, ?)
                """, try Secrets.hashPassword("Former2024", parameters: former), residentID(sequence: 7),
                           try Secrets.hashPassword("x", parameters: .fast), scenarioStart, scenarioStart)
        }
        expectResult(try driver.call("account.login", ["username": "laozhanghao", "password": "Former2024"]))
        let hash = try driver.strings("SELECT passwordHash FROM account").first ?? ""
        #expect(hash.hasPrefix("scrypt$131072$8$1$"))
        #expect(Secrets.verifyPassword("Former2024", against: hash))
    }
}
