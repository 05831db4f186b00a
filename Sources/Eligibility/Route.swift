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
    func route(_ c: Case, deciding: Int?, provisional: Bool, exempted: Bool) -> (Route, RouteReason) {
        if !c.exam.commitment { return (.onsiteReview, .noCommitmentScheme(exam: c.exam.name)) }
        if c.integrityRecord { return (.onsiteReview, .integrityRecord) }
        if !c.commitment { return (.onsiteReview, .commitmentNotSigned) }
        if exempted, c.overlay?.exemptionsOnSite == true {
            return (.onsiteReview, .exemptionsOnSite(province: c.overlay!.province.name))
        }
        if provisional { return (.onlineReview, .majorNotInCatalog) }
        if c.identityVerification != .verified {
            return (.onlineReview, .identity(c.identityVerification))
        }
        let online = rules.onlineVerification
        if let index = deciding ?? decidingRecord(c), index < c.education.count {
            let (verification, graduated) = (c.education[index].verification, c.education[index].graduated)  // not the record: its strings
            if verification != .verified { return (.onlineReview, .education(record: index, verification)) }
            if let graduated, graduated < online.educationFrom {
                return (.onlineReview, .educationBeforeOnlineRange(record: index, fromYear: online.educationFrom.year))
            }
        }
        for (i, d) in c.degrees.enumerated() {
            if d.verification != .verified { return (.onlineReview, .degree(record: i, d.verification)) }
            if let awarded = d.awarded, awarded < online.degreeFrom {
                return (.onlineReview, .degreeBeforeOnlineRange(record: i, from: online.degreeFrom))
            }
        }
        return (.auto, .allVerified)
    }

    /// The education record the verdict rests on: the deciding one, else the highest.
    func decidingRecord(_ c: Case) -> Int? {
        c.education.indices.max { c.education[$0].level < c.education[$1].level }
    }
}
