/// A JSON Schema (draft 7, the dialect of OpenRPC 1.2.6) of a param or a result, as the method catalogue
/// declares it: only the keywords the service's readers actually enforce or answer with.
///
/// Why a type of our own rather than JSON literals: the catalogue's tests walk these schemas to build valid
/// params, remove each required member and try each enum's outside value against the real parsers — which
/// needs the structure (required, enum, nested objects and arrays, examples), not text.
public struct Schema: Sendable {
    public enum Kind: String, Sendable { case string, integer, number, boolean, object, array }

    /// nil for a choice of alternatives (`oneOf`).
    public var kind: Kind?
    public var description: String?
    /// The values a string takes (the canonical wire names).
    public var choices: [String]?
    /// `date`, `email`, `cn-id-number`, `cn-mobile` …: a hint for readers and generated forms.
    public var format: String?
    public var pattern: String?
    public var maxLength: Int?
    public var minimum: Int?
    public var maximum: Int?
    /// base64 for binary content (a photo, a PDF), with its media type.
    public var contentEncoding: String?
    public var contentMediaType: String?
    /// A value the parser accepts: what the catalogue's example params are built from.
    public var example: JSONValue?
    public var properties: [Property] = []
    /// The element schema of an array (an array of at most one: a struct cannot hold itself).
    var itemSchemas: [Schema] = []
    public var alternatives: [Schema] = []
    /// Whether an object may have members beyond `properties` (results grow; params are read by name).
    public var openObject = true

    public var items: Schema? { itemSchemas.first }

    public struct Property: Sendable {
        public let name: String
        public let required: Bool
        public var schema: Schema

        public static func required(_ name: String, _ schema: Schema) -> Property { Property(name: name, required: true, schema: schema) }
        public static func optional(_ name: String, _ schema: Schema) -> Property { Property(name: name, required: false, schema: schema) }
    }

    init(_ kind: Kind?, _ description: String?) {
        self.kind = kind
        self.description = description
    }

    public static func string(_ description: String, example: String? = nil, format: String? = nil, pattern: String? = nil,
                              maxLength: Int? = nil) -> Schema {
        var s = Schema(.string, description)
        s.example = example.map(JSONValue.string)
        s.format = format
        s.pattern = pattern
        s.maxLength = maxLength
        return s
    }

    /// A string that is one of `choices`; the example is the first unless told.
    public static func choice(_ choices: [String], _ description: String, example: String? = nil) -> Schema {
        var s = Schema(.string, description)
        s.choices = choices
        s.example = .string(example ?? choices[0])
        return s
    }

    public static func integer(_ description: String, example: Int = 1, minimum: Int? = nil, maximum: Int? = nil) -> Schema {
        var s = Schema(.integer, description)
        s.example = .int(example)
        s.minimum = minimum
        s.maximum = maximum
        return s
    }

    public static func number(_ description: String, example: String = "1") -> Schema {
        var s = Schema(.number, description)
        s.example = .number(example)
        return s
    }

    public static func boolean(_ description: String, example: Bool = true) -> Schema {
        var s = Schema(.boolean, description)
        s.example = .bool(example)
        return s
    }

    /// Binary content sent or answered as base64 text.
    public static func base64(_ mediaType: String, _ description: String, example: String? = nil) -> Schema {
        var s = Schema(.string, description)
        s.contentEncoding = "base64"
        s.contentMediaType = mediaType
        s.example = example.map(JSONValue.string)
        return s
    }

    public static func object(_ description: String, _ properties: [Property]) -> Schema {
        var s = Schema(.object, description)
        s.properties = properties
        return s
    }

    public static func array(_ description: String, of items: Schema) -> Schema {
        var s = Schema(.array, description)
        s.itemSchemas = [items]
        return s
    }

    /// One of several shapes (a result that depends on the params).
    public static func oneOf(_ description: String, _ alternatives: [Schema]) -> Schema {
        var s = Schema(nil, description)
        s.alternatives = alternatives
        return s
    }

    /// A member that may also be `null` (JSON Schema `type: [T, "null"]`).
    public var nullable: Schema {
        var s = self
        s.allowsNull = true
        return s
    }

    public var allowsNull = false

    /// The property named `name`, if this is an object that declares it.
    public func property(_ name: String) -> Property? { properties.first { $0.name == name } }
}

extension Schema {
    /// The schema as JSON Schema draft 7.
    public var json: JSONValue {
        var out: [String: JSONValue] = [:]
        if let kind {
            out["type"] = allowsNull ? [.string(kind.rawValue), "null"] : .string(kind.rawValue)
        }
        if let description { out["description"] = .string(description) }
        if let choices { out["enum"] = .array(choices.map(JSONValue.string)) }
        if let format { out["format"] = .string(format) }
        if let pattern { out["pattern"] = .string(pattern) }
        if let maxLength { out["maxLength"] = .int(maxLength) }
        if let minimum { out["minimum"] = .int(minimum) }
        if let maximum { out["maximum"] = .int(maximum) }
        if let contentEncoding { out["contentEncoding"] = .string(contentEncoding) }
        if let contentMediaType { out["contentMediaType"] = .string(contentMediaType) }
        if let example { out["examples"] = [example] }
        if kind == .object {
            if !properties.isEmpty {
                out["properties"] = .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema.json) }))
            }
            let required = properties.filter(\.required).map { JSONValue.string($0.name) }
            if !required.isEmpty { out["required"] = .array(required) }
            if !openObject { out["additionalProperties"] = false }
        }
        if let items { out["items"] = items.json }
        if !alternatives.isEmpty { out["oneOf"] = .array(alternatives.map(\.json)) }
        return .object(out)
    }

    /// A value this schema describes and the parser accepts: the example when there is one, else one built
    /// from the members' examples (every member of an object, optional ones too, so each is exercised).
    public var exampleValue: JSONValue {
        if let example { return example }
        switch kind {
        case .object?:
            return .object(Dictionary(uniqueKeysWithValues: properties.map { ($0.name, $0.schema.exampleValue) }))
        case .array?:
            return .array(items.map { [$0.exampleValue] } ?? [])
        case .string?: return .string(choices?.first ?? "示例")
        case .integer?: return 1
        case .number?: return .number("1")
        case .boolean?: return true
        case nil: return alternatives.first?.exampleValue ?? .null
        }
    }
}
