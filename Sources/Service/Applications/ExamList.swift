import Foundation
import Vocabulary
import Rules

/// `exam.list` (figure 4.1-4, 选择报考列表): the exams whose registration window is open today on the
/// service's clock, with the provinces where it is open. No session needed: the list is public.
public enum ExamList: RPCMethod {
    public static let name = "exam.list"
    public static var access: RPCAccess { .read }

    public struct Params: RPCParams {
        let province: String?
        public init(from params: ParamReader) throws(RPCError) { province = try params.optionalString("province") }
    }

    public struct Result: RPCResult {
        public let json: JSONValue
    }

    public static func perform(_ params: Params, in context: RequestContext) throws -> Result {
        guard let source = context.configuration.rules else {
            throw DomainError(.rulesUnavailable, "报考规则暂不可用", ["detail": "the service was started without rules"])
        }
        let rules = try source.evaluator(today: context.today).rules
        var only: String?
        if let key = params.province {
            guard let code = rules.provinceCode(key) else {
                throw RPCError.invalidParams(field: "province", code: "unknown-province", message: "没有名为“\(key)”的省份")
            }
            only = code
        }
        let today = context.today
        var exams: [JSONValue] = []
        for exam in rules.exams {
            let open = exam.overlays.keys.sorted().filter { code in
                (only == nil || only == code) && exam.overlays[code]!.registration?.contains(today) == true
            }
            guard !open.isEmpty else { continue }
            exams.append(.object([
                "id": .string(exam.id), "name": .string(exam.name), "commitment": .bool(exam.commitment),
                "provinces": .array(open.map { code in
                    let overlay = exam.overlays[code]!
                    return .object(["code": .string(code), "name": .string(rules.provinces[code]?.region.name ?? code),
                                    "year": .int(overlay.registration!.from.year),
                                    "registration": ExamContext.json(overlay.registration),
                                    "payment": ExamContext.json(overlay.payment ?? overlay.registration)])
                }),
            ]))
        }
        return Result(json: ["today": .string(today.description), "exams": .array(exams)])
    }
}
