import Foundation
import Vocabulary

/// The states of an application (seed manual section 4) and the actions that move between them.
///
/// One table says which action is allowed in which state, so a refusal can always name the current state
/// and what may come next, and no method can move an application along a path the manual does not have.
enum ApplicationState: String, CaseIterable {
    /// Started (4.1): the 告知承诺制告知书 is to be accepted.
    case commitmentNotice = "commitment-notice"
    /// The 报考须知 is to be accepted.
    case examNotice = "exam-notice"
    /// 填写报考信息 (4.2): nothing saved yet, or reopened (4.6).
    case editing
    /// Saved; the 报考承诺书 is to be signed (or, for 失信, the second confirmation given).
    case saved
    /// Signed (submitted); 报名信息确认 (4.4) comes next, after the photo is approved.
    case submitted
    /// Confirmed and locked, waiting for the authority's online review (4.5).
    case onlineReview = "online-review"
    /// Confirmed and locked, waiting for the check at the audit point (4.5).
    case onsiteReview = "onsite-review"
    case approved
    case rejected
    /// Paid (4.7): final.
    case paid
    /// 放弃报名: final until `application.start` takes the exam up again.
    case abandoned

    var chinese: String {
        switch self {
        case .commitmentNotice: "阅读告知承诺制告知书"
        case .examNotice: "阅读报考须知"
        case .editing: "填写报考信息"
        case .saved: "已保存，未提交"
        case .submitted: "已提交，待报名信息确认"
        case .onlineReview: "已确认，等待管理机构线上核验"
        case .onsiteReview: "已确认，待到审核点现场核验"
        case .approved: "审核通过，待缴费"
        case .rejected: "资格核验不通过"
        case .paid: "已缴费，报名完成"
        case .abandoned: "已放弃报名"
        }
    }
}

/// What a candidate or reviewer asks of an application; the wire names are those of `allowed` in refusals.
enum ApplicationAction: String, CaseIterable {
    case acceptCommitmentNotice = "accept-commitment-notice"
    case acceptExamNotice = "accept-exam-notice"
    case abandon
    case save
    case sign
    case signLater = "sign-later"
    case acknowledgeIntegrity = "acknowledge-integrity"
    case uploadProof = "upload-proof"
    case confirm
    case reopen
    case review
    case pay

    /// The states in which the action is allowed.
    var from: Set<ApplicationState> {
        switch self {
        case .acceptCommitmentNotice: [.commitmentNotice]
        case .acceptExamNotice: [.examNotice]
        case .abandon: [.commitmentNotice, .examNotice, .editing, .saved, .submitted]
        case .save: [.editing, .saved, .submitted]
        case .sign, .signLater, .acknowledgeIntegrity: [.saved]
        case .uploadProof: [.editing, .saved, .submitted, .rejected, .onlineReview]
        case .confirm: [.submitted]
        // 4.6: before approval and payment only.
        case .reopen: [.submitted, .onlineReview, .onsiteReview, .rejected]
        case .review: [.onlineReview, .onsiteReview]
        case .pay: [.approved]
        }
    }

    static func allowed(in state: ApplicationState) -> [String] {
        allCases.filter { $0.from.contains(state) }.map(\.rawValue)
    }

    /// Refuses with the current state and the allowed next steps unless the action is allowed in `state`.
    func check(_ state: ApplicationState) throws {
        guard from.contains(state) else {
            throw DomainError(.illegalTransition, "当前状态为“\(state.chinese)”，不能进行此操作",
                              ["state": .string(state.rawValue), "action": .string(rawValue),
                               "allowed": .array(ApplicationAction.allowed(in: state).map(JSONValue.string))])
        }
    }
}
