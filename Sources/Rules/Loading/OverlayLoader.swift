internal import Yams
import Vocabulary

/// Reads `exams/<id>/provinces/<code>.yaml`: what one province states for one exam beyond the national
/// rules — windows, fees, which audit points take the exam, local conditions and verification policy.
struct OverlayLoader {
    let exam: ExamLoader
    let province: ProvinceRules?
    /// The exam's own fees, which apply where the province states none.
    let nationalFees: FeeTable

    var r: NodeReader { exam.r }

    func read(_ root: Node, expectedCode: String) -> ExamProvinceOverlay? {
        guard let f = r.fields(root, "an exam's province overlay",
                               allowed: ["province", "basis", "confidence", "example", "note", "registration", "payment", "fees",
                                         "auditPoints", "exemptionsOnSite", "conditions"],
                               required: ["province"]) else { return nil }
        guard let node = f["province"], let key = r.string(node, "province") else { return nil }
        guard let region = try? RegionTable.current.province(key), region.code < "710000" else {
            r.report(.unknownProvince, at: node, "\"\(key)\" is not one of the 31 mainland provinces",
                     hint: Suggestion.hint(for: key, among: RegionTable.current.mainlandProvinces.map(\.name)))
            return nil
        }
        if region.code != expectedCode {
            r.report(.fileMismatch, at: node, "this file is named \(expectedCode).yaml but declares \(region.description)",
                     hint: "rename the file to \(region.code).yaml, or correct `province`")
        }
        guard let province else {
            r.report(.missingFile, at: node, "\(region.description) has no provinces/\(region.code).yaml with its authority and audit points",
                     hint: "add Rules/provinces/\(region.code).yaml")
            return nil
        }
        var points: [Int]?
        if let list = f["auditPoints"] {
            points = (r.list(list, "auditPoints") ?? []).compactMap { item in
                guard let id = r.string(item, "an audit point") else { return nil }
                if let index = province.auditPoint(id) { return index }
                r.report(.unknownAuditPoint, at: item, "audit point \"\(id)\" is not defined in provinces/\(region.code).yaml",
                         hint: Suggestion.hint(for: id, among: province.auditPoints.map(\.id)))
                return nil
            }
        }
        let example = f["example"].flatMap { r.bool($0, "example") } ?? false
        let fees = f["fees"].flatMap { exam.readFees($0, what: "fees") }
        return ExamProvinceOverlay(
            province: region,
            registration: f["registration"].flatMap { window($0, "registration") },
            payment: f["payment"].flatMap { window($0, "payment") },
            fees: fees,
            auditPoints: points,
            exemptionsOnSite: f["exemptionsOnSite"].flatMap { r.bool($0, "exemptionsOnSite") } ?? false,
            extraConditions: f["conditions"].map {
                exam.readConditions($0, section: "conditions", ruleIDPrefix: "\(exam.examID)/provinces/\(region.code)")
            } ?? [],
            example: example,
            citation: exam.citation(f, at: root),
            feeSchedule: FeeSchedule(subjects: exam.subjects, levels: exam.levels, national: nationalFees, local: fees, overlayExample: example))
    }

    func window(_ node: Node, _ what: String) -> DateWindow? {
        guard let f = r.fields(node, what, allowed: ["from", "until"], required: ["from", "until"]),
              let from = f["from"].flatMap({ r.date($0, "\(what).from") }),
              let until = f["until"].flatMap({ r.date($0, "\(what).until") }) else { return nil }
        guard from <= until else {
            r.report(.emptyPeriod, at: node, "\(what) window from \(from) until \(until) is empty", hint: "swap the dates")
            return nil
        }
        return DateWindow(from: from, until: until)
    }
}
