import Foundation
import Crypto
internal import Yams
import Vocabulary

/// Loads and checks every file under a rule folder.
///
/// ```
/// Rules/
///   verification.yaml            which records the national service verifies online
///   catalogs/undergraduate.yaml  本科 majors: 门类 → 专业类 → 专业
///   catalogs/vocational.yaml     高职专科 majors: 大类 → 专业类 → 专业
///   catalogs/groups.yaml         named groups (工程类, 工学门类, 药学类 …)
///   catalogs/qualifications.yaml certificates and titles, with their levels, grades and variants
///   provinces/<code>.yaml        each province's authority, cities and audit points
///   exams/<id>/exam.yaml         an exam's national policy
///   exams/<id>/provinces/<code>.yaml   that exam in one province: windows, fees, local rules
///   exams/<id>/tests/*.yaml      cases for `baokao test`
/// ```
public struct RuleLoader {
    /// The outcome of a load: the rule set when there was no error, and every diagnostic, sorted.
    public struct Result: Sendable {
        public let ruleSet: RuleSet?
        public let diagnostics: [Diagnostic]
        public var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    }

    public let root: URL
    /// How paths are shown: the folder as the user named it (`Rules`), then the path inside it.
    public let displayRoot: String

    public init(root: URL, displayRoot: String? = nil) {
        self.root = root
        self.displayRoot = displayRoot ?? root.path
    }

    public func load() -> Result {
        var readers: [NodeReader] = []
        var hasher = SHA256()
        func open(_ relative: String) -> (NodeReader, Node?)? {
            let url = root.appendingPathComponent(relative)
            guard let data = FileManager.default.contents(atPath: url.path) else { return nil }
            hasher.update(data: Data(relative.utf8))
            hasher.update(data: data)
            let file = SourceFile(path: displayRoot + "/" + relative, text: String(decoding: data, as: UTF8.self))
            let reader = NodeReader(file: file)
            readers.append(reader)
            return (reader, reader.compose())
        }
        var missing: [Diagnostic] = []
        func require(_ relative: String) -> (NodeReader, Node?)? {
            if let opened = open(relative) { return opened }
            missing.append(Diagnostic(.error, .missingFile, at: SourceLocation(file: displayRoot + "/" + relative, line: 1, column: 1),
                                      "required rule file is missing", hint: "see README.md, section \"Rules for policy staff\""))
            return nil
        }

        // Catalogues first: conditions refer to their groups.
        var catalogLoader = CatalogLoader()
        for kind in [CatalogKind.undergraduate, .vocational] {
            if let (reader, node) = require("catalogs/\(kind.rawValue).yaml"), let node {
                catalogLoader.readCatalog(node, kind: kind, reader: reader)
            }
        }
        if let (reader, node) = require("catalogs/groups.yaml"), let node { catalogLoader.readGroups(node, reader: reader) }
        let catalog = catalogLoader.finish()
        if catalog.groups.count > GroupSet.capacity {
            missing.append(Diagnostic(.error, .invalidValue, at: catalog.groups[GroupSet.capacity].location,
                                      "more than \(GroupSet.capacity) major groups are defined", hint: "merge groups that are never used apart"))
        }

        var qualifications = QualificationCatalog(entries: [])
        if let (reader, node) = require("catalogs/qualifications.yaml"), let node {
            qualifications = QualificationCatalogLoader(r: reader).read(node)
        }

        var idTypes = IDType.allCases
        if let (reader, node) = open("catalogs/id-types.yaml"), let node {
            idTypes = readIDTypes(node, reader: reader)
        }

        let verification = require("verification.yaml").flatMap { reader, node in node.flatMap { readVerification($0, reader: reader) } }

        var provinces: [String: ProvinceRules] = [:]
        for name in yamlFiles(in: "provinces") {
            let code = String(name.dropLast(5))
            if let (reader, node) = open("provinces/\(name)"), let node,
               let province = ProvinceLoader.read(node, expectedCode: code, reader: reader) {
                if provinces[province.region.code] == nil { provinces[province.region.code] = province }
            }
        }

        var exams: [Exam] = []
        for folder in folders(in: "exams") {
            guard let (reader, node) = require("exams/\(folder)/exam.yaml"), let node else { continue }
            var loader = ExamLoader(reader: reader, catalog: catalog, qualifications: qualifications, folderID: folder)
            guard let (exam, _) = loader.read(node) else { continue }
            if exams.contains(where: { $0.id == exam.id || $0.name == exam.name }) {
                reader.report(.duplicateID, at: exam.location, "exam \"\(exam.id)\" (\(exam.name)) is defined twice")
                continue
            }
            var overlays: [String: ExamProvinceOverlay] = [:]
            var localRows: [ConditionRow] = []
            for name in yamlFiles(in: "exams/\(folder)/provinces") {
                let code = String(name.dropLast(5))
                guard let (overlayReader, overlayNode) = open("exams/\(folder)/provinces/\(name)"), let overlayNode else { continue }
                let overlayLoader = OverlayLoader(exam: loader.reporting(to: overlayReader), province: provinces[code], nationalFees: exam.fees)
                if let overlay = overlayLoader.read(overlayNode, expectedCode: code) {
                    overlays[overlay.province.code] = overlay
                    localRows += overlay.extraConditions
                    ConditionChecks(r: overlayReader, exam: exam).run(rows: overlay.extraConditions)
                }
            }
            let resolved = exam.with(overlays: overlays)
            ConditionChecks(r: reader, exam: resolved).run(rows: resolved.conditions)
            exams.append(resolved)
        }

        let diagnostics = (missing + readers.flatMap(\.diagnostics)).sorted { ($0.location, $0.code.rawValue) < ($1.location, $1.code.rawValue) }
        let revision = hasher.finalize().prefix(8).map { String(format: "%02x", $0) }.joined()
        let hasErrors = diagnostics.contains { $0.severity == .error }
        let ruleSet = hasErrors || verification == nil ? nil
            : RuleSet(revision: revision, exams: exams.sorted { $0.id < $1.id }, provinces: provinces, catalog: catalog, qualifications: qualifications,
                      onlineVerification: verification!, idTypes: idTypes)
        return Result(ruleSet: ruleSet, diagnostics: diagnostics)
    }

    /// `catalogs/id-types.yaml`: the documents accepted (optional; all six when absent).
    func readIDTypes(_ node: Node, reader r: NodeReader) -> [IDType] {
        guard let f = r.fields(node, "the ID types file", allowed: ["idTypes"], required: ["idTypes"]) else { return IDType.allCases }
        var types: [IDType] = []
        for item in r.list(f["idTypes"]!, "idTypes") ?? [] {
            guard let e = r.fields(item, "an ID type", allowed: ["id", "name", "format"], required: ["id", "name"]),
                  let id = e["id"].flatMap({ r.string($0, "id") }) else { continue }
            guard let type = IDType(rawValue: id) else {
                r.report(.invalidValue, at: e["id"]!, "\"\(id)\" is not an ID type the engine can check",
                         hint: Suggestion.hint(for: id, among: IDType.allCases.map(\.rawValue))
                            ?? "known: \(IDType.allCases.map(\.rawValue).joined(separator: ", "))")
                continue
            }
            if let name = e["name"].flatMap({ r.string($0, "name") }), name != type.chinese {
                r.report(.codeNameMismatch, at: e["name"]!, "\(id) is \"\(type.chinese)\", not \"\(name)\"")
            }
            if types.contains(type) {
                r.report(.duplicateID, at: e["id"]!, "ID type \(id) is listed twice")
                continue
            }
            types.append(type)
        }
        return types
    }

    func readVerification(_ node: Node, reader r: NodeReader) -> OnlineVerification? {
        guard let f = r.fields(node, "the verification file", allowed: ["online"], required: ["online"]),
              let online = f["online"],
              let o = r.fields(online, "online", allowed: ["educationFrom", "degreeFrom", "basis", "confidence", "note"],
                               required: ["educationFrom", "degreeFrom"]),
              let education = o["educationFrom"].flatMap({ r.date($0, "educationFrom") }),
              let degree = o["degreeFrom"].flatMap({ r.date($0, "degreeFrom") }) else { return nil }
        let confidence = o["confidence"].flatMap { r.string($0, "confidence") }.flatMap(Confidence.init(rawValue:))
        return OnlineVerification(educationFrom: education, degreeFrom: degree,
                                  citation: Citation(basis: o["basis"].flatMap { r.string($0, "basis") }, confidence: confidence,
                                                     location: r.location(online)))
    }

    func yamlFiles(in relative: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent(relative).path)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted()
    }

    func folders(in relative: String) -> [String] {
        let base = root.appendingPathComponent(relative)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: base.path)) ?? []
        return names.filter { name in
            var isFolder: ObjCBool = false
            return FileManager.default.fileExists(atPath: base.appendingPathComponent(name).path, isDirectory: &isFolder) && isFolder.boolValue
        }.sorted()
    }
}
