import Vocabulary

/// The keys an object may have, recognised on their UTF-8 bytes.
///
/// Making a `String` of every key and matching it in a `switch` compared it against each case in turn:
/// with about 35 keys per application that was a quarter of the decoding. Here a key is one lookup in a
/// ``ByteTable``, and no string is made unless the key is unknown.
struct KeyTable<Field: Sendable>: Sendable {
    private let table: ByteTable
    private let fields: [Field]

    /// Keys in order; the first of equal keys wins.
    init(_ keys: [(String, Field)]) {
        table = ByteTable(firstOf: keys.enumerated().map { ($1.0, $0) })
        fields = keys.map(\.1)
    }

    /// The field named by `key`, or nil for a key this table does not know.
    func field(_ key: UnsafeBufferPointer<UInt8>) -> Field? {
        table.value(key).map { fields[$0] }
    }
}
