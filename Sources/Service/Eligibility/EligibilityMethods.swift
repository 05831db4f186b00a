import Eligibility
import Foundation
import Rules

/// `eligibility.evaluate`: params are an application (INTERFACE.md §2), plus `explain: true` for the trace;
/// the result is its verdict — the same fields and values `baokao eval` writes for the application. An
/// application that cannot be evaluated is `-32602` naming the field.
public enum EligibilityEvaluate: RPCMethod {
    public static let name = "eligibility.evaluate"
    public static var access: RPCAccess { .read }

    public struct Params: RPCParams {
        let application: [UInt8]
        let explain: Bool

        public init(from params: ParamReader) throws(RPCError) {
            var members = params.members
            explain = members.removeValue(forKey: "explain")?.boolValue ?? false
            application = Array(JSONValue.object(members).serialized.utf8)
        }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        guard let source = context.configuration.rules else {
            throw DomainError(.rulesUnavailable, "报考规则暂不可用", ["detail": "the service was started without rules"])
        }
        let evaluator = try source.evaluator(today: context.today)
        let application: Application
        switch ApplicationDecoder.decode(params.application) {
        case .success(let app): application = app
        case .failure(let failure): throw invalid(failure.error)
        }
        switch evaluator.evaluate(application, explain: params.explain) {
        case .failure(let error): throw invalid(error)
        case .success(let verdict):
            var w = Eligibility.JSONWriter()
            verdict.write(to: &w)
            return Result(json: try JSONParser.parse(w.bytes))
        }
    }

    static func invalid(_ error: ApplicationError) -> RPCError {
        .invalidParams(field: error.path.isEmpty ? "params" : error.path, code: error.code, message: error.message)
    }
}

/// `rules.list`: what a front end needs to build its forms — exams with their levels, specialties and
/// subjects, the provinces with their cities and audit points, and the rule revision.
public enum RulesList: RPCMethod {
    public static let name = "rules.list"
    public static var access: RPCAccess { .read }
    public typealias Params = NoParams

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: NoParams, in context: RequestContext) throws -> Result {
        guard let source = context.configuration.rules else {
            throw DomainError(.rulesUnavailable, "报考规则暂不可用", ["detail": "the service was started without rules"])
        }
        let rules = try source.evaluator(today: context.today).rules
        let exams: [JSONValue] = rules.exams.map { exam in
            .object([
                "id": .string(exam.id), "name": .string(exam.name), "commitment": .bool(exam.commitment),
                "levels": .array(exam.levels.map { level in
                    .object([
                        "id": .string(level.id), "name": .string(level.name),
                        "subjects": .array(level.subjects.map { i in
                            .object(["id": .string(exam.subjects[i].id), "name": .string(exam.subjects[i].name),
                                     "kind": .string(exam.subjects[i].kind.rawValue)])
                        }),
                        "specialties": .array(level.specialties.map { i in
                            .object(["id": .string(exam.specialties[i].id), "name": .string(exam.specialties[i].name)])
                        }),
                    ])
                }),
                "provinces": .array(exam.overlays.keys.sorted().map { .string($0) }),
            ])
        }
        let provinces: [JSONValue] = rules.provinces.keys.sorted().map { code in
            let p = rules.provinces[code]!
            return .object([
                "code": .string(code), "name": .string(p.region.name), "authority": .string(p.authority),
                "cities": .array(p.cities.map { .object(["code": .string($0.code), "name": .string($0.name)]) }),
                "auditPoints": .array(p.auditPoints.map { point in
                    .object(["id": .string(point.id), "name": .string(point.name), "city": .string(point.city.code),
                             "address": .string(point.address), "phone": .string(point.phone), "example": .bool(point.example)])
                }),
            ])
        }
        return Result(json: .object(["revision": .string(rules.revision), "exams": .array(exams), "provinces": .array(provinces)]))
    }
}

extension MethodRegistry {
    /// Eligibility (INTERFACE.md §3): no session needed, nothing written.
    public static let eligibility: [RegisteredMethod] = [
        RegisteredMethod(EligibilityEvaluate.self),
        RegisteredMethod(RulesList.self),
    ]
}
