import Foundation
@testable import Service

/// A member somewhere inside a params object, as the service names it in `-32602` (`education[0].level`),
/// with the steps that reach it in an example.
struct SchemaMember: CustomStringConvertible {
    enum Step { case key(String), index(Int) }
    let path: String
    let steps: [Step]
    let property: Schema.Property
    var description: String { path }

    /// Every member of `properties`, depth first: nested objects' members, and those of an array's first item.
    static func all(_ properties: [Schema.Property], prefix: String = "", steps: [Step] = []) -> [SchemaMember] {
        var out: [SchemaMember] = []
        for p in properties {
            let path = prefix + p.name, here = steps + [.key(p.name)]
            out.append(SchemaMember(path: path, steps: here, property: p))
            if p.schema.kind == .object {
                out += all(p.schema.properties, prefix: path + ".", steps: here)
            } else if p.schema.kind == .array, let items = p.schema.items, items.kind == .object {
                out += all(items.properties, prefix: path + "[0].", steps: here + [.index(0)])
            }
        }
        return out
    }
}

extension JSONValue {
    /// This value with the member at `steps` replaced (`nil` removes it).
    func replacing(at steps: ArraySlice<SchemaMember.Step>, with value: JSONValue?) -> JSONValue {
        guard let step = steps.first else { return value ?? .null }
        switch (self, step) {
        case (.object(var members), .key(let key)):
            if steps.count == 1 {
                members[key] = value
            } else if let inner = members[key] {
                members[key] = inner.replacing(at: steps.dropFirst(), with: value)
            }
            return .object(members)
        case (.array(var items), .index(let i)) where i < items.count:
            items[i] = items[i].replacing(at: steps.dropFirst(), with: value)
            return .array(items)
        default:
            return self
        }
    }
}

extension Schema {
    /// What is wrong with `value` as this schema describes it (empty when it conforms): the type, the enum,
    /// required members missing, members not described (unless the object lists none), nested the same way.
    func problems(with value: JSONValue, at path: String = "result") -> [String] {
        if value == .null, allowsNull { return [] }
        if !alternatives.isEmpty {
            let each = alternatives.map { $0.problems(with: value, at: path) }
            return each.contains { $0.isEmpty } ? [] : ["\(path): matches no alternative (\(each.map { $0.first ?? "" }.joined(separator: "; ")))"]
        }
        guard let kind else { return [] }
        switch (kind, value) {
        case (.string, .string(let s)):
            if let choices, !choices.contains(s) { return ["\(path): \(s) is not one of \(choices)"] }
            return []
        case (.integer, .number(let literal)):
            return Int(literal) == nil ? ["\(path): \(literal) is not an integer"] : []
        case (.number, .number), (.boolean, .bool):
            return []
        case (.array, .array(let items)):
            guard let schema = self.items else { return [] }
            return items.enumerated().flatMap { schema.problems(with: $1, at: "\(path)[\($0)]") }
        case (.object, .object(let members)):
            var out: [String] = []
            for p in properties where p.required && members[p.name] == nil { out.append("\(path).\(p.name): missing") }
            if !properties.isEmpty {
                for key in members.keys.sorted() where property(key) == nil { out.append("\(path).\(key): not described") }
            }
            for p in properties { if let member = members[p.name] { out += p.schema.problems(with: member, at: "\(path).\(p.name)") } }
            return out
        default:
            return ["\(path): expected \(kind.rawValue), found \(value.typeName)"]
        }
    }

    /// Every schema inside this one (itself included).
    var allSchemas: [Schema] {
        [self] + properties.flatMap(\.schema.allSchemas) + itemSchemas.flatMap(\.allSchemas) + alternatives.flatMap(\.allSchemas)
    }
}
