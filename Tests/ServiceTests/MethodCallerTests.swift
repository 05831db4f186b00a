import Foundation
@testable import Service
import TestDatabases
import Testing

/// The caller and error columns of the published API against the running service: each method is called
/// with its description's example params by a stranger — the example tokens name no session in a fresh
/// database, the example signature is not the gateway's. A method for candidates must answer
/// `session-invalid`, one for staff `reviewer-session-invalid`, the gateway's `payment-signature-invalid`; an
/// anonymous method must not ask for a session; and whatever domain error comes back must be one the
/// description lists.
@Suite struct MethodCallerTests {
    @Test(arguments: Backend.allCases) func aStrangerGetsTheRefusalOfTheDescribedCaller(_ backend: Backend) throws {
        let driver = try makeApplicationDriver(.inProcess(backend))
        for d in MethodCatalog.all {
            let response = try driver.call(d.name, d.exampleParams)
            let answered = response["error"]?["data"]?["code"]?.stringValue.flatMap(DomainError.Code.init(rawValue:))
            if let answered {
                #expect(d.errors.contains(answered), "\(d.name) answered \(answered.rawValue), which its description does not list")
            }
            switch d.caller {
            case .candidate: #expect(answered == .sessionInvalid, "\(d.name): \(response.serialized.prefix(300))")
            case .reviewer, .verifier, .staff: #expect(answered == .reviewerSessionInvalid, "\(d.name): \(response.serialized.prefix(300))")
            case .paymentGateway: #expect(answered == .paymentSignatureInvalid, "\(d.name): \(response.serialized.prefix(300))")
            case .anonymous:
                #expect(answered != .sessionInvalid && answered != .reviewerSessionInvalid, "\(d.name): \(response.serialized.prefix(300))")
                #expect(response["error"] == nil || answered != nil, "\(d.name): not a domain answer: \(response.serialized.prefix(300))")
            }
        }
    }
}
