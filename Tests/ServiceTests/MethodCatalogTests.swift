import Foundation
@testable import Service
import Testing
import Vocabulary

/// The published API's descriptions (`MethodCatalog`) held to the code: every registered method is
/// described and nothing else; the example params of each pass the method's real `Params` parser; each
/// required member removed, each enum given another value, is refused `-32602` naming that member; each
/// rule across members is answered as the description says.
@Suite struct MethodCatalogTests {
    static let names = MethodCatalog.all.map(\.name)

    @Test func everyRegisteredMethodIsDescribedAndNothingElse() {
        let registered = Set(MethodRegistry.standard.names), described = Set(Self.names)
        #expect(registered.subtracting(described).sorted() == [], "registered but not described in MethodCatalog")
        #expect(described.subtracting(registered).sorted() == [], "described in MethodCatalog but not registered")
        #expect(Self.names.count == described.count, "a method is described twice")
    }

    /// The refusal `params` get from the method: its parser's, or — for a method that checks its params as
    /// it runs — the answer of a service on the fixture rules. nil when accepted.
    static func refusal(_ d: MethodDescription, _ params: JSONValue) throws -> (code: Int, field: String?)? {
        if d.checkedWhenRun {
            let response = try makeApplicationDriver(.inProcess(.sqlite)).call(d.name, params)
            guard let error = response["error"] else { return nil }
            return (error["code"]?.intValue ?? 0, error["data"]?["field"]?.stringValue)
        }
        let method = try #require(MethodRegistry.standard[d.name])
        do {
            try method.validate(params: params)
            return nil
        } catch {
            return (error.code, error.data?["field"]?.stringValue)
        }
    }

    @Test(arguments: names) func theExampleParamsAreAccepted(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        let refused = try Self.refusal(d, d.exampleParams)
        #expect(refused == nil, "\(name): example \(d.exampleParams.serialized) refused: \(String(describing: refused))")
    }

    @Test(arguments: names) func eachRequiredMemberRemovedIsRefusedNamingIt(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        for member in SchemaMember.all(d.params) where member.property.required {
            let params = d.exampleParams.replacing(at: member.steps[...], with: nil)
            let refused = try Self.refusal(d, params)
            #expect(refused?.code == -32602 && refused?.field == member.path,
                    "\(name): without \(member.path): \(String(describing: refused))")
        }
    }

    @Test(arguments: names) func aValueOutsideAnEnumIsRefusedNamingIt(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        for member in SchemaMember.all(d.params) where member.property.schema.choices != nil {
            let params = d.exampleParams.replacing(at: member.steps[...], with: "not-a-choice")
            let refused = try Self.refusal(d, params)
            #expect(refused?.code == -32602 && refused?.field == member.path,
                    "\(name): \(member.path) = not-a-choice: \(String(describing: refused))")
        }
    }

    @Test(arguments: names) func eachRuleAcrossMembersIsAnsweredAsDescribed(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        for rule in d.cases {
            var params = d.exampleParams
            for (key, value) in rule.changes { params = params.replacing(at: [.key(key)], with: value) }
            let refused = try Self.refusal(d, params)
            if let field = rule.refusedField {
                #expect(refused?.code == -32602 && refused?.field == field, "\(name): \(rule.rule): \(String(describing: refused))")
            } else {
                #expect(refused == nil, "\(name): \(rule.rule): refused \(String(describing: refused))")
            }
        }
    }

    /// Both ways: a described param the parser never reads is a promise the code does not keep; a member the
    /// parser reads that is not described is an undocumented param. Read over the example and every accepted
    /// case (`sms.send` reads `token` only for change-phone).
    @Test(arguments: names) func theParserReadsExactlyTheDescribedParams(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        guard !d.checkedWhenRun else { return }
        let method = try #require(MethodRegistry.standard[name])
        let log = ParamReadLog()
        try method.validate(params: d.exampleParams, readLog: log)
        for rule in d.cases where rule.refusedField == nil {
            var params = d.exampleParams
            for (key, value) in rule.changes { params = params.replacing(at: [.key(key)], with: value) }
            try method.validate(params: params, readLog: log)
        }
        let described = Set(SchemaMember.all(d.params).map(\.path))
        #expect(described.subtracting(log.paths).sorted() == [], "\(name): described but never read")
        #expect(log.paths.subtracting(described).sorted() == [], "\(name): read but not described")
    }

    /// An example is what a reader copies: it must match its own pattern and enum.
    @Test(arguments: names) func examplesMatchTheirPatternsAndEnums(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        for schema in d.params.flatMap(\.schema.allSchemas) {
            guard case .string(let example)? = schema.example else { continue }
            if let choices = schema.choices { #expect(choices.contains(example), "\(name): \(example) not in \(choices)") }
            if let pattern = schema.pattern {
                let regex = try NSRegularExpression(pattern: pattern)
                let range = NSRange(example.startIndex..., in: example)
                #expect(regex.firstMatch(in: example, range: range) != nil, "\(name): \(example) does not match \(pattern)")
            }
        }
    }

    /// A new domain refusal must be described on the methods that answer it.
    @Test func everyDomainRefusalIsDescribedOnSomeMethod() {
        let described = Set(MethodCatalog.all.flatMap(\.errors).map(\.rawValue))
        // No longer sent (a used code is answered sms-code-expired), kept in the enum so numbers are never reused.
        let retired: Set<String> = [DomainError.Code.smsCodeUsed.rawValue]
        let missing = DomainError.Code.allCases.map(\.rawValue).filter { !described.contains($0) && !retired.contains($0) }
        #expect(missing == [], "domain refusals no method describes")
    }

    @Test func theCallerColumnAgreesWithTheTokenParam() {
        for d in MethodCatalog.all {
            let token = d.params.first { $0.name == "token" }
            switch d.caller {
            case .candidate, .reviewer, .verifier, .staff:
                #expect(token?.required == true, "\(d.name): a \(d.caller) call carries a token")
            case .anonymous, .paymentGateway:
                #expect(token?.required != true, "\(d.name): an anonymous call needs no token")
            }
        }
    }

    /// The captcha column against the method's own `captcha(_:)`, on the example and the accepted cases: never,
    /// always, or — `when` — in some calls and not others; a method that asks has the captcha fields.
    @Test(arguments: names) func theCaptchaColumnAgreesWithTheMethod(_ name: String) throws {
        let d = try #require(MethodCatalog.description(of: name))
        let method = try #require(MethodRegistry.standard[name])
        guard !d.checkedWhenRun else {
            #expect(d.captcha == .never)
            return
        }
        var asked: Set<Bool> = [try method.validate(params: d.exampleParams).asksCaptcha]
        for rule in d.cases where rule.refusedField == nil {
            var params = d.exampleParams
            for (key, value) in rule.changes { params = params.replacing(at: [.key(key)], with: value) }
            asked.insert(try method.validate(params: params).asksCaptcha)
        }
        switch d.captcha {
        case .never: #expect(asked == [false], "\(name) asks for a captcha")
        case .always: #expect(asked == [true], "\(name) does not always ask for a captcha")
        case .when: #expect(asked == [true, false], "\(name): an example where it asks and one where it does not")
        }
        let names = Set(d.params.map(\.name))
        #expect((d.captcha != .never) == names.isSuperset(of: ["captchaId", "captcha"]), "\(name): captcha fields")
    }
}
