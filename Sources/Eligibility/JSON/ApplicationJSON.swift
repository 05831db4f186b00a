extension Application {
    /// The application as JSON (INTERFACE.md §2), absent values left out. ``Evaluator/prepare(_:)`` reads
    /// it back the way `baokao eval` reads a line; `unknownFields` and `photo` are not written.
    public func json() -> [UInt8] {
        var w = JSONWriter(capacity: 1024)
        w.beginObject()
        switch id {
        case .string(let s)?: w.key("id"); w.string(s)
        case .number(let n)?: w.key("id"); w.raw(n)
        case nil: break
        }
        w.optional("exam", exam)
        if let year { w.key("year"); w.int(year) }
        w.optional("province", province)
        w.optional("city", city)
        w.optional("auditPoint", auditPoint)
        w.optional("level", level)
        w.optional("specialty", specialty)
        if let subjects { w.key("subjects"); w.strings(subjects) }
        w.key("basis"); w.string(basis.rawValue)
        w.optional("exemption", exemption)
        // Swift prints the shortest text that reads back as the same Double (finite: checked by the caller).
        if let relevantWorkYears { w.key("relevantWorkYears"); w.raw("\(relevantWorkYears)") }
        if let workPeriods {
            w.key("workPeriods"); w.beginArray()
            for period in workPeriods {
                w.beginObject()
                w.optional("from", period.from)
                w.optional("to", period.to)
                w.endObject()
            }
            w.endArray()
        }
        w.key("candidate"); candidate.write(to: &w)
        w.endObject()
        return w.bytes
    }
}

extension Candidate {
    func write(to w: inout JSONWriter) {
        w.beginObject()
        w.optional("name", name)
        w.optional("idType", idType)
        w.optional("idNumber", idNumber)
        w.optional("phone", phone)
        w.optional("email", email)
        w.optional("gender", gender)
        w.optional("ethnicGroup", ethnicGroup)
        w.optional("workUnit", workUnit)
        w.key("education"); w.beginArray()
        for e in education {
            w.beginObject()
            w.optional("level", e.level)
            w.optional("major", e.major)
            w.optional("school", e.school)
            w.optional("graduated", e.graduated)
            w.optional("enrolled", e.enrolled)
            if let fullTime = e.fullTime { w.key("fullTime"); w.bool(fullTime) }
            w.optional("verification", e.verification)
            w.endObject()
        }
        w.endArray()
        w.key("degrees"); w.beginArray()
        for d in degrees {
            w.beginObject()
            w.optional("level", d.level)
            w.optional("major", d.major)
            w.optional("awarded", d.awarded)
            w.optional("verification", d.verification)
            w.endObject()
        }
        w.endArray()
        w.optional("workStart", workStart)
        w.key("titles"); w.beginArray()
        for t in titles {
            w.beginObject()
            w.optional("name", t.name)
            w.optional("level", t.level)
            w.optional("series", t.series)
            w.optional("obtained", t.obtained)
            w.endObject()
        }
        w.endArray()
        w.key("certificates"); w.beginArray()
        for c in certificates {
            w.beginObject()
            w.optional("name", c.name)
            w.optional("obtained", c.obtained)
            w.endObject()
        }
        w.endArray()
        w.key("integrityRecord"); w.bool(integrityRecord)
        if let commitment { w.key("commitment"); w.bool(commitment) }
        w.optional("identityVerification", identityVerification)
        w.endObject()
    }
}

extension JSONWriter {
    /// `"key": value`, or nothing when the value is absent.
    mutating func optional(_ key: StaticString, _ value: String?) {
        guard let value else { return }
        self.key(key)
        string(value)
    }
}
