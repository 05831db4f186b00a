import Rules
import Vocabulary

extension Evaluator {
    /// Validates `app` and resolves it against the rules; throws the first field that makes it impossible
    /// to judge, with its path.
    ///
    /// The application is written as JSON and read back the way ``evaluate(json:explain:)`` reads a line:
    /// one reading of every field, whichever way an application arrives.
    public func prepare(_ app: Application) throws(ApplicationError) -> Case {
        if let years = app.relevantWorkYears, !years.isFinite {
            throw ApplicationError(code: "invalid-field", message: "专业工作年限应在0–70年之间，收到\(years)", path: "relevantWorkYears")
        }
        let json = app.json()
        let prepared = json.withUnsafeBufferPointer { bytes -> Result<Case, ApplicationError> in
            switch ScannedApplication.scan(bytes) {
            case .failure(let failure): return .failure(failure.error)
            case .success(var scanned):
                scanned.unknownFields = app.unknownFields
                do throws(ApplicationError) { return .success(try prepare(scanned)) } catch { return .failure(error) }
            }
        }
        return try prepared.get()
    }

    /// Reads one application from its JSON bytes and judges it: what `baokao eval` does per line. A
    /// failure carries the application's id when it was read.
    public func evaluate(json bytes: UnsafeBufferPointer<UInt8>, explain: Bool = false) -> Result<Verdict, DecodingFailure> {
        var scanned = ScannedApplication(texts: TextStore(input: bytes))
        if let failure = ScannedApplication.scan(bytes, into: &scanned) { return .failure(failure) }
        do throws(ApplicationError) { return .success(decide(try prepare(scanned), explain: explain)) } catch {
            return .failure(DecodingFailure(id: scanned.id, error: error))
        }
    }

    /// Validates a read application and resolves it against the rules: keys compared on their bytes,
    /// strings made only for the values a ``Case`` keeps or a validator needs.
    func prepare(_ app: ScannedApplication) throws(ApplicationError) -> Case {
        let texts = app.texts
        let rules = rules  // the closures below capture this reference, not a copy of the evaluator
        func string(_ text: Text?) -> String? { texts.string(text) }
        // Paths are spelled out only for an error: building one per field read cost more than the parse.
        func date(_ text: Text?, _ path: @autoclosure () -> String) throws(ApplicationError) -> CalendarDate? {
            guard let text else { return nil }
            do { return try texts.withBytes(text) { try CalendarDate.parse(utf8: $0) } } catch { throw invalid(path(), error) }
        }
        func status(_ text: Text?, _ path: @autoclosure () -> String, default value: VerificationStatus) throws(ApplicationError) -> VerificationStatus {
            guard let text else { return value }
            do { return try texts.enumeration(text, EnumerationKeys.verification, VerificationStatus.init(idOrName:)) } catch { throw invalid(path(), error) }
        }

        guard let examText = app.exam else { throw missing("exam", "缺少考试（exam）") }
        guard let examIndex = texts.withBytes(examText, rules.examIndex(utf8:)) else {
            let examKey = texts.string(examText)
            throw ApplicationError(code: "unknown-exam", message: "未知的考试“\(examKey)”，可选：\(rules.exams.map { "\($0.id)（\($0.name)）" }.joined(separator: "、"))", path: "exam")
        }
        let exam = rules.exams[examIndex]
        guard let year = app.year else { throw missing("year", "缺少考试年度（year）") }
        guard (1980...2100).contains(year) else {
            throw ApplicationError(code: "invalid-field", message: "考试年度\(year)不在1980–2100之间", path: "year")
        }

        let level: Int
        if let levelText = app.level {
            guard let found = texts.withBytes(levelText, { rules.level(ofExam: examIndex, utf8: $0) }) else {
                let key = texts.string(levelText)
                throw ApplicationError(code: "unknown-level", message: "\(exam.name)没有级别“\(key)”，可选：\(exam.levels.map { "\($0.id)（\($0.name)）" }.joined(separator: "、"))", path: "level")
            }
            level = found
        } else if exam.levels.count == 1 {
            level = 0
        } else if let key = string(app.specialty), let specialty = exam.specialty(key),
                  let only = exam.levels.indices.filter({ exam.levels[$0].specialties.contains(specialty) }).first,
                  exam.levels.indices.filter({ exam.levels[$0].specialties.contains(specialty) }).count == 1 {
            // The specialty names its level (执业药师: 药学 → 药学类).
            level = only
        } else {
            throw missing("level", "\(exam.name)有多个级别，须填写报考级别（level）：\(exam.levels.map { "\($0.id)（\($0.name)）" }.joined(separator: "、"))")
        }

        var specialty: Int?
        if let specialtyText = app.specialty {
            let found = texts.withBytes(specialtyText) { rules.specialty(ofExam: examIndex, utf8: $0) }
            guard let found, exam.levels[level].specialties.contains(found) else {
                let key = texts.string(specialtyText)
                let allowed = exam.levels[level].specialties.map { exam.specialties[$0].name }
                throw ApplicationError(code: "unknown-specialty",
                    message: allowed.isEmpty ? "\(exam.name)\(exam.levels[level].name)不分报考专业" : "\(exam.name)\(exam.levels[level].name)没有专业“\(key)”，可选：\(allowed.joined(separator: "、"))",
                    path: "specialty")
            }
            specialty = found
        } else if exam.levels[level].specialties.count == 1 {
            specialty = exam.levels[level].specialties[0]
        }

        var subjects: [Int]?
        if let keys = app.subjects {
            subjects = try keys.enumerated().map { (i, subjectText) throws(ApplicationError) -> Int in
                let found = texts.withBytes(subjectText) { rules.subject(ofExam: examIndex, utf8: $0) }
                guard let found, exam.levels[level].subjects.contains(found) else {
                    let key = texts.string(subjectText)
                    throw ApplicationError(code: "unknown-subject",
                        message: "\(exam.name)\(exam.levels[level].name)没有科目“\(key)”，可选：\(exam.levels[level].subjects.map { "\(exam.subjects[$0].id)（\(exam.subjects[$0].name)）" }.joined(separator: "、"))",
                        path: "subjects[\(i)]")
                }
                return found
            }
        }

        var exemption: Int?
        if let key = string(app.exemption) {
            guard let found = exam.exemptions.firstIndex(where: { $0.id == key || $0.name == key }) else {
                throw ApplicationError(code: "unknown-exemption", message: "\(exam.name)没有免考类型“\(key)”", path: "exemption")
            }
            exemption = found
        }

        var province: ProvinceRules?
        var overlay: ExamProvinceOverlay?
        var city: Region?
        var auditPoint: Int?
        if let provinceText = app.province {
            guard let (found, examOverlay) = texts.withBytes(provinceText, { rules.province(utf8: $0, exam: examIndex) }) else {
                throw ApplicationError(code: "unknown-province", message: "未知的报考省份“\(texts.string(provinceText))”", path: "province")
            }
            province = found
            overlay = examOverlay
            if let cityKey = string(app.city) {
                guard let c = Evaluator.lookup(cityKey, among: found.cities) else {
                    throw ApplicationError(code: "unknown-city", message: "\(found.region.name)没有地市“\(cityKey)”", path: "city")
                }
                city = c
            }
            if let pointKey = string(app.auditPoint) {
                guard let p = found.auditPoint(pointKey) else {
                    throw ApplicationError(code: "unknown-audit-point", message: "\(found.region.name)没有审核点“\(pointKey)”", path: "auditPoint")
                }
                if let city, found.auditPoints[p].city.code != city.code {
                    throw ApplicationError(code: "invalid-field", message: "审核点“\(found.auditPoints[p].name)”不在\(city.name)", path: "auditPoint")
                }
                auditPoint = p
            }
        } else if app.city != nil || app.auditPoint != nil {
            throw missing("province", "填写了地市或审核点，但缺少报考省份（province）")
        }
        let cutoff = exam.work.cutoff(examYear: year)

        let c = app.candidate
        var warnings: [VerdictWarning] = app.unknownFields.map {
            VerdictWarning(code: "unknown-field", message: "未知字段“\($0)”已忽略，请检查拼写")
        }
        var name: PersonName?
        if let text = string(c.name) {
            do { name = try PersonName(text) } catch { throw invalid("candidate.name", error) }
        }
        var identity: IdentityDocument?
        if let number = string(c.idNumber) {
            do {
                let type = try c.idType.map { try texts.enumeration($0, EnumerationKeys.idTypes, IDType.init(idOrName:)) } ?? .residentID
                guard rules.idTypes.contains(type) else {
                    throw ApplicationError(code: "id-type-not-accepted", message: "不接受以\(type.chinese)报名，可用证件：\(rules.idTypes.map(\.chinese).joined(separator: "、"))", path: "candidate.idType")
                }
                identity = try IdentityDocument(type: type, number: number, today: today)
                warnings += identity!.warnings.map { VerdictWarning(code: $0.code, message: $0.message) }
            } catch let error as ApplicationError {
                throw error
            } catch let error as ValidationError where error.code == .idTypeUnknown {
                throw invalid("candidate.idType", error)
            } catch {
                throw invalid("candidate.idNumber", error)
            }
        }

        // Optional contact details and the ethnic group, when given, must be valid: the form prints them.
        // Checked on their bytes as systems send them; anything else goes the validators' way, which
        // normalises or explains.
        if let phone = c.phone, !texts.withBytes(phone, MobileNumber.isPlain(utf8:)) {
            do { _ = try MobileNumber(texts.string(phone)) } catch { throw invalid("candidate.phone", error) }
        }
        if let email = c.email, !texts.withBytes(email, EmailAddress.isPlain) {
            do { _ = try EmailAddress(texts.string(email)) } catch { throw invalid("candidate.email", error) }
        }
        if let group = string(c.ethnicGroup) {
            do { _ = try EthnicGroup(group) } catch { throw invalid("candidate.ethnicGroup", error) }
        }

        guard !c.education.isEmpty else { throw missing("candidate.education", "至少须填写一条学历信息") }
        guard c.education.count <= 5 else {
            throw ApplicationError(code: "invalid-field", message: "学历信息最多5条，收到\(c.education.count)条", path: "candidate.education")
        }
        // A bound on what one application may list: each record is looked up and may be named in a warning.
        for (records, path, what) in [(c.certificates.count, "candidate.certificates", "证书"), (c.titles.count, "candidate.titles", "职称")]
        where records > Evaluator.maxQualificationRecords {
            throw ApplicationError(code: "invalid-field", message: "\(what)信息最多\(Evaluator.maxQualificationRecords)条，收到\(records)条", path: path)
        }
        guard c.degrees.count <= 5 else {
            throw ApplicationError(code: "invalid-field", message: "学位信息最多5条，收到\(c.degrees.count)条", path: "candidate.degrees")
        }
        // Sized once: growing an array one record at a time reallocated it.
        var education: [Case.Education] = []
        education.reserveCapacity(c.education.count)
        var study: [(from: CalendarDate, to: CalendarDate)] = []
        study.reserveCapacity(c.education.count)
        for (i, record) in c.education.enumerated() {
            var path: String { "candidate.education[\(i)]" }  // spelled out only for an error
            guard let levelText = record.level else { throw missing("\(path).level", "第\(i + 1)条学历缺少学历层次（level）") }
            let educationLevel: EducationLevel
            do { educationLevel = try texts.enumeration(levelText, EnumerationKeys.educationLevels, EducationLevel.init(idOrName:)) } catch { throw invalid("\(path).level", error) }
            let graduated = try date(record.graduated, "\(path).graduated")
            let verification = try status(record.verification, "\(path).verification", default: .pending)
            let major = string(record.major)
            let match: MajorMatch = record.major.map { text in texts.withBytes(text) { rules.catalog.classify(utf8: $0, level: educationLevel) } } ?? .unknown
            education.append(Case.Education(index: i, level: educationLevel, major: major, match: match, graduated: graduated,
                                            fullTime: record.fullTime ?? true, verification: verification, school: string(record.school)))
            if record.fullTime ?? true, let graduated {
                let enrolled = try date(record.enrolled, "\(path).enrolled") ?? graduated.adding(years: -Evaluator.nominalYears(educationLevel))
                study.append((enrolled, graduated.adding(days: -1)))
            }
        }
        let degrees = try c.degrees.enumerated().map { (i, record) throws(ApplicationError) -> Case.Degree in
            var path: String { "candidate.degrees[\(i)]" }  // spelled out only for an error
            guard let levelText = record.level else { throw missing("\(path).level", "第\(i + 1)条学位缺少学位层次（level）") }
            let degreeLevel: DegreeLevel
            do { degreeLevel = try texts.enumeration(levelText, EnumerationKeys.degreeLevels, DegreeLevel.init(idOrName:)) } catch { throw invalid("\(path).level", error) }
            return Case.Degree(level: degreeLevel, awarded: try date(record.awarded, "\(path).awarded"),
                               verification: try status(record.verification, "\(path).verification", default: .pending))
        }

        let workStart = try date(c.workStart, "candidate.workStart")
        // Periods are validated even when declared years take precedence: a wrong date is never ignored.
        var dated: [(from: CalendarDate, to: CalendarDate)] = []
        dated.reserveCapacity(app.workPeriods?.count ?? 0)
        for (i, period) in (app.workPeriods ?? []).enumerated() {
            guard let from = try date(period.from, "workPeriods[\(i)].from") else {
                throw missing("workPeriods[\(i)].from", "第\(i + 1)段工作经历缺少开始日期（from）")
            }
            let to = try date(period.to, "workPeriods[\(i)].to") ?? cutoff
            guard from <= to else {
                throw ApplicationError(code: "invalid-field", message: "第\(i + 1)段工作经历的开始日期\(from)晚于结束日期\(to)", path: "workPeriods[\(i)]")
            }
            dated.append((from, to))
        }
        let relevant: WorkTime
        if let years = app.relevantWorkYears {
            guard (0...70).contains(years) else {
                throw ApplicationError(code: "invalid-field", message: "专业工作年限应在0–70年之间，收到\(years)", path: "relevantWorkYears")
            }
            relevant = .declared(years)
        } else if app.workPeriods != nil {
            relevant = WorkTime.count(periods: dated, cutoff: cutoff, excluded: exam.work.excludeFullTimeStudy ? study : [])
        } else {
            relevant = .declared(0)
        }
        // Work after each record's diploma, for clauses that count from it: the days before graduation
        // join the excluded ranges. A record without a date, or declared years, leave the count as it is.
        if exam.countsFromGraduation, app.relevantWorkYears == nil, app.workPeriods != nil, let earliest = dated.map(\.from).min() {
            let excluded = exam.work.excludeFullTimeStudy ? study : []
            for i in education.indices {
                guard let graduated = education[i].graduated, earliest < graduated else { continue }
                education[i].workAfterGraduation = WorkTime.count(periods: dated, cutoff: cutoff,
                                                                  excluded: excluded + [(earliest, graduated.adding(days: -1))])
            }
        }
        let total: WorkTime? = workStart.map { start in
            WorkTime.count(periods: [(start, cutoff)], cutoff: cutoff, excluded: exam.work.excludeFullTimeStudy ? study : [])
        }

        // Each certificate and title is recognised in the catalogue once, here, and credited to the exam's
        // qualifications it counts as (a bit mask per entry), with the earliest date among its records.
        // A record the catalogue does not know is remembered: a qualification it might be is `unrecognised`
        // rather than missing, and the verdict says which names were not understood.
        let qualificationCount = exam.qualifications.count
        // Shared until a qualification is held: most candidates hold none, and building the array of
        // `.none` cost more than the rest of this.
        var holdings = Case.noHoldings(qualificationCount)
        if !c.certificates.isEmpty || !c.titles.isEmpty {
            let catalogue = rules.qualifications
            var unknownNames: [String] = []
            var unknownSince: CalendarDate??
            func credit(_ entry: Int?, _ obtained: CalendarDate?, unknown name: @autoclosure () -> String) {
                guard let entry else {
                    unknownNames.append(name())
                    unknownSince = Evaluator.earlier(unknownSince, obtained)
                    return
                }
                var bits = exam.qualifications(ofEntry: entry)
                while bits != 0 {
                    let q = bits.trailingZeroBitCount
                    bits &= bits - 1
                    let earlier: CalendarDate?? = if case .held(let since) = holdings[q] { .some(since) } else { nil }
                    holdings[q] = .held(since: Evaluator.earlier(earlier, obtained) ?? nil)
                }
            }
            for (i, certificate) in c.certificates.enumerated() {
                let obtained = try date(certificate.obtained, "candidate.certificates[\(i)].obtained")
                guard let name = certificate.name else { continue }
                credit(texts.withBytes(name, catalogue.identify(name:)), obtained, unknown: texts.string(name))
            }
            for (t, title) in c.titles.enumerated() {
                let obtained = try date(title.obtained, "candidate.titles[\(t)].obtained")
                let rank = string(title.level).flatMap(QualificationLevel.init(idOrName:)).flatMap { QualificationLevel.titleRanks.contains($0) ? $0 : nil }
                guard title.name != nil || title.series != nil || rank != nil else { continue }
                // By series and rank, as the form asks them; else by the name, when it does not contradict the rank.
                var entry = rank.flatMap { rank in title.series.flatMap { texts.withBytes($0) { catalogue.identifyTitle(series: $0, level: rank) } } }
                if entry == nil, let name = title.name, let found = texts.withBytes(name, catalogue.identify(name:)),
                   rank == nil || catalogue.entries[found].level == nil || catalogue.entries[found].level == rank {
                    entry = found
                }
                credit(entry, obtained, unknown: string(title.name) ?? "\(string(title.series) ?? "")\(rank?.chinese ?? "")职称")
            }
            if !unknownNames.isEmpty {
                let since = unknownSince ?? nil
                for q in holdings.indices where holdings[q] == .none { holdings[q] = .unrecognised(since: since) }
                warnings.append(VerdictWarning(code: "qualification-not-in-catalog",
                    message: "所填证书或职称“\(unknownNames.joined(separator: "”“"))”不在资格目录中，无法自动识别；报考条件需要时转人工审核"))
            }
        }

        return Case(id: app.id, exam: exam, year: year, level: level, specialty: specialty, subjects: subjects, basis: app.basis,
                    exemption: exemption, province: province, overlay: overlay, city: city, auditPoint: auditPoint, cutoff: cutoff,
                    education: education, degrees: degrees, relevantWork: relevant, totalWork: total, holdings: holdings,
                    identity: identity, name: name,
                    identityVerification: try status(c.identityVerification, "candidate.identityVerification", default: .verified),
                    integrityRecord: c.integrityRecord, commitment: c.commitment ?? true, warnings: warnings)
    }

    // MARK: Helpers

    /// Certificates, and titles, an application may list.
    static let maxQualificationRecords = 20

    static func nominalYears(_ level: EducationLevel) -> Int {
        switch level {
        case .highSchool, .associate, .master, .doctor: 3
        case .bachelor: 4
        case .secondBachelor: 2
        }
    }

    static func earlier(_ a: CalendarDate??, _ b: CalendarDate?) -> CalendarDate?? {
        guard let a else { return .some(b) }
        guard let known = a, let b else { return .some(a ?? b) }
        return .some(min(known, b))
    }

    static func lookup(_ key: String, among regions: [Region]) -> Region? {
        if let exact = regions.first(where: { $0.code == key || $0.name == key }) { return exact }
        guard key.count >= 2 else { return nil }
        let prefixed = regions.filter { $0.name.hasPrefix(key) }
        return Set(prefixed.map(\.name)).count == 1 ? prefixed.first : nil
    }

    func missing(_ path: String, _ message: String) -> ApplicationError {
        ApplicationError(code: "missing-field", message: message, path: path)
    }

    func invalid(_ path: String, _ error: Error) -> ApplicationError {
        let message = (error as? ValidationError)?.message ?? "\(error)"
        return ApplicationError(code: "invalid-field", message: message, path: path)
    }
}
