/// Applications and a ``RuleSet`` give ``Verdict``s.
///
/// Like OPA's prepare/eval split, evaluation runs in two steps:
/// 1. ``Evaluator/prepare(_:)`` validates an ``Application`` (ID number, name, dates, identifiers) and
///    resolves it against the rules into a ``Case``: indices, typed dates, classified majors, counted work.
///    Anything that makes the application impossible to judge is an ``ApplicationError`` with its path.
/// 2. ``Evaluator/decide(_:explain:)`` judges a case: the condition rows in force for the level and exam
///    year against every education record, exemptions and additional-specialty routes, subjects, local
///    conditions, the verification route and the fee. Every failed condition becomes a ``Reason`` citing
///    its rule, file position and official document.
enum EligibilityModule {}
