import Rules
import Vocabulary

extension Evaluator {
    /// The verification route (seed manual 4.5) and why.
    ///
    /// - on site: the exam does not use the commitment (告知承诺制), the candidate has an integrity record
    ///   (失信) or declined the commitment, or the province verifies exemptions on site;
    /// - online review: a record the decision rests on is not verified online (pending, failed, manual, or
    ///   older than the online range), or the major is outside the catalogue;
    /// - auto: everything verified, commitment signed, no integrity record.
    func route(_ c: Case, deciding: Int?, provisional: Bool, exempted: Bool) -> (Route, String) {
        if !c.exam.commitment { return (.onsiteReview, "\(c.exam.name)不实行告知承诺制，须现场核查") }
        if c.integrityRecord { return (.onsiteReview, "诚信档案库中有记录，不适用告知承诺制，须现场核查") }
        if !c.commitment { return (.onsiteReview, "未签署报考承诺书，须现场核查") }
        if exempted, c.overlay?.exemptionsOnSite == true {
            return (.onsiteReview, "\(c.overlay!.province.name)规定免考人员须现场核查")
        }
        if provisional { return (.onlineReview, "所学专业不在专业目录中，须人工核查") }
        if c.identityVerification != .verified {
            return (.onlineReview, "身份信息\(c.identityVerification.chinese)，须上传证明材料人工核查")
        }
        let online = rules.onlineVerification
        if let index = deciding ?? decidingRecord(c), index < c.education.count {
            let e = c.education[index]
            if e.verification != .verified { return (.onlineReview, "第\(index + 1)条学历\(e.verification.chinese)，须上传证明材料人工核查") }
            if let graduated = e.graduated, graduated < online.educationFrom {
                return (.onlineReview, "第\(index + 1)条学历毕业于\(online.educationFrom.year)年以前，不在网上核验范围，须人工核查")
            }
        }
        for (i, d) in c.degrees.enumerated() {
            if d.verification != .verified { return (.onlineReview, "第\(i + 1)条学位\(d.verification.chinese)，须上传证明材料人工核查") }
            if let awarded = d.awarded, awarded < online.degreeFrom {
                return (.onlineReview, "第\(i + 1)条学位授予于\(online.degreeFrom.chinese)以前，不在网上核验范围，须人工核查")
            }
        }
        return (.auto, "身份、学历、学位均已网上核验，已签署报考承诺书")
    }

    /// The education record the verdict rests on: the deciding one, else the highest.
    func decidingRecord(_ c: Case) -> Int? {
        c.education.indices.max { c.education[$0].level < c.education[$1].level }
    }

    /// Per subject to sit, from the province overlay's table, else the exam's default; plus a registration fee.
    func fee(_ c: Case, sit: [Int]) -> Fee {
        let exam = c.exam
        let local = c.overlay?.fees
        var items: [FeeItem] = []
        var example = false
        for subject in sit {
            let kind = exam.subjects[subject].kind
            if let amount = local?.amount(subject: subject, kind: kind) {
                items.append(FeeItem(subject: exam.subjects[subject].id, name: exam.subjects[subject].name, amount: amount))
                example = example || local!.example
            } else if let amount = exam.fees.amount(subject: subject, kind: kind) {
                items.append(FeeItem(subject: exam.subjects[subject].id, name: exam.subjects[subject].name, amount: amount))
                example = example || exam.fees.example || c.overlay == nil || c.overlay!.example
            }
        }
        if let registration = local?.registration ?? exam.fees.registration, registration.value > 0 {
            items.append(FeeItem(subject: nil, name: "报名费", amount: registration))
        }
        let total = items.reduce(Fen.zero) { $0 + $1.amount }
        return Fee(total: total, items: items, example: example)
    }
}
