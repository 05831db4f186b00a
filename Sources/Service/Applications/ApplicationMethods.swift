extension MethodRegistry {
    /// Seed manual section 4: from choosing an exam to payment.
    public static let applications: [RegisteredMethod] = [
        RegisteredMethod(ExamList.self),
        RegisteredMethod(ApplicationStart.self),
        RegisteredMethod(ApplicationAcceptNotice.self),
        RegisteredMethod(ApplicationSave.self),
        RegisteredMethod(ApplicationSign.self),
        RegisteredMethod(ApplicationUploadProof.self),
        RegisteredMethod(ApplicationConfirm.self),
        RegisteredMethod(ApplicationStatus.self),
        RegisteredMethod(ApplicationForm.self),
        RegisteredMethod(ApplicationReopen.self),
        RegisteredMethod(PaymentCreate.self),
        RegisteredMethod(PaymentNotify.self),
    ]

    /// The examination authority's side: reviewer login, verification results, photo and application review.
    public static let review: [RegisteredMethod] = [
        RegisteredMethod(ReviewLogin.self),
        RegisteredMethod(ReviewLogout.self),
        RegisteredMethod(ReviewViewPhoto.self),
        RegisteredMethod(ReviewVerifyForm.self),
        RegisteredMethod(VerificationUpdate.self),
        RegisteredMethod(ReviewPhoto.self),
        RegisteredMethod(ReviewQueue.self),
        RegisteredMethod(ReviewDecide.self),
    ]
}
