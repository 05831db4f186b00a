import FormLayout
import Foundation
import Persistence

/// What an audit point compares with a paper form: the key fields the form was printed with, looked up by
/// the payload of its QR code.
///
/// The QR code's MAC covers only the application number and a 40-bit digest of the key fields, so a genuine
/// QR copied onto an edited paper still checks. Reading the fields back from the record closes that: the
/// reviewer sees the name, ID number, exam, level and subjects the record holds and compares them with the
/// paper. `matchesRecord` says whether the record still prints exactly the fields the code was issued for
/// (false: the candidate changed the application since, and this paper is an older version).
///
/// Who may ask: a reviewer (role `reviewer`) whose scope holds the application, through `review.verifyForm`,
/// and the operator on the database (`baokao verify-form --db`). Not anonymous callers: a photo of anyone's
/// form would then yield masked personal data, and a caller could probe which application numbers exist.
/// Name and ID number are masked even for reviewers: comparing needs only a part of each.
public enum FormCheck {
    /// For the operator (`baokao verify-form --db`): every province, no session; read-only.
    public static func keyFields(payload: String, service: BaokaoService) -> Result<JSONValue, RPCError> {
        do {
            return .success(try service.store.read { tx in
                let context = RequestContext(tx: tx, now: service.clock.now(), configuration: service.configuration, requestID: nil)
                return try keyFields(payload: payload, reviewer: nil, in: context)
            })
        } catch let refusal as DomainError {
            return .failure(refusal.rpcError)
        } catch let error as RPCError {
            return .failure(error)
        } catch {
            return .failure(.internalError)
        }
    }

    /// The fields for `payload`; with a reviewer, only within its scope.
    static func keyFields(payload: String, reviewer: Reviewer?, in context: RequestContext) throws -> JSONValue {
        let verifier = FormVerifier(key: context.configuration.formKey ?? FormVerifier.demoKey)
        let number: String
        switch verifier.verify(payload.trimmingCharacters(in: .whitespacesAndNewlines)) {
        case .malformed:
            throw DomainError(.formNotGenuine, "不是报名表二维码的内容", ["reason": "malformed"])
        case .forged:
            throw DomainError(.formNotGenuine, "报名表校验码不符：二维码被改动，或非本系统签发", ["reason": "forged"])
        case .genuine(let applicationNumber):
            number = applicationNumber
        }
        guard let id = applicationID(number), let record = try ApplicationRecord.find(id: id, context.tx),
              ApplicationForm.number(record) == number else {
            throw DomainError(.applicationNotFound, "报名记录不存在", ["applicationNumber": .string(number)])
        }
        try reviewer?.requireScope(record)
        guard let account = try Account.find(id: record.accountId, context.tx) else {
            throw DomainError(.applicationNotFound, "报名记录不存在", ["applicationNumber": .string(number)])
        }
        var answer: [String: JSONValue] = ["genuine": true, "applicationNumber": .string(number), "state": .string(record.state)]
        guard let stored = record.input else {
            answer["printed"] = .null
            answer["matchesRecord"] = false
            return .object(answer)
        }
        let form: RegistrationForm
        do {
            form = try ApplicationForm.registrationForm(record, stored: stored, account: account, photo: nil, in: context)
        } catch let refusal as DomainError where refusal.code == .formNotAvailable {
            answer["printed"] = .null
            answer["matchesRecord"] = false
            answer["detail"] = .string(refusal.message)
            return .object(answer)
        }
        answer["matchesRecord"] = .bool(verifier.verify(payload, matches: form))
        answer["printed"] = [
            "name": .string(maskedName(form.name)), "idType": .string(form.idType), "idNumber": .string(account.maskedIDNumber),
            "exam": .string(form.examName), "year": .int(form.year), "level": .string(form.level), "specialty": .string(form.specialty),
            "subjects": .array(form.subjects.map(JSONValue.string)), "exempted": .array(form.exempted.map(JSONValue.string)),
            "province": .string(form.province), "city": .string(form.city), "auditPoint": .string(form.auditPoint),
            "route": .string(form.route), "fee": .int(Int(form.feeTotal.value)),
        ]
        return .object(answer)
    }

    /// `BK2026110000000042` → 42: the year, the province code, then the row id (`ApplicationForm.number`).
    static func applicationID(_ number: String) -> Int64? {
        let digits = number.utf8.dropFirst(2)
        guard number.hasPrefix("BK"), digits.count >= 16, digits.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int64(String(number.dropFirst(12)))
    }

    /// `王*沛`: the first and last characters (a two-character name keeps only the first). A character written
    /// in brackets because fonts lack it (`王晓[沛]`) counts as one.
    static func maskedName(_ name: String) -> String {
        var units: [String] = []
        var bracket: String?
        for character in name {
            if var open = bracket {
                open.append(character)
                bracket = character == "]" ? nil : open
                if character == "]" { units.append(open) }
            } else if character == "[" {
                bracket = "["
            } else {
                units.append(String(character))
            }
        }
        if let unclosed = bracket { units.append(unclosed) }
        switch units.count {
        case 0, 1: return name
        case 2: return units[0] + "*"
        default: return units[0] + String(repeating: "*", count: units.count - 2) + units[units.count - 1]
        }
    }
}

/// `review.verifyForm`: a reviewer at an audit point reads a paper form's QR code and gets back the key
/// fields the record prints (masked name and ID number, exam, level, subjects …) to compare with the paper.
/// Only for applications in the reviewer's scope; each lookup is audited.
public enum ReviewVerifyForm: RPCMethod {
    public static let name = "review.verifyForm"

    public struct Params: RPCParams {
        let token: String
        let payload: String
        public init(from params: ParamReader) throws(RPCError) {
            token = try params.string("token")
            payload = try params.text("payload", maximumLength: 200)
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let reviewer = try ReviewerSessions.reviewer(token: params.token, in: context)
        try reviewer.requireRole("reviewer")
        let fields = try FormCheck.keyFields(payload: params.payload, reviewer: reviewer, in: context)
        try context.audit("review.verifyForm", subject: fields["applicationNumber"]?.stringValue.map { "application:\($0)" },
                          detail: ["matchesRecord": fields["matchesRecord"] ?? .null])
        return Result(json: fields)
    }
}
