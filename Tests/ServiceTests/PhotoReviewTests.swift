import Foundation
@testable import Service
import TestDatabases
import Testing

/// A reviewer sees the photo it judges (`review.viewPhoto`) and names it by hash in `review.photo`: a
/// decision never lands on a photo uploaded after the reviewer looked.
@Suite struct PhotoReviewTests {
    func upload(_ jpeg: [UInt8], _ j: Journey) throws {
        #expect(jpeg != syntheticJPEG(), "another photo than the one Journey.register uploads")
        let photo: JSONValue = ["token": .string(j.token), "photo": .string(Data(jpeg).base64EncodedString())]
        expectResult(try j.driver.call("account.uploadPhoto", photo.with(try j.driver.captchaFields())))
    }

    static func sha256(_ bytes: [UInt8]) -> String { Secrets.sha256Hex(bytes: bytes) }

    /// Ready for review: registered (photo A uploaded), verified, application started.
    func journey(_ kind: DriverKind) throws -> Journey {
        try Journey.started(try makeApplicationDriver(kind))
    }

    @Test(arguments: DriverKind.allCases) func theReviewerSeesThePhotoAndItsHash(_ kind: DriverKind) throws {
        let j = try journey(kind)
        let reviewer = try j.staffToken("bj-reviewer")
        let viewed = expectResult(try j.driver.call("review.viewPhoto", ["token": .string(reviewer), "application": .int(j.application)]))
        let base64 = try #require(viewed["photo"]?.stringValue)
        let bytes = Array(try #require(Data(base64Encoded: base64)))
        #expect(bytes == syntheticJPEG())
        #expect(viewed["sha256"]?.stringValue == Self.sha256(syntheticJPEG()))
        #expect(viewed["status"] == "pending" && viewed["contentType"] == "image/jpeg" && viewed["width"] == 295 && viewed["height"] == 413)
        #expect(try j.driver.count("SELECT COUNT(*) FROM audit WHERE action = 'review.viewPhoto'") == 1)
        try j.driver.stop()
    }

    /// Upload A, the reviewer fetches A, the candidate uploads B, the reviewer approves A's hash: B is not approved.
    @Test(arguments: DriverKind.allCases) func anOlderDecisionDoesNotApproveANewerUpload(_ kind: DriverKind) throws {
        let j = try journey(kind)
        let photoA = syntheticJPEG(), photoB = syntheticJPEG(bytes: 8000)
        let reviewer = try j.staffToken("bj-reviewer")
        let hashA = try j.photoHash(reviewerToken: reviewer)
        #expect(hashA == Self.sha256(photoA))
        try upload(photoB, j)
        let refused = expectError(try j.driver.call("review.photo", ["token": .string(reviewer), "application": .int(j.application),
                                                                     "decision": "approve", "sha256": .string(hashA)]),
                                  DomainError.Code.photoChanged.number, "photo-changed")
        #expect(refused["data"]?["sha256"]?.stringValue == Self.sha256(photoB))
        #expect(try j.status()["photo"] == "pending")
        #expect(try j.driver.count("SELECT COUNT(*) FROM photo WHERE status = 'approved'") == 0)
        // A rejection of the old picture is refused too: it would tell the candidate their new photo was bad.
        expectDomainError(try j.driver.call("review.photo", ["token": .string(reviewer), "application": .int(j.application),
                                                             "decision": "reject", "reason": "模糊", "sha256": .string(hashA)]), .photoChanged)
        // Looking again and approving what was seen works.
        let hashB = try j.photoHash(reviewerToken: reviewer)
        let approved = expectResult(try j.driver.call("review.photo", ["token": .string(reviewer), "application": .int(j.application),
                                                                       "decision": "approve", "sha256": .string(hashB.uppercased())]))
        #expect(approved["photo"] == "approved" && approved["sha256"]?.stringValue == Self.sha256(photoB))
        #expect(try j.status()["photo"] == "approved")
        try j.driver.stop()
    }

    @Test(arguments: Backend.allCases) func theHashIsRequiredAndChecked(_ backend: Backend) throws {
        let j = try journey(.inProcess(backend))
        let reviewer = try j.staffToken("bj-reviewer")
        let base: JSONValue = ["token": .string(reviewer), "application": .int(j.application), "decision": "approve"]
        expectError(try j.driver.call("review.photo", base), -32602, "missing-field")
        expectError(try j.driver.call("review.photo", base.with(["sha256": "abc"])), -32602, "invalid-field")
        expectDomainError(try j.driver.call("review.photo", base.with(["sha256": .string(String(repeating: "0", count: 64))])), .photoChanged)
    }

    /// Photos are reached only through an application in scope: another province's reviewer, the verifier
    /// and a candidate see nothing.
    @Test(arguments: DriverKind.allCases) func nobodyOutsideTheScopeSeesThePhoto(_ kind: DriverKind) throws {
        let j = try journey(kind)
        let params: JSONValue = ["application": .int(j.application)]
        for staff in ["gd-reviewer", "verifier"] {
            expectDomainError(try j.driver.call("review.viewPhoto", params.with(["token": .string(try j.staffToken(staff))])), .outOfScope)
        }
        expectDomainError(try j.driver.call("review.viewPhoto", params.with(["token": .string(j.token)])), .reviewerSessionInvalid)
        expectDomainError(try j.driver.call("review.viewPhoto", ["token": .string(try j.staffToken("bj-reviewer")), "application": 999]),
                          .applicationNotFound)
        try j.driver.stop()
    }
}
