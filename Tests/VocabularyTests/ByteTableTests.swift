import Testing
import Vocabulary

/// The byte table answers exactly for its keys: the hash and the comparison read words and overlapping
/// tails, so keys of every length up to a few words, and keys differing in one byte anywhere, are checked.
@Suite struct ByteTableTests {
    /// Keys of length 0…40, each with a sibling differing only in its last byte, and Chinese keys.
    static let keys: [[UInt8]] = {
        var keys: [[UInt8]] = []
        for length in 0...40 {
            let key = (0..<length).map { UInt8(ascii: "a") + UInt8($0 % 26) }
            keys.append(key)
            if length > 0 { keys.append(key.dropLast() + [UInt8(ascii: "Z")]) }
        }
        return keys + ["工程管理", "工程管理专业", "土木工程", "土木工程（道路与桥梁）"].map { Array($0.utf8) }
    }()

    @Test func findsEveryKeyAndItsValue() {
        let table = ByteTable(ByteTableTests.keys.enumerated().map { (key: $0.element, value: $0.offset) })
        for (value, key) in ByteTableTests.keys.enumerated() {
            #expect(key.withUnsafeBufferPointer(table.value) == value, "\(String(decoding: key, as: UTF8.self))")
        }
    }

    @Test func missesKeysDifferingInOneByteAnywhere() {
        let table = ByteTable(ByteTableTests.keys.enumerated().map { (key: $0.element, value: $0.offset) })
        let known = Set(ByteTableTests.keys)
        for key in ByteTableTests.keys where !key.isEmpty {
            for position in key.indices {
                var other = key
                other[position] ^= 0x01
                guard !known.contains(other) else { continue }
                #expect(other.withUnsafeBufferPointer(table.value) == nil, "\(String(decoding: other, as: UTF8.self))")
            }
            #expect((key + [0x20]).withUnsafeBufferPointer(table.value) == nil)
        }
    }

    @Test func comparesBytesOfEveryLength() {
        for length in 0...40 {
            let a = [UInt8]((0..<length).map { UInt8($0 + 1) })
            #expect(a.withUnsafeBufferPointer { x in a.withUnsafeBufferPointer { Bytes.equal(x, $0) } })
            for position in a.indices {
                var b = a
                b[position] = 0
                #expect(!a.withUnsafeBufferPointer { x in b.withUnsafeBufferPointer { Bytes.equal(x, $0) } }, "length \(length), byte \(position)")
            }
        }
    }

    @Test func firstOfKeepsTheFirstValueOfARepeatedKey() {
        let table = ByteTable(firstOf: [("a", 0), ("b", 1), ("a", 2)])
        #expect(Array("a".utf8).withUnsafeBufferPointer(table.value) == 0)
        #expect(Array("b".utf8).withUnsafeBufferPointer(table.value) == 1)
    }
}
