import Eligibility
import FormContent
import FormLayout
import Foundation
import Persistence
import PDFExport
import Vocabulary

/// `application.form` (4.4, 打印报名表): the registration form PDF, base64, once the application is confirmed.
/// The form prints the account's records and the entries of the last save, judged again as they are now,
/// the approved photo, and a QR code whose verification code `baokao verify-form` checks.
public enum ApplicationForm: RPCMethod {
    public static let name = "application.form"
    public static var access: RPCAccess { .read }

    /// The states in which the form can be printed: confirmed, and not refused.
    static let printable: Set<ApplicationState> = [.onlineReview, .onsiteReview, .approved, .paid]

    public typealias Params = ApplicationParams

    public struct Result: RPCResult {
        let number: String
        let pdf: [UInt8]
        let payload: String
        public var json: JSONValue {
            ["applicationNumber": .string(number), "contentType": "application/pdf", "bytes": .int(pdf.count),
             "qr": .string(payload), "pdf": .string(Data(pdf).base64EncodedString())]
        }
    }

    /// `BK2026110000000042`: the year, the province code and the application's row id.
    static func number(_ record: ApplicationRecord) -> String {
        let id = String(record.id ?? 0)
        return "BK\(record.year)\(record.province)" + String(repeating: "0", count: max(0, 6 - id.count)) + id
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        let account = try Sessions.account(token: params.session.token, in: context, touch: false)
        let record = try ApplicationRecord.owned(params.application, by: account, context.tx)
        guard printable.contains(record.current), let stored = record.input else {
            throw DomainError(.formNotAvailable, "报名信息确认后方可打印报名表，当前状态为“\(record.current.chinese)”",
                              ["state": .string(record.state)])
        }
        let photo = try context.tx.fetchOne("SELECT jpeg FROM photo WHERE accountId = ? AND status = 'approved' ORDER BY id DESC LIMIT 1",
                                            account.id)?.bytes("jpeg")
        let form = try registrationForm(record, stored: stored, account: account, photo: photo, in: context)
        do {
            let pdf = try context.configuration.forms.renderer().render(form)
            return Result(number: form.applicationNumber, pdf: pdf, payload: form.qrPayload)
        } catch {
            throw DomainError(.formFailed, "报名表生成失败，请联系考试机构", ["detail": .string("\(error)")])
        }
    }

    /// The form's content as printed now: the account's records and the entries of the last save (`stored`),
    /// judged again, with the QR payload under the service's form key. `review.verifyForm` reads it back.
    static func registrationForm(_ record: ApplicationRecord, stored: String, account: Account, photo: [UInt8]?,
                                 in context: RequestContext) throws -> RegistrationForm {
        let exam = try ExamContext(exam: record.exam, province: record.province, in: context)
        let input = try ApplicationInput.restore(stored, today: context)
        var application = try input.application(record: record, account: account, commitment: record.signed, context.tx)
        application.id = .string(number(record))
        let verifier = FormVerifier(key: context.configuration.formKey ?? FormVerifier.demoKey)
        let builder = FormContentBuilder(evaluator: exam.evaluator, verifier: verifier, printDate: context.today)
        switch builder.form(for: application, photo: photo) {
        case .failure(let failure):
            throw DomainError(.formNotAvailable, "报名信息已不符合报考条件，无法打印报名表，请修改报名信息", ["detail": .string(failure.message)])
        case .success(let form):
            return form
        }
    }
}

/// The form renderer, made on first use: loading and preparing the CJK fonts takes a moment and memory,
/// and a service that never prints should not pay for it.
public final class FormsSource: @unchecked Sendable {
    private let lock = NSLock()
    private var made: Result<FormRenderer, Error>?

    public init() {}

    func renderer() throws -> FormRenderer {
        lock.lock()
        defer { lock.unlock() }
        if made == nil { made = Result { try FormRenderer() } }
        return try made!.get()
    }
}
