extension MethodRegistry {
    /// Seed manual sections 1–3: registration, login, recovery, registration maintenance, the photo.
    public static let accounts: [RegisteredMethod] = [
        RegisteredMethod(CaptchaIssue.self),
        RegisteredMethod(SMSSend.self),
        RegisteredMethod(AccountRegister.self),
        RegisteredMethod(AccountLogin.self),
        RegisteredMethod(AccountLogout.self),
        RegisteredMethod(AccountProfile.self),
        RegisteredMethod(AccountRecoverByQuestion.self),
        RegisteredMethod(AccountRecoverBySms.self),
        RegisteredMethod(AccountResetPassword.self),
        RegisteredMethod(AccountUpdateRecoveryQuestion.self),
        RegisteredMethod(AccountChangePhone.self),
        RegisteredMethod(AccountUpdateEducation.self),
        RegisteredMethod(AccountChangePassword.self),
        RegisteredMethod(AccountUploadPhoto.self),
    ]
}
