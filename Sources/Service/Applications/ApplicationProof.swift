import FormLayout
import Crypto
import Foundation
import Vocabulary
import Persistence

/// `application.uploadProof` (4.3): proof of an identity, education or degree record that the national
/// service cannot verify online — a PDF or a JPEG, decided by the bytes (`%PDF-`, or a JPEG's SOI marker),
/// at most `proofMaximumBytes`. Allowed until the application is decided.
public enum ApplicationUploadProof: RPCMethod {
    public static let name = "application.uploadProof"

    public struct Params: RPCParams {
        let session: SessionToken
        let application: Int
        let kind: String
        let record: Int?
        let file: [UInt8]
        public init(from params: ParamReader) throws(RPCError) {
            session = try SessionToken(from: params)
            application = try params.int("application")
            kind = try params.choice("kind", ["identity", "education", "degree", "other"])
            record = try params.optionalInt("record")
            guard let data = Data(base64Encoded: try params.string("file"), options: .ignoreUnknownCharacters) else {
                throw .invalidParams(field: "file", code: "base64", message: "证明材料应为base64编码的PDF或JPG文件")
            }
            file = Array(data)
        }
    }

    public struct Result: RPCResult {
        let mimeType: String
        let count: Int
        public var json: JSONValue { ["uploaded": true, "mimeType": .string(mimeType), "proofs": .int(count)] }
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        try ApplicationAction.uploadProof.check(record.current)
        let limit = context.configuration.proofMaximumBytes
        guard params.file.count <= limit else {
            throw DomainError(.proofTooLarge, "证明材料过大：\(params.file.count / 1024) KB，不能超过\(limit / 1024) KB",
                              ["bytes": .int(params.file.count), "maximumBytes": .int(limit)])
        }
        guard let mimeType = sniff(params.file) else {
            throw DomainError(.proofNotAccepted, "证明材料须为PDF或JPG格式文件")
        }
        let digest = Secrets.hex(SHA256.hash(data: params.file))
        try context.tx.execute("""
            INSERT INTO proof (applicationId, kind, record, mimeType, bytes, sha256, uploadedAt) VALUES (?, ?, ?, ?, ?, ?, ?)
            """, record.id, params.kind, params.record, mimeType, params.file, digest, context.now)
        try context.audit("application.upload-proof", subject: record.subject,
                          detail: ["kind": .string(params.kind), "mimeType": .string(mimeType), "sha256": .string(digest)])
        let count = try context.tx.fetchCount("SELECT COUNT(*) FROM proof WHERE applicationId = ?", record.id)
        return Result(mimeType: mimeType, count: count)
    }

    /// `application/pdf` for `%PDF-`, `image/jpeg` for a complete JPEG (the form's reader); nil otherwise.
    static func sniff(_ bytes: [UInt8]) -> String? {
        if bytes.starts(with: Array("%PDF-".utf8)) { return "application/pdf" }
        if (try? JPEGImage(bytes: bytes)) != nil { return "image/jpeg" }
        return nil
    }
}
