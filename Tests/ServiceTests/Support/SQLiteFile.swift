import GRDB
import Persistence

/// The SQLite file behind a service, for tests that look into it directly (PRAGMAs, rows the service does not
/// read back, a second connection holding the lock). They hold for the SQLite store only.
extension ServiceStore {
    var sqlite: Store {
        if let recording = self as? RecordingStore { return recording.base.sqlite }
        guard let store = self as? Store else { preconditionFailure("this test reads the SQLite file; the store is \(location)") }
        return store
    }

    var pool: DatabasePool { sqlite.pool }
    var path: String { sqlite.path }
}
