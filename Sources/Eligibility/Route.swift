import Rules
import Vocabulary

extension Evaluator {
    /// The verification route (seed manual 4.5) and why.
    ///
    /// - on site: the exam does not use the commitment (告知承诺制), the candidate has an integrity record
    ///   (失信) or declined the commitment, or the province verifies exemptions on site;
    /// - online review: a record the decision rests on is not verified online (pending, failed, manual, or
    ///   older than the online range), the major is outside the catalogue, or a qualification the verdict
    ///   needs may be a certificate or title the catalogue does not know (`doubt`);
    /// - auto: everything verified, commitment signed, no integrity record.
    func route(_ c: Case, deciding: Int?, doubt: RouteReason?, exempted: Bool) -> (Route, RouteReason) {
        if !c.exam.commitment { return (.onsiteReview, .noCommitmentScheme(exam: c.exam.name)) }
        if c.integrityRecord { return (.onsiteReview, .integrityRecord) }
        if !c.commitment { return (.onsiteReview, .commitmentNotSigned) }
        if exempted, c.overlay?.exemptionsOnSite == true {
            return (.onsiteReview, .exemptionsOnSite(province: c.overlay!.province.name))
        }
        if let doubt { return (.onlineReview, doubt) }
        if c.identityVerification != .verified {
            return (.onlineReview, .identity(c.identityVerification))
        }
        let online = rules.onlineVerification
        // On the records' cores, held in the case, whose dates are order keys.
        if let index = deciding ?? decidingRecord(c), index < c.educationCores.count {
            let record = c.educationCores[index]
            if record.verification != .verified { return (.onlineReview, .education(record: index, record.verification)) }
            if record.graduated < online.educationFrom.orderKey {
                return (.onlineReview, .educationBeforeOnlineRange(record: index, fromYear: online.educationFrom.year))
            }
        }
        for (i, d) in c.degreeCores.enumerated() {
            if d.verification != .verified { return (.onlineReview, .degree(record: i, d.verification)) }
            if d.awarded < online.degreeFrom.orderKey {
                return (.onlineReview, .degreeBeforeOnlineRange(record: i, from: online.degreeFrom))
            }
        }
        return (.auto, .allVerified)
    }

    /// The education record the verdict rests on: the deciding one, else the highest.
    func decidingRecord(_ c: Case) -> Int? {
        let records = c.educationCores
        return records.indices.max { records[$0].level < records[$1].level }
    }
}
