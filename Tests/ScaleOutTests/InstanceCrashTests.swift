import Foundation
import LoopbackTesting
import Service
import Testing

/// Three instances under a steady load of saves and registrations; one is killed with SIGKILL in the middle of
/// it. A request that got an answer has its whole effect in the database; one that did not has all of it or
/// none; the other instances answer on, and a replacement starts on the same database.
@Suite struct InstanceCrashTests {
    /// What one request of the load was, and what came back (nil: no HTTP answer — the instance died, or was
    /// already dead when the client tried it).
    struct Sent: Sendable {
        let id: Int
        let instance: Int
        let method: String
        let candidate: ClusterCandidate?
        let years: Int?
        let application: Int?
        let response: JSONValue?
        /// Answered after the kill.
        let afterKill: Bool
    }

    static let victim = 2

    @Test func anInstanceKilledUnderLoadLosesNoAnsweredWriteAndHalfAppliesNothing() async throws {
        try await ScaleOutCluster.with { (cluster) async throws in
            // Six candidates saving their applications again and again, six registering ten candidates each; two
            // of each kind per instance to begin with.
            var prepared: [(token: String, application: Int)] = []
            for n in 0..<6 { prepared.append(try await cluster.applicationInEditing(ClusterCandidate(n: 300 + n), on: n % 3)) }
            let savers = prepared
            let registrants = (0..<6).map { c in (0..<10).map { ClusterCandidate(n: 400 + c * 10 + $0) } }
            try cluster.seedRegistrationCodes(registrants.flatMap { $0 })

            let load = LoadState()
            let savesPerClient = 30
            let killer = Task {
                // Once the load is well under way (about a third of it answered), the victim dies mid-flight.
                let deadline = Date().addingTimeInterval(60)
                while load.answered < 40, Date() < deadline { try? await Task.sleep(for: .milliseconds(5)) }
                cluster.instances[InstanceCrashTests.victim].signal(SIGKILL)
                load.markKilled()
            }
            let sent = await inParallel(12) { c -> [Sent] in
                var instance = c % 3
                var log: [Sent] = []
                let isSaver = c < 6
                let count = isSaver ? savesPerClient : registrants[c - 6].count
                for k in 0..<count {
                    // `server-busy` says nothing was done and to send it again: the client does, a few times, each
                    // try with an id of its own (so that the database can show the busy ones had no effect).
                    for attempt in 0..<5 {
                        let id = (c + 1) * 1000 + k + 100_000 * attempt
                        let method = isSaver ? "application.save" : "account.register"
                        let years = isSaver ? 5 + k % 10 : nil
                        let candidate = isSaver ? nil : registrants[c - 6][k]
                        let params = isSaver ? ClusterCandidate.save(token: savers[c].token, application: savers[c].application, years: years!)
                            : candidate!.registration()
                        let response = try? await cluster.call(instance, method, params, id: id)
                        if response != nil { load.answer() }
                        log.append(Sent(id: id, instance: instance, method: method, candidate: candidate, years: years,
                                        application: isSaver ? savers[c].application : nil, response: response, afterKill: load.killed))
                        // No answer: the client's load balancer takes the instance out and goes to the next one.
                        if response == nil, instance == InstanceCrashTests.victim { instance = (instance + 1) % 3 }
                        guard response?["error"]?["data"]?["code"] == "server-busy" else { break }
                        try? await Task.sleep(for: .milliseconds(50))
                    }
                }
                return log
            }.flatMap { $0 }
            await killer.value
            #expect(load.killed)
            #expect(await cluster.instances[InstanceCrashTests.victim].waitForExit())

            let answered = sent.filter { $0.response != nil }
            let unanswered = sent.filter { $0.response == nil }
            // The kill came under load: requests to the victim went unanswered, and the others answered after it.
            #expect(unanswered.allSatisfy { $0.instance == InstanceCrashTests.victim })
            #expect(!unanswered.isEmpty)
            #expect(answered.contains { $0.afterKill && $0.instance != InstanceCrashTests.victim })
            let busy = answered.filter { $0.response?["error"]?["data"]?["code"] == "server-busy" }
            for request in answered where request.response?["result"] == nil {
                #expect(busy.contains { $0.id == request.id }, "\(request.method) \(request.id) on instance \(request.instance): \(request.response!.serialized)")
            }

            // Every answered write is in the database: its audit row by request id, and its rows.
            let audited = Set(try cluster.strings("SELECT requestId AS s FROM audit WHERE requestId IS NOT NULL"))
            for request in answered where request.response?["result"] != nil {
                #expect(audited.contains(String(request.id)), "\(request.method) \(request.id) answered but not audited")
            }
            // A busy answer did nothing.
            for request in busy { #expect(!audited.contains(String(request.id)), "\(request.method) \(request.id) answered server-busy, yet audited") }
            // A candidate has an account exactly when one of its tries took effect (answered or not): all or nothing.
            let accounts = Set(try cluster.strings("SELECT username AS s FROM account"))
            for candidate in registrants.flatMap({ $0 }) {
                let tries = sent.filter { $0.candidate?.username == candidate.username }
                #expect(accounts.contains(candidate.username) == tries.contains { audited.contains(String($0.id)) },
                        "registration of \(candidate.username) half applied")
            }
            // Nothing half-applied anywhere: every account has its education record, its used SMS code, its audit row.
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM account a WHERE (SELECT COUNT(*) FROM education e WHERE e.accountId = a.id) <> 1") == 0)
            let registered = try cluster.count("SELECT COUNT(*) AS n FROM account")
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM audit WHERE action = 'account.register'") == registered)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM smsCode WHERE usedAt IS NOT NULL") == registered)
            // No audit row that no request of ours asked for, and none twice (a retried write applied once).
            let loadAudits = try cluster.strings("SELECT requestId AS s FROM audit WHERE requestId IS NOT NULL").filter { (Int($0) ?? 0) >= 1000 }
            #expect(Set(loadAudits).isSubset(of: Set(sent.map { String($0.id) })))
            #expect(loadAudits.count == Set(loadAudits).count)
            // Each application holds the last save that took effect (answered, or unanswered and audited).
            for saver in savers {
                let effective = sent.filter { $0.application == saver.application && audited.contains(String($0.id)) }
                let last = try #require(effective.last) // one client's requests, in the order it sent them
                let input = try JSONParser.parse(Array(try #require(try cluster.strings("SELECT input AS s FROM application WHERE id = ?", saver.application).first).utf8))
                #expect(input["relevantWorkYears"]?.intValue == last.years, "application \(saver.application): \(input.serialized), last save \(last.id)")
            }
            // The victim's connections are gone with it: no transaction of it is left open on the server.
            #expect(try await eventually { try cluster.count("SELECT COUNT(*) AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'") == 0 })

            // A replacement starts on the same database and takes requests.
            let replacement = try await cluster.startInstance(9)
            let response = try await LoopbackClient.post(port: replacement.port, "/rpc", (["jsonrpc": "2.0", "id": 1, "method": "application.save",
                                                                                          "params": ClusterCandidate.save(token: savers[0].token, application: savers[0].application)] as JSONValue).serialized)
            #expect(try JSONParser.parse(response.body)["result"]?["state"] == "saved", "\(response.text)")
            await replacement.stop()
        }
    }

    /// Polls `condition` every 100 ms for at most `seconds`.
    private func eventually(within seconds: TimeInterval = 10, _ condition: () throws -> Bool) async throws -> Bool {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if try condition() { return true }
            try await Task.sleep(for: .milliseconds(100))
        }
        return try condition()
    }
}

/// The load's shared counters: answers so far, and whether the victim was killed.
final class LoadState: @unchecked Sendable {
    private let lock = NSLock()
    private var answers = 0
    private var wasKilled = false
    var answered: Int { lock.withLock { answers } }
    var killed: Bool { lock.withLock { wasKilled } }
    func answer() { lock.withLock { answers += 1 } }
    func markKilled() { lock.withLock { wasKilled = true } }
}
