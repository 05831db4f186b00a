extension JSONValue {
    /// Indented JSON (two spaces, object keys sorted, a newline at the end), for documents people read and
    /// diff, such as `Docs/openrpc.json`. Equal values give equal bytes, as with `serialized`.
    public var pretty: String {
        var out = ""
        writePretty(to: &out, depth: 0)
        out += "\n"
        return out
    }

    private func writePretty(to out: inout String, depth: Int) {
        let inner = String(repeating: "  ", count: depth + 1)
        switch self {
        case .array(let items) where !items.isEmpty:
            out += "[\n"
            for (i, item) in items.enumerated() {
                out += inner
                item.writePretty(to: &out, depth: depth + 1)
                out += i == items.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: depth) + "]"
        case .object(let members) where !members.isEmpty:
            out += "{\n"
            let keys = members.keys.sorted()
            for (i, key) in keys.enumerated() {
                out += inner
                JSONValue.writeString(key, to: &out)
                out += ": "
                members[key]!.writePretty(to: &out, depth: depth + 1)
                out += i == keys.count - 1 ? "\n" : ",\n"
            }
            out += String(repeating: "  ", count: depth) + "}"
        default:
            write(to: &out)
        }
    }
}
