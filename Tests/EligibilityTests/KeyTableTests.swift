import Foundation
import Testing
@testable import Eligibility

/// Key tables are hashed perfectly on a key's length and first and last words: every key of the
/// application's tables is found, and no key differing from one of them in any byte is.
@Suite struct KeyTableTests {
    static let applicationKeys = Keys.Application.allCases.map(\.rawValue) + Keys.Candidate.allCases.map(\.rawValue)
        + Keys.Education.allCases.map(\.rawValue)

    @Test func everyKeyOfEveryTableIsFound() {
        func check<F: RawRepresentable<String> & CaseIterable & Equatable>(_ table: KeyTable<F>, _: F.Type) {
            for field in F.allCases {
                #expect(Array(field.rawValue.utf8).withUnsafeBufferPointer(table.field) == field, "\(field.rawValue)")
            }
        }
        check(Keys.application, Keys.Application.self)
        check(Keys.candidate, Keys.Candidate.self)
        check(Keys.education, Keys.Education.self)
        check(Keys.degree, Keys.Degree.self)
        check(Keys.title, Keys.Title.self)
        check(Keys.certificate, Keys.Certificate.self)
        check(Keys.period, Keys.Period.self)
    }

    @Test func aKeyDifferingInOneByteAnywhereIsUnknown() {
        let table = KeyTable(KeyTableTests.applicationKeys.enumerated().map { ($1, $0) })
        let known = Set(KeyTableTests.applicationKeys)
        for key in KeyTableTests.applicationKeys {
            for position in key.utf8.indices.map({ key.utf8.distance(from: key.utf8.startIndex, to: $0) }) {
                var bytes = Array(key.utf8)
                bytes[position] ^= 0x20
                guard !known.contains(String(decoding: bytes, as: UTF8.self)) else { continue }
                #expect(bytes.withUnsafeBufferPointer(table.field) == nil, "\(key) at \(position)")
            }
            #expect(Array((key + "s").utf8).withUnsafeBufferPointer(table.field) == nil)
            #expect(Array(key.utf8.dropLast()).withUnsafeBufferPointer(table.field) == nil)
        }
    }

    /// Keys longer than sixteen bytes that share their first and last eight bytes differ only in the
    /// middle, which the two words do not see: they still get slots of their own and are told apart.
    @Test func longKeysDifferingOnlyInTheMiddle() {
        let keys = (0..<40).map { "prefix00" + String(format: "%04d", $0) + "suffix00" }
        let table = KeyTable(keys.enumerated().map { ($1, $0) })
        for (index, key) in keys.enumerated() {
            #expect(Array(key.utf8).withUnsafeBufferPointer(table.field) == index)
        }
        #expect(Array("prefix00zzzzsuffix00".utf8).withUnsafeBufferPointer(table.field) == nil)
    }

    @Test func theFirstOfEqualKeysWinsAndTheEmptyKeyIsAKey() {
        let table = KeyTable([("a", 1), ("", 2), ("a", 3)])
        #expect(Array("a".utf8).withUnsafeBufferPointer(table.field) == 1)
        #expect([UInt8]().withUnsafeBufferPointer(table.field) == 2)
        #expect(Array("b".utf8).withUnsafeBufferPointer(table.field) == nil)
    }
}
