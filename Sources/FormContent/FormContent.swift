import Eligibility
import FormLayout
import Rules
import Vocabulary

/// An application and its verdict become the content of its registration form (报名表).
///
/// The bridge between the eligibility stage and the form stage: the layout knows nothing of rules, the
/// evaluator nothing of forms. Only an eligible application gets a form — the registration system prints
/// one after the application is confirmed, never for a refused one.
public struct FormContentBuilder: Sendable {
    public let evaluator: Evaluator
    public let verifier: FormVerifier
    /// The date printed on the form; the caller decides it, so the same input can give the same bytes.
    public let printDate: CalendarDate

    public init(evaluator: Evaluator, verifier: FormVerifier, printDate: CalendarDate) {
        self.evaluator = evaluator
        self.verifier = verifier
        self.printDate = printDate
    }

    public enum Failure: Error, Sendable {
        /// The application could not be evaluated (the field and why).
        case application(ApplicationError)
        /// The application was evaluated and is not eligible: no form is printed.
        case notEligible(Verdict)

        public var message: String {
            switch self {
            case .application(let error): "\(error.path): \(error.message) [\(error.code)]"
            case .notEligible(let verdict):
                "not eligible, no form is printed: " + verdict.reasons.map { "\($0.message) [\($0.code)]" }.joined(separator: "；")
            }
        }
    }

    /// The form of `application`, with its verification code in the QR payload.
    public func form(for application: Application, photo: [UInt8]?) -> Result<RegistrationForm, Failure> {
        let c: Case
        do { c = try evaluator.prepare(application) } catch { return .failure(.application(error)) }
        let verdict = evaluator.decide(c)
        guard verdict.eligible else { return .failure(.notEligible(verdict)) }
        let exam = c.exam
        let candidate = application.candidate
        let number: String
        switch application.id {
        case .string(let s)?: number = s
        case .number(let n)?: number = n
        case nil: number = "DRAFT"
        }
        let subjectName = { (id: String) in exam.subject(id).map { exam.subjects[$0].name } ?? id }
        var form = RegistrationForm(
            applicationNumber: number, examName: exam.name, year: c.year,
            name: c.name?.value ?? candidate.name ?? "",
            gender: c.identity?.gender?.chinese ?? candidate.gender ?? "",
            birthDate: c.identity?.birthDate?.chinese ?? "",
            ethnicGroup: candidate.ethnicGroup.flatMap { try? EthnicGroup($0).name } ?? candidate.ethnicGroup ?? "",
            idType: c.identity?.type.chinese ?? "",
            idNumber: c.identity?.number ?? "",
            phone: candidate.phone.flatMap { try? MobileNumber($0).value } ?? candidate.phone ?? "",
            email: candidate.email.flatMap { try? EmailAddress($0).value } ?? candidate.email ?? "",
            workUnit: candidate.workUnit ?? "",
            education: c.education.map {
                RegistrationForm.Education(level: $0.level.chinese, school: $0.school ?? "", major: $0.major ?? "",
                                           graduated: $0.graduated?.chinese ?? "")
            },
            degrees: c.degrees.enumerated().map { i, degree in
                let major = candidate.degrees[i].major.map { "（\($0)）" } ?? ""
                return degree.level.chinese + major
            },
            relevantWorkYears: c.relevantWork.chinese(cutoff: c.cutoff),
            level: exam.levels[c.level].name,
            specialty: c.specialty.map { exam.specialties[$0].name } ?? "",
            subjects: verdict.subjects.map(subjectName),
            exempted: verdict.exempted.map(subjectName),
            province: c.province?.region.name ?? "",
            city: c.city?.name ?? "",
            auditPoint: c.auditPoint.map { c.province!.auditPoints[$0].name } ?? "",
            route: verdict.route?.chinese ?? "",
            feeTotal: verdict.fee?.total ?? .zero,
            feeItems: (verdict.fee?.items ?? []).map { RegistrationForm.FeeItem(subject: $0.name, amount: $0.amount) },
            printDate: printDate.chinese,
            photoJPEG: photo)
        form.qrPayload = verifier.payload(for: form)
        return .success(form)
    }
}
