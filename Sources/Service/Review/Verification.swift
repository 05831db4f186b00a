import Foundation
import Vocabulary
import Persistence

/// `verification.update`: what the national verification service reports for a candidate's records —
/// `identity`, `education: [{record, verification}]`, `degrees: [...]` (`verified`, `failed`, `manual`,
/// `pending`) and `integrityRecord` (失信) — called with a `verifier` token. The account is named by its
/// `username` or by `idType` + `idNumber` + `name` (how the national service knows a person).
public enum VerificationUpdate: RPCMethod {
    public static let name = "verification.update"
    static let states = ["verified", "failed", "manual", "pending"]

    public struct Params: RPCParams {
        let token: String
        let username: String?
        let idNumber: String?
        let personName: String?
        let identity: String?
        let education: [(Int, String)]
        let degrees: [(Int, String)]
        let integrityRecord: Bool?
        public init(from params: ParamReader) throws(RPCError) {
            token = try params.string("token")
            username = try params.optionalString("username")
            idNumber = try params.optionalString("idNumber")
            personName = try params.optionalString("name")
            if username == nil, idNumber == nil {
                throw .invalidParams(field: "username", code: "missing-field", message: "须给出username或idNumber")
            }
            identity = try params.optionalString("identity") == nil ? nil : try params.choice("identity", states)
            var education: [(Int, String)] = []
            for item in try params.objects("education") { education.append((try item.int("record"), try item.choice("verification", states))) }
            self.education = education
            var degrees: [(Int, String)] = []
            for item in try params.objects("degrees") { degrees.append((try item.int("record"), try item.choice("verification", states))) }
            self.degrees = degrees
            integrityRecord = try params.optionalBool("integrityRecord")
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let reviewer = try ReviewerSessions.reviewer(token: params.token, in: context)
        try reviewer.requireRole("verifier")
        let tx = context.tx
        var account: Account?
        if let username = params.username {
            account = try Account.find(username: username, tx)
        } else if let idNumber = params.idNumber {
            var arguments: [StoreValue] = [.text(idNumber)]
            if let name = params.personName { arguments.append(.text(name)) }
            account = try tx.fetchOne("SELECT * FROM account WHERE upper(idNumber) = upper(?)" + (params.personName == nil ? "" : " AND name = ?")
                                      + " ORDER BY id LIMIT 1", arguments).map(Account.init(row:))
        }
        guard var account else { throw DomainError(.accountNotFound, "没有该考生") }
        for (kind, items) in [(QualificationKind.education, params.education), (.degree, params.degrees)] {
            for (position, _) in items where try tx.fetchCount("SELECT COUNT(*) FROM \(kind.rawValue) WHERE accountId = ? AND position = ?",
                                                               account.id, position) == 0 {
                throw RPCError.invalidParams(field: kind == .education ? "education" : "degrees", code: "record-unknown",
                                             message: "该考生没有第\(position + 1)条\(kind == .education ? "学历" : "学位")记录")
            }
        }
        if let identity = params.identity { account.identityVerification = identity }
        if let integrity = params.integrityRecord { account.integrityRecord = integrity }
        account.updatedAt = context.now
        try account.update(tx)
        for (kind, items) in [(QualificationKind.education, params.education), (.degree, params.degrees)] {
            for (position, state) in items {
                try tx.execute("UPDATE \(kind.rawValue) SET verification = ? WHERE accountId = ? AND position = ?",
                               state, account.id, position)
            }
        }
        try context.audit("verification.update", subject: account.subject, detail: [
            "identity": params.identity.map(JSONValue.string) ?? .null,
            "education": .array(params.education.map { ["record": .int($0.0), "verification": .string($0.1)] }),
            "degrees": .array(params.degrees.map { ["record": .int($0.0), "verification": .string($0.1)] }),
            "integrityRecord": params.integrityRecord.map(JSONValue.bool) ?? .null,
        ])
        return Result(json: ["identityVerification": .string(account.identityVerification), "integrityRecord": .bool(account.integrityRecord),
                             "education": try Qualification.list(.education, accountID: account.id!, tx),
                             "degrees": try Qualification.list(.degree, accountID: account.id!, tx)])
    }
}
