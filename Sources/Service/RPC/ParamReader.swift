import Foundation
import Vocabulary

/// Typed access to a request's `params` object that turns every problem into `-32602` naming the field by
/// its full path (`education[1].graduated`), so each method's `Params` reads like a declaration.
public struct ParamReader: Sendable {
    public let members: [String: JSONValue]
    /// The path of this object inside `params` (`""` at the top, `confirmation.` below).
    public let prefix: String
    /// The date in China on the service's clock, for checks such as "a birth date is not in the future".
    public let today: CalendarDate
    /// Notes every member read, when given (the published API's tests: `ParamReadLog`); nil in service.
    let readLog: ParamReadLog?

    public init(_ params: JSONValue?, today: CalendarDate, readLog: ParamReadLog? = nil) throws(RPCError) {
        switch params {
        case nil, .null?: self.init(members: [:], prefix: "", today: today, readLog: readLog)
        case .object(let members)?: self.init(members: members, prefix: "", today: today, readLog: readLog)
        case let other?:
            throw RPCError.invalidParams(field: "params", code: "wrong-type",
                                         message: "params应为对象（by-name），收到\(other.typeName)")
        }
    }

    init(members: [String: JSONValue], prefix: String, today: CalendarDate, readLog: ParamReadLog? = nil) {
        self.members = members
        self.prefix = prefix
        self.today = today
        self.readLog = readLog
    }

    /// The member `key`, noted as read.
    private func member(_ key: String) -> JSONValue? {
        readLog?.note(path(key))
        return members[key]
    }

    public func path(_ key: String) -> String { prefix + key }

    func missing(_ key: String) -> RPCError {
        .invalidParams(field: path(key), code: "missing-field", message: "缺少字段\(path(key))")
    }

    func wrongType(_ key: String, expected: String, found: JSONValue) -> RPCError {
        .invalidParams(field: path(key), code: "wrong-type",
                       message: "字段\(path(key))应为\(expected)，收到\(found.typeName)")
    }

    public func optionalString(_ key: String) throws(RPCError) -> String? {
        switch member(key) {
        case nil, .null?: return nil
        case .string(let s)?: return s
        case let other?: throw wrongType(key, expected: "字符串", found: other)
        }
    }

    public func string(_ key: String) throws(RPCError) -> String {
        guard let s = try optionalString(key) else { throw missing(key) }
        return s
    }

    /// A string that must not be empty after trimming, at most `maximumLength` characters.
    public func text(_ key: String, maximumLength: Int = 100) throws(RPCError) -> String {
        let s = try string(key).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !s.isEmpty else {
            throw .invalidParams(field: path(key), code: "empty", message: "字段\(path(key))不能为空")
        }
        guard s.count <= maximumLength, !s.unicodeScalars.contains(where: { $0.properties.generalCategory == .control }) else {
            throw .invalidParams(field: path(key), code: "text-invalid",
                                 message: "字段\(path(key))过长或含有控制字符（最多\(maximumLength)个字符）")
        }
        return s
    }

    public func optionalBool(_ key: String) throws(RPCError) -> Bool? {
        switch member(key) {
        case nil, .null?: return nil
        case .bool(let b)?: return b
        case let other?: throw wrongType(key, expected: "布尔值", found: other)
        }
    }

    public func bool(_ key: String) throws(RPCError) -> Bool {
        guard let b = try optionalBool(key) else { throw missing(key) }
        return b
    }

    /// An array of objects (absent → empty when `required` is false), each read with its own path.
    public func objects(_ key: String, required: Bool = false) throws(RPCError) -> [ParamReader] {
        switch member(key) {
        case nil, .null?:
            if required { throw missing(key) }
            return []
        case .array(let items)?:
            var readers: [ParamReader] = []
            for (i, item) in items.enumerated() {
                guard case .object(let m) = item else {
                    throw wrongType("\(key)[\(i)]", expected: "对象", found: item)
                }
                readers.append(ParamReader(members: m, prefix: "\(path(key))[\(i)].", today: today, readLog: readLog))
            }
            return readers
        case let other?:
            throw wrongType(key, expected: "数组", found: other)
        }
    }

    public func object(_ key: String) throws(RPCError) -> ParamReader {
        switch member(key) {
        case nil, .null?: throw missing(key)
        case .object(let m)?: return ParamReader(members: m, prefix: path(key) + ".", today: today, readLog: readLog)
        case let other?: throw wrongType(key, expected: "对象", found: other)
        }
    }

    /// A string turned into a vocabulary value; a `ValidationError` becomes `-32602` with its code and message.
    public func value<T>(_ key: String, _ make: (String) throws -> T) throws(RPCError) -> T {
        let raw = try string(key)
        do {
            return try make(raw)
        } catch let error as ValidationError {
            throw .invalidParams(field: path(key), code: error.code.rawValue, message: error.message)
        } catch let error as RPCError {
            throw error
        } catch {
            throw .invalidParams(field: path(key), code: "invalid", message: "字段\(path(key))的值无效")
        }
    }
}

extension ParamReader {
    /// An integer (a JSON number without fraction or exponent).
    public func optionalInt(_ key: String) throws(RPCError) -> Int? {
        switch member(key) {
        case nil, .null?: return nil
        case .number(let literal)?:
            guard let n = Int(literal) else { throw wrongType(key, expected: "整数", found: .number(literal)) }
            return n
        case let other?: throw wrongType(key, expected: "整数", found: other)
        }
    }

    public func int(_ key: String) throws(RPCError) -> Int {
        guard let n = try optionalInt(key) else { throw missing(key) }
        return n
    }

    public func optionalDouble(_ key: String) throws(RPCError) -> Double? {
        switch member(key) {
        case nil, .null?: return nil
        case .number(let literal)?:
            guard let n = Double(literal), n.isFinite else { throw wrongType(key, expected: "数字", found: .number(literal)) }
            return n
        case let other?: throw wrongType(key, expected: "数字", found: other)
        }
    }

    /// An array of strings, nil when absent.
    public func optionalStrings(_ key: String) throws(RPCError) -> [String]? {
        switch member(key) {
        case nil, .null?: return nil
        case .array(let items)?:
            var strings: [String] = []
            for (i, item) in items.enumerated() {
                guard case .string(let s) = item else { throw wrongType("\(key)[\(i)]", expected: "字符串", found: item) }
                strings.append(s)
            }
            return strings
        case let other?: throw wrongType(key, expected: "数组", found: other)
        }
    }

    /// One of `choices` (the wire names), refused as `-32602` `value-unknown` otherwise.
    public func choice(_ key: String, _ choices: [String]) throws(RPCError) -> String {
        let value = try string(key)
        guard choices.contains(value) else {
            throw .invalidParams(field: path(key), code: "value-unknown",
                                 message: "字段\(path(key))应为\(choices.joined(separator: "、"))之一")
        }
        return value
    }
}
