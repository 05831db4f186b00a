import Foundation
import Persistence

/// The candidate's latest photo, as a reviewer reaches it: through an application in the reviewer's scope.
struct PhotoUnderReview {
    let id: Int64
    let sha256: String
    let status: String
    let width: Int
    let height: Int
    let uploadedAt: Date

    static func latest(of record: ApplicationRecord, _ tx: any StoreTransaction) throws -> (PhotoUnderReview, Data) {
        guard let row = try tx.fetchOne("SELECT id, sha256, status, width, height, uploadedAt, jpeg FROM photo WHERE accountId = ? ORDER BY id DESC LIMIT 1",
                                        record.accountId) else {
            throw DomainError(.photoMissing, "考生尚未上传照片")
        }
        let photo = PhotoUnderReview(id: try row.int64("id"), sha256: try row.string("sha256"), status: try row.string("status"),
                                     width: try row.int("width"), height: try row.int("height"), uploadedAt: try row.date("uploadedAt"))
        return (photo, Data(try row.bytes("jpeg")))
    }
}

/// `review.viewPhoto`: the photo a reviewer is to judge — the JPEG (base64) and its SHA-256, which
/// `review.photo` must name. Each view is audited: a photo is personal data.
public enum ReviewViewPhoto: RPCMethod {
    public static let name = "review.viewPhoto"

    public struct Params: RPCParams {
        let token: String
        let application: Int
        public init(from params: ParamReader) throws(RPCError) {
            token = try params.string("token")
            application = try params.int("application")
        }
    }

    public struct Result: RPCResult {
        let photo: PhotoUnderReview
        let jpeg: Data
        public var json: JSONValue {
            ["sha256": .string(photo.sha256), "status": .string(photo.status), "contentType": "image/jpeg", "bytes": .int(jpeg.count),
             "width": .int(photo.width), "height": .int(photo.height), "uploadedAt": .string(ServiceLog.timestamp(photo.uploadedAt)),
             "photo": .string(jpeg.base64EncodedString())]
        }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let (_, record) = try scoped(params.token, params.application, in: context)
        let (photo, jpeg) = try PhotoUnderReview.latest(of: record, context.tx)
        try context.audit("review.viewPhoto", subject: "account:\(record.accountId)",
                          detail: ["application": .int(Int(record.id!)), "sha256": .string(photo.sha256)])
        return Result(photo: photo, jpeg: jpeg)
    }
}

/// `review.photo` (4.4: confirmation waits for it): approve the photo the reviewer has seen, named by its
/// `sha256` (from `review.viewPhoto`), or reject it with a reason the candidate sees. When the candidate has
/// uploaded another photo since, the decision is refused (`photo-changed`): a decision applies to the
/// picture it was taken on, never to whatever was uploaded last.
public enum ReviewPhoto: RPCMethod {
    public static let name = "review.photo"

    public struct Params: RPCParams {
        let decision: ReviewDecisionParams
        let sha256: String
        public init(from params: ParamReader) throws(RPCError) {
            decision = try ReviewDecisionParams(from: params)
            let hash = try params.string("sha256").lowercased()
            guard hash.utf8.count == 64, hash.utf8.allSatisfy({ (0x30...0x39).contains($0) || (0x61...0x66).contains($0) }) else {
                throw .invalidParams(field: "sha256", code: "invalid-field", message: "sha256应为review.viewPhoto返回的64位十六进制摘要")
            }
            sha256 = hash
        }
    }

    public struct Result: RPCResult {
        let status: String
        let sha256: String
        public var json: JSONValue { ["photo": .string(status), "sha256": .string(sha256)] }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let (_, record) = try scoped(params.decision.token, params.decision.application, in: context)
        let (photo, _) = try PhotoUnderReview.latest(of: record, context.tx)
        guard photo.sha256 == params.sha256 else {
            throw DomainError(.photoChanged, "考生已更换照片，请重新查看照片后再审核", ["sha256": .string(photo.sha256)])
        }
        let decision = params.decision.decision
        let status = decision.approve ? "approved" : "rejected"
        try context.tx.execute("UPDATE photo SET status = ?, reason = ?, reviewedAt = ? WHERE id = ?",
                               status, decision.reason, context.now, photo.id)
        if let reason = decision.reason, !decision.approve {
            try record.note("photo-rejected", "照片审核未通过：\(reason)", in: context)
        }
        try context.audit("review.photo", subject: "account:\(record.accountId)",
                          detail: ["application": .int(Int(record.id!)), "status": .string(status), "sha256": .string(photo.sha256),
                                   "reason": decision.reason.map(JSONValue.string) ?? .null])
        return Result(status: status, sha256: photo.sha256)
    }
}
