/// The service's state in SQLite through GRDB: WAL mode, migrations, the audit table. Filled by issues #6 and #7.
enum PersistenceModule {}
