import FormLayout
import Foundation
import Persistence

/// `account.uploadPhoto` (seed manual 4.1): the candidate's 1-inch photo, base64, with a captcha.
///
/// The bytes decide, not a file name: a JPEG (SOI marker, a frame header giving the size), 295×413 pixels,
/// at most 100 KB (both in `PhotoRules`). The photo then awaits review (`review.photo`, issue #7); a new
/// upload replaces the one under review, and a reviewer's decision names the photo by its SHA-256.
public enum AccountUploadPhoto: RPCMethod {
    public static let name = "account.uploadPhoto"

    public struct Params: RPCParams {
        let session: SessionToken
        let photo: [UInt8]
        let captcha: Captcha
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            let text = try params.string("photo")
            guard let data = Data(base64Encoded: text, options: .ignoreUnknownCharacters) else {
                throw .invalidParams(field: "photo", code: "base64", message: "照片应为base64编码的JPEG文件")
            }
            photo = Array(data)
            captcha = try Captcha(from: params)
        }
    }

    public struct Result: RPCResult {
        public var json: JSONValue { ["status": "pending", "message": "照片已上传，等待审核"] }
    }

    public static func captcha(_ params: Params) -> Captcha? { params.captcha }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let rules = context.configuration.photo
        guard params.photo.count <= rules.maximumBytes else {
            throw DomainError(.photoTooLarge, "照片文件过大：\(params.photo.count / 1024) KB，不能超过\(rules.maximumBytes / 1024) KB",
                              ["bytes": .int(params.photo.count), "maximumBytes": .int(rules.maximumBytes)])
        }
        // The form's own JPEG reader decides: a photo accepted here is one the registration form can print.
        let size: JPEGImage
        do {
            size = try JPEGImage(bytes: params.photo)
        } catch {
            throw DomainError(.photoNotJPEG, "照片须为完整的JPG格式（JPEG，RGB或灰度）文件", ["reason": .string(error.description)])
        }
        guard size.width == rules.width, size.height == rules.height else {
            throw DomainError(.photoWrongSize, "照片尺寸应为\(rules.width)×\(rules.height)像素（宽×高），上传的是\(size.width)×\(size.height)",
                              ["width": .int(size.width), "height": .int(size.height)])
        }
        let digest = Secrets.sha256Hex(bytes: params.photo)
        try context.tx.execute("DELETE FROM photo WHERE accountId = ? AND status = 'pending'", account.id)
        try context.tx.execute("""
            INSERT INTO photo (accountId, jpeg, sha256, width, height, status, uploadedAt) VALUES (?, ?, ?, ?, ?, 'pending', ?)
            """, account.id, params.photo, digest, size.width, size.height, context.now)
        try context.audit("account.uploadPhoto", subject: account.subject, detail: ["sha256": .string(digest), "bytes": .int(params.photo.count)])
        return Result()
    }
}

/// The candidate's photos as the rest of the service asks about them.
enum Photos {
    /// The state of the account's latest photo (`pending`, `approved`, `rejected`); nil when there is none.
    static func latestStatus(accountID: Int64?, _ tx: any StoreTransaction) throws -> String? {
        try tx.fetchString("SELECT status FROM photo WHERE accountId = ? ORDER BY id DESC LIMIT 1", accountID)
    }
}
