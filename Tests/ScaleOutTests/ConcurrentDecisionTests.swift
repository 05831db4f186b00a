import Foundation
import LoopbackTesting
import Service
import Testing

/// Three `baokao-server` instances on one PostgreSQL database, each decision asked of all of them at once: it is
/// taken once, every other caller gets the answer of a request that came second — never `-32603`, never `500`.
/// The suite runs its tests one after another: each starts three servers of its own, and two cores are enough
/// contention.
@Suite(.serialized) struct ConcurrentDecisionTests {
    @Test func fiftyIdenticalPaymentNotificationsOverThreeInstancesPayOnceAndAllAnswer200() async throws {
        try await ScaleOutCluster.with { (cluster) async throws in
            let (token, application) = try await cluster.applicationReadyToConfirm(ClusterCandidate(n: 1))
            let confirmed = try await cluster.result(0, "application.confirm", ["token": .string(token), "application": .int(application)])
            // yijian in Beijing for a verified candidate is approved at once (route auto): payment comes next.
            #expect(confirmed["state"] == "approved", "\(confirmed.serialized)")
            let order = try await cluster.result(1, "payment.create", ["token": .string(token), "application": .int(application)])
            let orderId = try #require(order["orderId"]?.stringValue), amount = try #require(order["amount"]?.intValue)
            let body = #"{"orderId":"\#(orderId)","amount":\#(amount),"transactionId":"GW-SCALE-0001"}"#

            let answers = await inParallel(50) { i in
                await outcome { try await cluster.notifyPayment(i % 3, body: body) }
            }
            var paid = 0, duplicates = 0
            for (i, answer) in answers.enumerated() {
                guard case .success(let answer) = answer else {
                    Issue.record("notification \(i): no answer: \(answer)")
                    continue
                }
                #expect(answer.status == 200, "notification \(i) on instance \(i % 3): HTTP \(answer.status) \(answer.text)")
                guard answer.status == 200, let result = try? JSONParser.parse(answer.body) else { continue }
                #expect(result["paid"] == true && result["orderId"] == .string(orderId))
                if result["duplicate"] == false { paid += 1 } else if result["duplicate"] == true { duplicates += 1 }
            }
            #expect(paid == 1)
            #expect(duplicates == 49)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM payment") == 1)
            #expect(try cluster.strings("SELECT state || ' ' || transactionId AS s FROM payment") == ["paid GW-SCALE-0001"])
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM audit WHERE action = 'application.pay'") == 1)
            #expect(try cluster.strings("SELECT state AS s FROM application WHERE id = ?", application) == ["paid"])
        }
    }

    @Test func theSameIDNumberRegisteredOnAllThreeAtOnceMakesOneAccount() async throws {
        try await ScaleOutCluster.with { (cluster) async throws in
            // Nine people claiming one ID number, each with a username and phone (and its SMS code) of their own,
            // three on each instance, all at once.
            let claimants = (0..<9).map { ClusterCandidate(n: 100 + $0) }
            let idNumber = claimants[0].idNumber
            try cluster.seedRegistrationCodes(claimants)
            let answers = await inParallel(claimants.count) { i in
                await outcome { try await cluster.call(i % 3, "account.register", claimants[i].registration(idNumber: idNumber), id: i) }
            }
            var registered: [String] = []
            for (i, answer) in answers.enumerated() {
                guard case .success(let response) = answer else {
                    Issue.record("registration \(i): no answer: \(answer)")
                    continue
                }
                if response["result"] != nil {
                    registered.append(claimants[i].username)
                } else {
                    #expect(response["error"]?["data"]?["code"] == "id-already-registered", "registration \(i) on instance \(i % 3): \(response.serialized)")
                }
            }
            #expect(registered.count == 1)
            #expect(try cluster.strings("SELECT username AS s FROM account WHERE idNumber = ?", idNumber) == registered)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM account") == 1)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM education") == 1)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM audit WHERE action = 'account.register'") == 1)
            // Each claimant proved a phone, and learnt the ID is taken only by using its code up (AccountRegister).
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM smsCode WHERE usedAt IS NOT NULL") == claimants.count)
        }
    }

    @Test func smsToOnePhoneFromThreeInstancesAtOnceSendsOneAMinute() async throws {
        try await ScaleOutCluster.with { (cluster) async throws in
            let phone = "13612345678"
            // Twelve requests, four on each instance, at once (all from 127.0.0.1: one client, whose limit of ten
            // an hour counts accepted requests only, so the per-phone minute is what refuses them).
            let answers = await inParallel(12) { i in
                await outcome { try await cluster.call(i % 3, "sms.send", ["phone": .string(phone), "purpose": "register"], id: i) }
            }
            var sent = 0
            for (i, answer) in answers.enumerated() {
                guard case .success(let response) = answer else {
                    Issue.record("sms.send \(i): no answer: \(answer)")
                    continue
                }
                if response["result"]?["sent"] == true {
                    sent += 1
                } else {
                    #expect(response["error"]?["data"]?["code"] == "sms-too-soon", "sms.send \(i) on instance \(i % 3): \(response.serialized)")
                }
            }
            #expect(sent == 1)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM smsOutbox WHERE phone = ?", phone) == 1)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM smsCode WHERE phone = ?", phone) == 1)
        }
    }

    @Test func aConfirmationSentTwiceToEachInstanceAtOnceTakesEffectOnce() async throws {
        try await ScaleOutCluster.with { (cluster) async throws in
            let (token, application) = try await cluster.applicationReadyToConfirm(ClusterCandidate(n: 200))
            let params: JSONValue = ["token": .string(token), "application": .int(application)]
            let answers = await inParallel(6) { i in await outcome { try await cluster.call(i % 3, "application.confirm", params, id: i) } }
            var confirmed = 0
            for (i, answer) in answers.enumerated() {
                guard case .success(let response) = answer else {
                    Issue.record("confirm \(i): no answer: \(answer)")
                    continue
                }
                if response["result"] != nil {
                    confirmed += 1
                } else {
                    #expect(response["error"]?["data"]?["code"] == "illegal-transition", "confirm \(i) on instance \(i % 3): \(response.serialized)")
                }
            }
            #expect(confirmed == 1)
            #expect(try cluster.count("SELECT COUNT(*) AS n FROM audit WHERE action = 'application.confirm'") == 1)
            #expect(try cluster.strings("SELECT state AS s FROM application WHERE id = ?", application) == ["approved"])
        }
    }
}
