import Foundation
import TestDatabases
import Testing
import Persistence
import Service

/// The service itself on each store: a candidate's first steps (SMS code, registration, login, profile, a
/// second registration of the same document refused) through `BaokaoService`, whose SQL is the same for both.
@Suite struct ServiceJourneyTests {
    @Test(arguments: Backend.allCases)
    func aCandidateRegistersLogsInAndReadsTheProfile(_ backend: Backend) throws {
        try withFreshStore(backend) { store in
            var configuration = ServiceConfiguration()
            configuration.captchaEnabled = false
            configuration.scrypt = .fast
            let service = BaokaoService(store: store, configuration: configuration)
            func result(_ method: String, _ params: JSONValue) -> JSONValue? {
                let response = service.call(method, params)
                #expect(response["error"] == nil, "\(method) on \(backend): \(response)")
                return response["result"]
            }
            func code(to phone: String) throws -> String {
                _ = result("sms.send", ["phone": .string(phone), "purpose": "register"])
                let message = try store.read { db in
                    try db.fetchOne("SELECT message FROM smsOutbox WHERE phone = ? ORDER BY id DESC LIMIT 1", phone)?.string("message")
                }
                let text = try #require(message, "no SMS to \(phone)")
                return String(try #require(text.split(whereSeparator: { !$0.isNumber }).first { $0.count == 6 }, "no code in \(text)"))
            }
            func registration(_ username: String, _ phone: String, _ code: String) -> JSONValue {
                let education: JSONValue = [["level": "bachelor", "major": "土木工程", "school": "清华大学", "graduated": "2012-07-01", "fullTime": true]]
                let degrees: JSONValue = [["level": "学士", "major": "土木工程", "school": "清华大学", "awarded": "2012-07"]]
                let identity: [String: JSONValue] = ["name": "王晓[沛]", "idType": "resident-id", "idNumber": "11010519491231002X",
                                                     "education": education, "degrees": degrees]
                return .object(identity.merging([
                    "agreementAccepted": true, "noticeAccepted": true, "username": .string(username), "password": "Kaoshi2026",
                    "email": "wxp@example.com", "phone": .string(phone), "smsCode": .string(code),
                    "recoveryQuestion": "您小学的校名是？", "recoveryAnswer": "Xinhua Primary", "confirmation": .object(identity),
                ]) { old, _ in old })
            }
            _ = result("account.register", registration("wangxiaopei", "13800138000", try code(to: "13800138000")))
            let token = try #require(result("account.login", ["username": "WangXiaoPei", "password": "Kaoshi2026"])?["token"]?.stringValue)
            let profile = result("account.profile", ["token": .string(token)])
            #expect(profile?["username"]?.stringValue == "wangxiaopei")
            // The same document again, another username and phone: refused by the one-registration rule.
            let again = service.call("account.register", registration("another", "13900139000", try code(to: "13900139000")))
            #expect(again["error"]?["data"]?["code"]?.stringValue == "id-already-registered", "\(again)")
        }
    }
}
