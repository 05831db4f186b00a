/// A mainland mobile number: 11 digits, `1[3-9]…`. A `+86`, `0086` or `86` prefix and blanks or hyphens
/// between digit groups are accepted and dropped.
public struct MobileNumber: Hashable, Sendable, CustomStringConvertible {
    /// The 11 digits.
    public let value: String

    public init(_ text: String) throws {
        // Fast path: 11 plain ASCII digits, as systems send them.
        if text.utf8.count == 11, text.utf8.withContiguousStorageIfAvailable(MobileNumber.isPlain(utf8:)) ?? false {
            self.value = text
            return
        }
        var s = text.foldingFullWidthASCII().filter { !$0.isWhitespace && $0 != "-" }
        guard !s.isEmpty else { throw ValidationError(.empty, "手机号码不能为空") }
        if s.hasPrefix("+86") { s.removeFirst(3) } else if s.hasPrefix("0086") { s.removeFirst(4) } else if s.count == 13, s.hasPrefix("86") { s.removeFirst(2) }
        let bytes = Array(s.utf8)
        guard bytes.count == 11, bytes.allSatisfy({ (0x30...0x39).contains($0) }),
              bytes[0] == UInt8(ascii: "1"), (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(bytes[1])
        else {
            throw ValidationError(.phoneFormat, "手机号码“\(text)”格式不正确：应为以13–19开头的11位数字")
        }
        self.value = s
    }

    /// Whether these UTF-8 bytes are a number as systems send it — 11 ASCII digits, `1[3-9]…` — which
    /// ``init(_:)`` accepts as it is: a caller that only validates need not make a string of it.
    public static func isPlain(utf8 b: UnsafeBufferPointer<UInt8>) -> Bool {
        b.count == 11 && b[0] == UInt8(ascii: "1") && (UInt8(ascii: "3")...UInt8(ascii: "9")).contains(b[1])
            && b.allSatisfy { (0x30...0x39).contains($0) }
    }

    /// `138****8000` — for logs.
    public var masked: String { String(value.prefix(3)) + "****" + String(value.suffix(4)) }

    public var description: String { value }
}

/// An e-mail address: a local part of the usual characters, `@`, and a domain of at least two labels.
/// The domain is lower-cased; the local part is kept as typed.
public struct EmailAddress: Hashable, Sendable, CustomStringConvertible {
    public let value: String

    private static let localCharacters = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789!#$%&'*+/=?^_`{|}~.-")

    public init(_ text: String) throws {
        if let plain = EmailAddress.plainASCII(text) {
            self.value = plain
            return
        }
        let s = text.trimmingSpaces().foldingFullWidthASCII()
        guard !s.isEmpty else { throw ValidationError(.empty, "电子邮箱不能为空") }
        let fail = { (why: String) in ValidationError(.emailFormat, "电子邮箱“\(text)”格式不正确：\(why)") }
        let parts = s.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw fail("须含且只含一个@") }
        let (local, domain) = (parts[0], parts[1].lowercased())
        guard (1...64).contains(local.count), local.allSatisfy(EmailAddress.localCharacters.contains),
              !local.hasPrefix("."), !local.hasSuffix("."), !local.contains("..")
        else { throw fail("@前的部分只能含字母、数字和常用符号，不能以点开头或结尾") }
        let labels = domain.split(separator: ".", omittingEmptySubsequences: false)
        guard labels.count >= 2, labels.allSatisfy({ label in
            (1...63).contains(label.count) && !label.hasPrefix("-") && !label.hasSuffix("-")
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }), let tld = labels.last, tld.count >= 2, tld.allSatisfy(\.isLetter)
        else { throw fail("@后应为域名，如example.com") }
        guard s.count <= 254 else { throw fail("超过254个字符") }
        self.value = local + "@" + domain
    }

    public var description: String { value }
}

extension EmailAddress {
    /// The common case checked on bytes: plain ASCII, one `@`, a valid local part and a lower-case domain of
    /// two or more labels. Anything else (blanks, full-width forms, upper-case domain, a mistake) goes the
    /// slow way, which normalises or explains.
    static func plainASCII(_ text: String) -> String? {
        let plain = text.utf8.withContiguousStorageIfAvailable(isPlain) ?? Array(text.utf8).withUnsafeBufferPointer(isPlain)
        return plain ? text : nil
    }

    /// Whether these UTF-8 bytes are an address ``init(_:)`` accepts as it is (see ``plainASCII(_:)``): a
    /// caller that only validates need not make a string of it. One pass over the bytes, nothing
    /// allocated (an array and the split labels cost more than the check).
    public static func isPlain(_ b: UnsafeBufferPointer<UInt8>) -> Bool {
        guard b.count <= 254, let at = b.firstIndex(of: UInt8(ascii: "@")), at > 0, at <= 64,
              b[0] != UInt8(ascii: "."), b[at - 1] != UInt8(ascii: ".") else { return false }
        for i in 0..<at {
            let c = b[i]
            let local = (0x61...0x7A).contains(c) || (0x41...0x5A).contains(c) || (0x30...0x39).contains(c)
                || localSymbols.contains(c)
            guard local, !(c == UInt8(ascii: ".") && i > 0 && b[i - 1] == UInt8(ascii: ".")) else { return false }
        }
        // The domain: labels of a–z, 0–9 and inner hyphens, 1 to 63 long; two or more; the last of letters, 2+.
        var labels = 0
        var start = at + 1
        while true {
            var end = start
            var letters = true
            while end < b.count, b[end] != UInt8(ascii: ".") {
                let c = b[end]
                guard (0x61...0x7A).contains(c) || (0x30...0x39).contains(c) || c == UInt8(ascii: "-") else { return false }
                if !(0x61...0x7A).contains(c) { letters = false }
                end += 1
            }
            let length = end - start
            guard (1...63).contains(length), b[start] != UInt8(ascii: "-"), b[end - 1] != UInt8(ascii: "-") else { return false }
            labels += 1
            if end == b.count { return labels >= 2 && length >= 2 && letters }
            start = end + 1
        }
    }

    private static let localSymbols = Set("!#$%&'*+/=?^_`{|}~.-".utf8)
}
