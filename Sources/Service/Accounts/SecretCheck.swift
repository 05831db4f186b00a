/// A password or recovery answer checked against a stored hash in `prepare`, outside the write lock, and what
/// `apply` needs to see in its transaction that the hash is still the one checked.
///
/// Nothing stored (an unknown username, an unknown ID) is checked against a decoy with today's parameters, so
/// every check costs one hash whether or not the account exists.
struct SecretCheck {
    /// The hash checked, nil when there was none (the decoy was used).
    let storedHash: String?
    /// True only when a stored hash matched.
    let matches: Bool

    init(_ secret: String, against stored: String?, decoy parameters: ScryptParameters) {
        storedHash = stored
        matches = Secrets.verifyPassword(secret, against: stored ?? Secrets.decoyHash(parameters)) && stored != nil
    }

    /// Throws `PreparationStale` unless `current` (read in the transaction) is the hash that was checked.
    func requireUnchanged(_ current: String?, _ what: String) throws {
        guard current == storedHash else { throw PreparationStale(what) }
    }
}
