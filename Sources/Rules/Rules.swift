/// Rule files (YAML) become an immutable, fully resolved ``RuleSet``.
///
/// The pipeline of this module, like OPA's `PrepareForEval`: load once, evaluate many times.
/// 1. ``RuleLoader`` reads every file under `Rules/` with Yams' composer, keeping each node's position.
/// 2. Typed readers build the model (``Exam``, ``ConditionRow``, ``Exemption``, ``MajorCatalog`` …),
///    resolving every reference (subject, specialty, level, major group, qualification, province, city,
///    audit point) to an index, so that evaluation never looks up a string it could have resolved here.
/// 3. Cross-checks (overlapping periods, contradicting or unreachable conditions, audit points outside
///    their province) add their ``Diagnostic``s; all are collected, sorted by file and position.
enum RulesModule {}
