import Foundation
import Persistence

/// `account.profile`: the logged-in candidate's registration data (ID number masked), records and photo
/// state — what the registration-maintenance page (figure 3-2) shows. A read transaction; the session's idle
/// clock is refreshed after it, at most once a minute.
public enum AccountProfile: RPCMethod {
    public static let name = "account.profile"
    public static var access: RPCAccess { .read }
    public typealias Params = SessionParams

    public struct Result: RPCResult {
        let account: Account
        let education: JSONValue
        let degrees: JSONValue
        let photo: JSONValue
        public var json: JSONValue {
            guard case .object(var object) = AccountProfile.summary(account) else { return .null }
            object["email"] = .string(account.email)
            object["phone"] = account.maskedPhone.map(JSONValue.string) ?? .null
            object["recoveryQuestion"] = .string(account.recoveryQuestion)
            object["identityVerification"] = .string(account.identityVerification)
            object["education"] = education
            object["degrees"] = degrees
            object["photo"] = photo
            return .object(object)
        }
    }

    public static func perform(_ params: SessionParams, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context)
        let photo = try context.tx.fetchOne("SELECT status, reason, uploadedAt FROM photo WHERE accountId = ? ORDER BY id DESC LIMIT 1",
                                            account.id)
        var photoJSON: JSONValue = ["status": "missing"]
        if let photo {
            photoJSON = ["status": .string(try photo.string("status")), "reason": try photo.optionalString("reason").map(JSONValue.string) ?? .null,
                         "uploadedAt": .string(ServiceLog.timestamp(try photo.date("uploadedAt")))]
        }
        return Result(account: account, education: try Qualification.list(.education, accountID: account.id!, context.tx),
                      degrees: try Qualification.list(.degree, accountID: account.id!, context.tx), photo: photoJSON)
    }

    static func summary(_ account: Account) -> JSONValue {
        ["username": .string(account.username), "name": .string(account.name), "idType": .string(account.idType),
         "idNumber": .string(account.maskedIDNumber)]
    }
}
