extension Verdict {
    /// The verdict as one JSON object (INTERFACE.md §2), in a fixed key order.
    public func write(to w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); writeID(id, &w)
        w.key("eligible"); w.bool(eligible)
        if let route {
            w.key("route"); w.string(route.rawValue)
            if let routeWhy { w.key("routeReason"); w.string(routeWhy) }
        }
        w.key("subjects"); w.strings(subjects)
        w.key("exempted"); w.strings(exempted)
        if let exemption { w.key("exemption"); w.string(exemption) }
        if let fee {
            w.key("fee"); w.beginObject()
            w.key("total"); w.int(fee.total.value)
            w.key("currency"); w.string("CNY")
            w.key("unit"); w.string("fen")
            w.key("items"); w.beginArray()
            for item in fee.items {
                w.beginObject()
                if let subject = item.subject { w.key("subject"); w.string(subject) }
                w.key("name"); w.string(item.name)
                w.key("amount"); w.int(item.amount.value)
                w.endObject()
            }
            w.endArray()
            if fee.example { w.key("example"); w.bool(true) }
            w.endObject()
        }
        if let decidedBy {
            w.key("decidedBy"); w.beginObject()
            w.key("rule"); w.string(decidedBy.rule)
            w.key("source"); w.string(decidedBy.source)
            if let education = decidedBy.education { w.key("education"); w.int(education) }
            w.key("summary"); w.string(Decision.Summary(decision: decidedBy))
            w.endObject()
        }
        w.key("reasons"); w.beginArray()
        for reason in reasons {
            w.beginObject()
            w.key("code"); w.string(reason.code)
            w.key("rule"); w.string(reason.rule)
            w.key("message"); w.string(reason.text)
            w.key("source"); w.string(reason.source)
            if let basis = reason.basis { w.key("basis"); w.string(basis) }
            w.endObject()
        }
        w.endArray()
        w.key("warnings"); w.beginArray()
        for warning in warnings {
            w.beginObject()
            w.key("code"); w.string(warning.code)
            w.key("message"); w.string(warning.message)
            w.endObject()
        }
        w.endArray()
        if !adviceItems.isEmpty {
            w.key("advice"); w.beginArray()
            for advice in adviceItems { w.string(advice) }
            w.endArray()
        }
        w.key("rules"); w.string(rules)
        if let trace {
            w.key("trace"); w.beginArray()
            for step in trace {
                w.beginObject()
                w.key("rule"); w.string(step.rule)
                w.key("source"); w.string(step.source)
                w.key("result"); w.string(step.passed ? "pass" : "fail")
                w.key("detail"); w.string(step.detail)
                w.endObject()
            }
            w.endArray()
        }
        w.endObject()
    }
}

extension ApplicationError {
    /// `{"id": …, "error": {"code", "message", "path"}}` — the line of an application that could not be evaluated.
    public func write(id: JSONScalar?, to w: inout JSONWriter) {
        w.beginObject()
        w.key("id"); writeID(id, &w)
        w.key("error"); w.beginObject()
        w.key("code"); w.string(code)
        w.key("message"); w.string(message)
        w.key("path"); w.string(path)
        w.endObject()
        w.endObject()
    }
}

private func writeID(_ id: JSONScalar?, _ w: inout JSONWriter) {
    switch id {
    case .string(let s): w.string(s)
    case .number(let n): w.raw(n)
    case nil: w.null()
    }
}
