import Foundation
import GRDB
@testable import Service
import Testing

/// Two `baokao serve` processes on one database, the same candidate's requests racing: one write
/// transaction per request (`BEGIN IMMEDIATE`) serialises them, so an application is confirmed once and
/// paid once.
@Suite struct ApplicationConcurrencyTests {
    @Test func racingConfirmationsAndPaymentsTakeEffectOnce() throws {
        let driver = try PipeDriver(start: applicationStart, extra: ["--rules", EligibilityMethodTests.fixtureRules.path, "--payment-key", testPaymentKey])
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
        try driver.stop()
        let arguments = PipeDriver.arguments(db: driver.dbPath, log: "/dev/null", captcha: false, clock: applicationStart.addingTimeInterval(600))
            + driver.extra
        func race(_ request: JSONValue) throws -> [JSONValue] {
            let one = try ServeProcess(arguments: arguments), two = try ServeProcess(arguments: arguments)
            let line = (["jsonrpc": "2.0", "id": 1, "method": request["method"]!, "params": request["params"]!] as JSONValue).serialized
            try one.send(line)
            try two.send(line)
            let answers = [try JSONParser.parse(try #require(try one.readLine())), try JSONParser.parse(try #require(try two.readLine()))]
            #expect(try one.finish() == 0 && two.finish() == 0)
            return answers
        }
        for j in journeys {
            let confirms = try race(["method": "application.confirm", "params": ["token": .string(j.token), "application": .int(j.application)]])
            #expect(confirms.filter { $0["result"]?["state"] == "approved" }.count == 1, "\(confirms.map(\.serialized))")
            #expect(confirms.filter { $0["error"]?["data"]?["code"] == "illegal-transition" }.count == 1)
            let orders = try race(["method": "payment.create", "params": ["token": .string(j.token), "application": .int(j.application)]])
            let orderIds = Set(orders.compactMap { $0["result"]?["orderId"]?.stringValue })
            #expect(orderIds.count == 1)
            let notifications = try race(["method": "payment.notify", "params": Journey.notification(orderId: try #require(orderIds.first), amount: 24200)])
            #expect(notifications.compactMap { $0["result"]?["duplicate"]?.boolValue }.sorted { !$0 && $1 } == [false, true])
        }
        let reader = try DatabaseQueue(path: driver.dbPath)
        let counts = try reader.read { db in
            try ["SELECT COUNT(*) FROM audit WHERE action = 'application.confirm'", "SELECT COUNT(*) FROM audit WHERE action = 'application.pay'",
                 "SELECT COUNT(*) FROM payment", "SELECT COUNT(*) FROM application WHERE state = 'paid'"].map { try Int.fetchOne(db, sql: $0) ?? 0 }
        }
        #expect(counts == [3, 3, 3, 3])
    }
}
