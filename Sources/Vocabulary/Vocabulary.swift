/// The shared vocabulary of Baokao: the values every stage speaks of, each validated where it enters.
///
/// Parsing a value here either yields a normalised value or throws a ``ValidationError`` that names the
/// field, a stable code and a message in Chinese fit to show a candidate. Nothing in this module reads
/// files, talks to a database or depends on YAML, SQLite or HarfBuzz: the reference tables it needs
/// (administrative divisions, their history, the ethnic groups) are compiled in from `Data/`.
///
/// - ``IdentityDocument`` and ``ResidentIDNumber``: the six ID types, GB 11643-1999 checks.
/// - ``PersonName``: rare characters, minority-name dots, the `王晓[沛]` bracket convention.
/// - ``MobileNumber``, ``EmailAddress``: contact details.
/// - ``EducationLevel``, ``DegreeLevel``, ``VerificationStatus``: education records.
/// - ``CalendarDate``, ``Fen``: dates and money.
/// - ``RegionTable``, ``EthnicGroup``: divisions and ethnic groups.
enum VocabularyModule {}
