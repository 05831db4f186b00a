import Foundation
import Persistence
@testable import Service
import TestDatabases
import Testing

/// The same candidate's requests racing on two writers of one database — an application is confirmed once and
/// paid once. On SQLite, two `baokao serve` processes (one write transaction per request, `BEGIN IMMEDIATE`);
/// on PostgreSQL, two instances (`SERIALIZABLE`, retried; the payment's conditional update).
@Suite struct ApplicationConcurrencyTests {
    /// Three candidates, each with an application saved, signed and its photo approved: confirmation is next.
    static func readyToConfirm(_ driver: any ServiceDriver) throws -> [Journey] {
        try Journey.staff(driver)
        var journeys: [Journey] = []
        for n in 0..<3 {
            var candidate = Candidate.numbered(20 + n)
            candidate.username = "racer\(n)"
            let j = Journey(driver, candidate)
            try j.register()
            try j.verify()
            try j.start()
            expectResult(try j.save())
            expectResult(try j.call("application.sign", ["action": "sign"]))
            try j.approvePhoto()
            journeys.append(j)
        }
        return journeys
    }

    /// Each journey's confirmation, payment order and payment notification, each sent by both writers at once
    /// (`race` gives the two answers); then every effect is counted once.
    static func raceEach(_ journeys: [Journey], store: () throws -> any ServiceStore, _ race: (_ method: String, _ params: JSONValue) throws -> [JSONValue]) throws {
        for j in journeys {
            let confirms = try race("application.confirm", ["token": .string(j.token), "application": .int(j.application)])
            #expect(confirms.filter { $0["result"]?["state"] == "approved" }.count == 1, "\(confirms.map(\.serialized))")
            #expect(confirms.filter { $0["error"]?["data"]?["code"] == "illegal-transition" }.count == 1)
            let orders = try race("payment.create", ["token": .string(j.token), "application": .int(j.application)])
            let orderIds = Set(orders.compactMap { $0["result"]?["orderId"]?.stringValue })
            #expect(orderIds.count == 1, "\(orders.map(\.serialized))")
            let notifications = try race("payment.notify", Journey.notification(orderId: try #require(orderIds.first), amount: 24200))
            #expect(notifications.compactMap { $0["result"]?["duplicate"]?.boolValue }.sorted { !$0 && $1 } == [false, true],
                    "\(notifications.map(\.serialized))")
        }
        let counts = try store().read { tx in
            try ["SELECT COUNT(*) FROM audit WHERE action = 'application.confirm'", "SELECT COUNT(*) FROM audit WHERE action = 'application.pay'",
                 "SELECT COUNT(*) FROM payment", "SELECT COUNT(*) FROM application WHERE state = 'paid'"].map { try tx.fetchCount($0) }
        }
        #expect(counts == [3, 3, 3, 3])
    }

    @Test func racingServeProcessesConfirmAndPayOnce() throws {
        let driver = try PipeDriver(start: applicationStart, extra: ["--rules", EligibilityMethodTests.fixtureRules.path, "--payment-key", testPaymentKey])
        let journeys = try Self.readyToConfirm(driver)
        try driver.stop()
        let arguments = PipeDriver.arguments(db: driver.dbPath, log: "/dev/null", captcha: false, clock: applicationStart.addingTimeInterval(600))
            + driver.extra
        try Self.raceEach(journeys, store: { driver.store }) { method, params in
            let one = try ServeProcess(arguments: arguments), two = try ServeProcess(arguments: arguments)
            let line = (["jsonrpc": "2.0", "id": 1, "method": .string(method), "params": params] as JSONValue).serialized
            try one.send(line)
            try two.send(line)
            let answers = [try JSONParser.parse(try #require(try one.readLine())), try JSONParser.parse(try #require(try two.readLine()))]
            #expect(try one.finish() == 0 && two.finish() == 0)
            return answers
        }
    }

    /// Two instances on one PostgreSQL database, each with its connections of its own, sent the same request at
    /// once from two threads.
    @Test func racingInstancesOnPostgreSQLConfirmAndPayOnce() throws {
        let driver = try #require(try makeApplicationDriver(.inProcess(.postgres)) as? InProcessDriver)
        let journeys = try Self.readyToConfirm(driver)
        let instances = [driver.service, BaokaoService(store: try driver.database.open(), configuration: driver.service.configuration, clock: driver.clock)]
        try Self.raceEach(journeys, store: { driver.store }) { method, params in
            onThreads(2) { i in instances[i].call(method, params, id: .int(i + 1)) }
        }
    }
}
