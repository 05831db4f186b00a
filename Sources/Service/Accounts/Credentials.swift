import Vocabulary

/// The rules for usernames and passwords (seed manual, figure 1-5).
enum Credentials {
    /// 4–20 characters: a letter, then letters, digits or `_`.
    static func username(_ params: ParamReader, key: String = "username") throws(RPCError) -> String {
        let text = try params.string(key).trimmingCharacters(in: .whitespaces)
        let characters = Array(text)
        guard (4...20).contains(characters.count), let first = characters.first, first.isASCII, first.isLetter,
              characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_") })
        else {
            throw .invalidParams(field: params.path(key), code: "username-format",
                                 message: "用户名应为4至20个字符，以字母开头，只能包含字母、数字和下划线")
        }
        return text
    }

    /// 8–20 letters and digits, at least one of each, not containing the username or the ID number.
    static func checkPassword(_ password: String, field: String, username: String, idNumber: String) throws(RPCError) {
        let characters = Array(password)
        guard (8...20).contains(characters.count),
              characters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }),
              characters.contains(where: \.isLetter), characters.contains(where: \.isNumber)
        else {
            throw .invalidParams(field: field, code: "password-weak",
                                 message: "密码应为8至20位，由字母和数字组成，且同时包含字母和数字")
        }
        let lower = password.lowercased()
        if lower.contains(username.lowercased()) {
            throw .invalidParams(field: field, code: "password-contains-username", message: "密码不能包含用户名")
        }
        if lower.contains(idNumber.lowercased()) {
            throw .invalidParams(field: field, code: "password-contains-id-number", message: "密码不能包含证件号码")
        }
    }

    /// An identity document from `idType` and `idNumber` fields, validated as of `today`.
    static func document(_ params: ParamReader, today: CalendarDate) throws(RPCError) -> IdentityDocument {
        let type = try params.value("idType") { try IDType(idOrName: $0) }
        return try params.value("idNumber") { try IdentityDocument(type: type, number: $0, today: today) }
    }
}
